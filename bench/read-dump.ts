// Reader benchmark: MB/s, rows/s, elapsed and peak RSS of readDump() on a generated dump, plain
// and gzipped, next to `cat FILE > /dev/null` and `zcat FILE.gz > /dev/null` measured in the same run.
//
//   npx tsx bench/read-dump.ts [--size 355MB] [--file PATH] [--runs 3]
//
// Without --file the dump is made by scripts/generate-dump.ts into bench/out/ (git-ignored) when
// missing. With --file PATH, PATH is the plain dump and PATH.gz (made into bench/out/ if missing)
// the gzipped one. Each measurement runs in a fresh Node process, so that its peak RSS (VmHWM) is
// its own; the best and the median of --runs are printed.

import { spawn, spawnSync } from 'node:child_process'
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createGzip } from 'node:zlib'
import { openDumpFile, readDump } from '../lib/dump/index'
import { ensureGeneratedDump } from './support/generated-dump'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const ROOT = path.join(HERE, '..')
const OUT = path.join(HERE, 'out')

interface Measurement {
  seconds: number
  cpuSeconds: number
  bytes: number
  sourceBytes: number
  rows: number
  statements: number
  peakRssBytes: number
}

/** Child mode: read one file, print one JSON line. */
async function measure(file: string): Promise<void> {
  const startCpu = process.cpuUsage()
  const start = performance.now()
  let rows = 0
  const events = readDump(openDumpFile(file))
  for await (const event of events) if (event.kind === 'rows') rows += event.rows.length
  const seconds = (performance.now() - start) / 1000
  const cpu = process.cpuUsage(startCpu)
  const result: Measurement = {
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    bytes: events.info.bytes,
    sourceBytes: events.info.sourceBytes,
    rows,
    statements: events.info.statements,
    peakRssBytes: peakRss(),
  }
  process.stdout.write(JSON.stringify(result) + '\n')
}

/** VmHWM: the peak resident set size of this process, from the kernel. */
function peakRss(): number {
  const status = readFileSync('/proc/self/status', 'utf8')
  const line = status.split('\n').find((l) => l.startsWith('VmHWM:'))
  return line ? Number(line.replace(/\D+/g, '')) * 1024 : process.memoryUsage().rss
}

function runChild(file: string): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--measure', file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Measurement) : reject(new Error(`measurement of ${file} exited with ${code}`))))
  })
}

/** Wall time of `command args > /dev/null`. */
function timeCommand(command: string, args: string[]): number {
  const start = performance.now()
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'] })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`)
  return (performance.now() - start) / 1000
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const mb = (bytes: number) => bytes / 1e6

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '355MB' },
      file: { type: 'string' },
      runs: { type: 'string', default: '3' },
      measure: { type: 'string' },
    },
  })
  if (values.measure) return measure(values.measure)

  mkdirSync(OUT, { recursive: true })
  const runs = Math.max(1, Number(values.runs))
  let plain: string
  let gz: string
  if (values.file) {
    plain = path.resolve(values.file)
    gz = existsSync(plain + '.gz') ? plain + '.gz' : path.join(OUT, path.basename(plain) + '.gz')
    if (!existsSync(gz)) {
      process.stderr.write(`gzipping ${plain} → ${gz} …\n`)
      await pipeline(createReadStream(plain), createGzip(), createWriteStream(gz))
    }
  } else {
    // The same generated files as the other benchmarks (bench/support/generated-dump.ts).
    plain = ensureGeneratedDump(values.size!).path
    gz = ensureGeneratedDump(values.size!, { gzip: true }).path
  }

  const rows: string[][] = []
  for (const [label, file, tool, toolArgs] of [
    ['plain', plain, 'cat', [plain]],
    ['gzip', gz, 'zcat', [gz]],
  ] as const) {
    const results: Measurement[] = []
    const toolTimes: number[] = []
    for (let i = 0; i < runs; i++) {
      toolTimes.push(timeCommand(tool, [...toolArgs]))
      results.push(await runChild(file))
    }
    const best = results.reduce((a, b) => (b.seconds < a.seconds ? b : a))
    const mid = median(results.map((r) => r.seconds))
    rows.push([
      label,
      `${mb(statSync(file).size).toFixed(1)} MB`,
      `${(mb(best.bytes) / best.seconds).toFixed(1)} MB/s`,
      `${(mb(best.bytes) / mid).toFixed(1)} MB/s`,
      `${((best.rows / best.seconds) / 1e6).toFixed(2)} M rows/s`,
      `${best.seconds.toFixed(2)} s`,
      `${best.cpuSeconds.toFixed(2)} s`,
      `${(Math.max(...results.map((r) => r.peakRssBytes)) / 1024 / 1024).toFixed(0)} MiB`,
      `${tool} ${Math.min(...toolTimes).toFixed(2)} s`,
      `${best.rows} rows, ${best.statements} statements`,
    ])
  }
  const header = ['input', 'file', 'best', 'median', 'rows/s (best)', 'elapsed', 'cpu', 'peak RSS', 'baseline', 'read']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ')
  process.stdout.write(`readDump on ${plain} (${runs} runs each, Node ${process.version})\n`)
  process.stdout.write([line(header), ...rows.map(line)].join('\n') + '\n')
}

main().catch((error: unknown) => {
  process.stderr.write(`bench/read-dump: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
