// A child process with a deadline: stdin from a file (or nothing), stdout/stderr kept (the last
// 64 KB each), killed — SIGTERM, then SIGKILL 10 s later — when the deadline passes.

import { spawn } from 'node:child_process'
import { createReadStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'

export interface RunProcessOptions {
  /** a file piped to stdin */
  stdinFile?: string
  timeoutMs: number
  env?: NodeJS.ProcessEnv
  cwd?: string
}

export interface ProcessResult {
  code: number | null
  signal: NodeJS.Signals | null
  seconds: number
  stdout: string
  stderr: string
  timedOut: boolean
}

const KEEP = 64 * 1024

function tail(chunks: Buffer[], total: { n: number }, chunk: Buffer): void {
  chunks.push(chunk)
  total.n += chunk.length
  while (total.n - chunks[0].length > KEEP) total.n -= chunks.shift()!.length
}

export async function runProcess(command: string, args: readonly string[], options: RunProcessOptions): Promise<ProcessResult> {
  const started = performance.now()
  const child = spawn(command, args, { stdio: [options.stdinFile ? 'pipe' : 'ignore', 'pipe', 'pipe'], env: options.env ?? process.env, cwd: options.cwd })
  const out: Buffer[] = []
  const err: Buffer[] = []
  const outSize = { n: 0 }
  const errSize = { n: 0 }
  child.stdout!.on('data', (c: Buffer) => tail(out, outSize, c))
  child.stderr!.on('data', (c: Buffer) => tail(err, errSize, c))
  let timedOut = false
  let killTimer: NodeJS.Timeout | undefined
  const deadline = setTimeout(() => {
    timedOut = true
    child.kill('SIGTERM')
    killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  }, options.timeoutMs)
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code, signal) => resolve({ code, signal }))
  })
  if (options.stdinFile) {
    // The client may stop reading (an SQL error ends it): its exit code tells, not EPIPE.
    child.stdin!.on('error', () => undefined)
    await pipeline(createReadStream(options.stdinFile), child.stdin!).catch(() => undefined)
  }
  try {
    const { code, signal } = await closed
    return {
      code,
      signal,
      seconds: (performance.now() - started) / 1000,
      stdout: Buffer.concat(out).toString('utf8'),
      stderr: Buffer.concat(err).toString('utf8'),
      timedOut,
    }
  } finally {
    clearTimeout(deadline)
    clearTimeout(killTimer)
  }
}

/** Throws with the command, its exit and the end of its output unless it exited 0 in time. */
export function assertSucceeded(what: string, result: ProcessResult): void {
  if (result.code === 0 && !result.timedOut) return
  const why = result.timedOut ? `did not finish in time (killed after ${result.seconds.toFixed(0)} s)` : `exited with ${result.code ?? result.signal}`
  const output = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-20).join('\n')
  throw new Error(`${what} ${why}${output ? `:\n${output}` : ''}`)
}
