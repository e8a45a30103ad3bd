import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { projectRoot } from '@/lib/db/paths'

// Benchmarks share one generated dump per size and seed in bench/out/ (git-ignored): the 355 MB
// file takes ~20 s to write, once.

export interface GeneratedDump {
  path: string
  manifestPath: string
  bytes: number
}

export function benchOutDir(): string {
  const dir = path.join(projectRoot(), 'bench', 'out')
  mkdirSync(dir, { recursive: true })
  return dir
}

export function ensureGeneratedDump(size: string, options: { gzip?: boolean; seed?: number } = {}): GeneratedDump {
  const seed = options.seed ?? 1
  const base = path.join(benchOutDir(), `ordermys-${size}-seed${seed}.sql${options.gzip ? '.gz' : ''}`)
  const manifestPath = base + '.manifest.json'
  if (!existsSync(base) || !existsSync(manifestPath)) {
    process.stderr.write(`Generating ${size} dump → ${path.relative(process.cwd(), base)}\n`)
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(projectRoot(), 'scripts/generate-dump.ts'), '--size', size, '--out', base,
        '--seed', String(seed), '--manifest', manifestPath, ...(options.gzip ? ['--gzip'] : [])],
      { cwd: projectRoot(), stdio: ['ignore', 'ignore', 'inherit'] },
    )
    if (result.status !== 0) throw new Error(`scripts/generate-dump.ts failed for ${base}`)
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bytes: number }
  return { path: base, manifestPath, bytes: manifest.bytes }
}

/** Peak resident memory of this process so far (VmHWM), in MB. */
export function peakRssMb(): number {
  const status = readFileSync('/proc/self/status', 'utf8')
  const match = /VmHWM:\s+(\d+) kB/.exec(status)
  return match ? Number(match[1]) / 1024 : process.memoryUsage().rss / 1024 / 1024
}

export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
}
