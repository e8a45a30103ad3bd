// The app as a user starts it (`npm start`), for the benchmarks and browser tests that need one of
// their own: its own process group (npm, tsx, Next.js and the embedded database's starter are stopped
// together), ready once /api/health answers.

import { spawn, type ChildProcess } from 'node:child_process'
import type { Writable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'

export interface StartAppOptions {
  port: number
  /** the project to start; default the current folder */
  cwd?: string
  /** added to this process's environment (DATABASE_URL is never inherited: the app picks its own database) */
  env: Record<string, string>
  /** where the app's output goes; default this process's stdout/stderr */
  output?: Writable
  /** how long the app may take to answer (a stale build is rebuilt first); default 5 minutes */
  readyWithinMs?: number
}

export async function startApp({ port, cwd = process.cwd(), env, output, readyWithinMs = 300_000 }: StartAppOptions): Promise<ChildProcess> {
  const { DATABASE_URL: _ignored, ...inherited } = process.env
  const child = spawn('npm', ['start'], {
    cwd,
    env: { ...inherited, PORT: String(port), ...env },
    detached: true,
    stdio: ['ignore', output ? 'pipe' : 'inherit', output ? 'pipe' : 'inherit'],
  })
  if (output) {
    child.stdout!.pipe(output, { end: false })
    child.stderr!.pipe(output, { end: false })
  }
  for (const until = Date.now() + readyWithinMs; Date.now() < until; await sleep(250)) {
    if (child.exitCode !== null) throw new Error(`npm start exited with code ${child.exitCode}`)
    const healthy = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    )
    if (healthy) return child
  }
  process.kill(-child.pid!, 'SIGKILL')
  throw new Error(`the app did not answer on port ${port} within ${Math.round(readyWithinMs / 1000)} s`)
}

/** Waits until `npm start` has exited (it does when its Next.js server dies); throws after `withinMs`. */
export async function waitForExit(child: ChildProcess, withinMs = 60_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  if (await Promise.race([exited.then(() => false), sleep(withinMs, true)])) throw new Error(`npm start did not exit within ${withinMs / 1000} s`)
}

/** SIGTERM to the whole group (npm start stops Next.js, then its database); SIGKILL after a minute. */
export async function stopApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  process.kill(-child.pid!, 'SIGTERM')
  if (await Promise.race([exited.then(() => false), sleep(60_000, true)])) process.kill(-child.pid!, 'SIGKILL')
}
