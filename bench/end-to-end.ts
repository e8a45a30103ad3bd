// End-to-end benchmark: a generated production-shaped dump through the whole pipeline — stage →
// validate → import all 21 tables → reconcile (runMigration, in this process) — into a fresh
// database, with each stage's time, rows/s, MB/s and peak RSS. With --anchor, the classic route on
// the same dump in the same run: a private MariaDB loads it (`mariadb < dump`), then pgloader
// copies it into PostgreSQL; both timed, and the ratio printed.
//
//   npx tsx bench/end-to-end.ts [--size 355MB] [--seed 1] [--anchor | --anchor-only] [--keep] [--dump FILE]
//
// (--anchor-only measures the classic route alone, to repeat it without repeating ours.)
//
// Goals: 355 MB in ≤ 60 s with a peak RSS ≤ 300 MB; ≥ 3× faster than the classic route.
//
// - The dump is written by scripts/generate-dump.ts into bench/out/ (git-ignored) with its
//   manifest, and reused when it is already there (same size and seed, same bytes). --dump FILE
//   uses another dump instead.
// - The database: a new one on DATABASE_URL's server, or on the bench's embedded PostgreSQL
//   (bench/classic-route/bench-postgres.ts: its settings, matched to the MariaDB tuning, are
//   printed). Dropped at the end; --keep keeps it (and the pgloader one) and writes
//   bench/out/end-to-end.kept.json for bench/lookups.ts.
// - Peak RSS per stage: VmHWM of this process, read at the end of each stage and reset through
//   /proc/self/clear_refs ("5"); the dump generation, MariaDB and pgloader are other processes.
// - The machine is shared: the load average is printed before and after.

import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { closeClients, createClients } from '@/lib/db/prisma'
import { runMigration, type MigrationProgress, type MigrationResult, type MigrationStage } from '@/lib/pipeline/run-migration'
import { CURRENCY_CODES } from '@/lib/convert/currency-code'
import { decimalEqual, decimalSum } from '@/lib/reconcile/checks'
import type { ReconciliationReport } from '@/lib/reconcile'
import type { DumpManifest } from '@/lib/testing/dump-generator'
import { parseSize } from '@/lib/testing/write-synthetic-dump'
import { BENCH_OUT, startBenchPostgres, type BenchPostgres } from './classic-route/bench-postgres'
import { loadDumpIntoMariaDb, MARIADB_TUNING, startTunedMariaDb } from './classic-route/mariadb-load'
import { runPgloader } from './classic-route/pgloader'

const ROOT = path.join(BENCH_OUT, '..', '..')
export const KEPT_FILE = path.join(BENCH_OUT, 'end-to-end.kept.json')
const MIB = 1024 * 1024
const GOAL_SECONDS = 60
const GOAL_RSS = 300 * MIB
const GOAL_RATIO = 3
const STAGES: MigrationStage[] = ['stage', 'validate', 'import', 'reconcile']

export interface KeptDatabase {
  database: string
  anchorDatabase: string | null
  runId: string
  server: string
  dump: string
  createdAt: string
}

// ---------------------------------------------------------------------------------------------
// Measuring

/** VmHWM (peak resident set) of this process, in bytes. */
export function peakRss(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
  return match ? Number(match[1]) * 1024 : process.memoryUsage().rss
}

/** Resets VmHWM to the current RSS (Linux clear_refs "5"); false where the kernel refuses. */
export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5')
    return true
  } catch {
    return false
  }
}

export function loadLine(): string {
  const [one, five, fifteen] = os.loadavg().map((n) => n.toFixed(2))
  return `load average ${one}, ${five}, ${fifteen} (${os.cpus().length} cores)`
}

const mb = (bytes: number) => `${(bytes / MIB).toFixed(0)} MB`
const seconds = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`)
const perSecond = (n: number, ms: number | null) => (ms ? Math.round(n / (ms / 1000)).toLocaleString('en-US') : '—')

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)))
  return rows.map((r) => '  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n')
}

// ---------------------------------------------------------------------------------------------
// The dump

function ensureDump(size: string, seed: number, given: string | undefined): { file: string; manifest: DumpManifest | null } {
  if (given) {
    if (!existsSync(given)) throw new Error(`--dump ${given}: no such file`)
    const manifestFile = `${given}.manifest.json`
    return { file: given, manifest: existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : null }
  }
  mkdirSync(BENCH_OUT, { recursive: true })
  const file = path.join(BENCH_OUT, `end-to-end-${size.replace(/\s+/g, '')}-seed${seed}.sql`)
  const manifestFile = `${file}.manifest.json`
  if (existsSync(file) && existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'))
    if (manifest.bytes === statSync(file).size) {
      console.log(`dump: ${path.relative(ROOT, file)} (${mb(manifest.bytes)}, reused)`)
      return { file, manifest }
    }
  }
  console.log(`dump: generating ${size} (seed ${seed}) into ${path.relative(ROOT, file)} …`)
  const started = performance.now()
  const generated = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/generate-dump.ts'), '--size', size, '--seed', String(seed), '--out', file, '--manifest', manifestFile], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'pipe'],
    timeout: 15 * 60_000,
  })
  if (generated.status !== 0) {
    rmSync(file, { force: true })
    rmSync(manifestFile, { force: true })
    throw new Error(`scripts/generate-dump.ts failed (${generated.status ?? generated.signal}): ${generated.stderr?.toString().trim().split('\n').slice(-5).join('\n')}`)
  }
  console.log(`dump: ${mb(statSync(file).size)} generated in ${((performance.now() - started) / 1000).toFixed(1)} s (not part of the figures)`)
  return { file, manifest: JSON.parse(readFileSync(manifestFile, 'utf8')) }
}

// ---------------------------------------------------------------------------------------------
// The reconciliation's source figures against the generator's manifest: an oracle that owes nothing
// to the staging area (the manifest counts what the generator wrote).

export function compareWithManifest(report: ReconciliationReport, manifest: DumpManifest): { agree: number; differences: string[] } {
  const differences: string[] = []
  let agree = 0
  const same = (what: string, expected: string | number, actual: string | number | null | undefined) => {
    const equal = typeof expected === 'string' && typeof actual === 'string' ? decimalEqual(expected, actual) : expected === actual
    if (equal) agree++
    else differences.push(`${what}: manifest ${expected}, reconciliation ${actual ?? 'none'}`)
  }
  for (const t of report.tables) {
    same(`${t.legacyTable} rows`, manifest.tables[t.legacyTable]?.rows ?? 0, t.source?.staged)
    if (t.legacyTable in manifest.deleted) same(`${t.legacyTable} deleted`, manifest.deleted[t.legacyTable], t.source?.deleted)
  }
  for (const [name, expected] of Object.entries(manifest.references)) {
    const r = report.references.find((x) => `${x.legacyTable}.${x.legacyColumn}` === name)
    same(`${name} none`, expected.zero, r?.source?.none)
    same(`${name} orphans`, expected.orphan, r?.source ? r.source.orphan + r.source.rejectedTarget : undefined)
  }
  // per ISO currency; the legacy numbers without one (0, 9, …) together as "unknown"
  const byCurrency = new Map<string | null, { orders: number; saddle: string[]; options: string[]; shipping: string[]; deposit: string[]; total: string[] }>()
  for (const [legacy, c] of Object.entries(manifest.orders.byCurrency)) {
    const iso = (CURRENCY_CODES as Record<string, string>)[legacy] ?? null
    const entry = byCurrency.get(iso) ?? { orders: 0, saddle: [], options: [], shipping: [], deposit: [], total: [] }
    entry.orders += c.orders
    entry.saddle.push(c.priceSaddle)
    entry.options.push(c.priceOptions)
    entry.shipping.push(c.priceShipping)
    entry.deposit.push(c.priceDeposit)
    entry.total.push(c.total)
    byCurrency.set(iso, entry)
  }
  for (const [iso, expected] of byCurrency) {
    const entry = report.money.find((m) => m.legacyTable === 'Orders' && m.currency === iso)
    const sum = (measure: string) => entry?.sums.find((s) => s.measure === measure)?.source
    same(`Orders ${iso ?? 'unknown currency'} rows`, expected.orders, entry?.rows.source)
    for (const measure of ['saddle', 'options', 'shipping', 'deposit', 'total'] as const) same(`Orders ${iso ?? 'unknown currency'} ${measure}`, decimalSum(expected[measure], 2), sum(measure))
  }
  const lines = report.money.find((m) => m.legacyTable === 'OrdersInfo')
  same('OrdersInfo price', manifest.orderLines.priceSum, lines?.sums.find((s) => s.measure === 'price')?.source)
  same('Log zero dates', manifest.log.zeroDates, report.dateRanges.find((d) => d.legacyTable === 'Log')?.source.nulls)
  return { agree, differences }
}

// ---------------------------------------------------------------------------------------------
// Our route

interface OurFigures {
  result: MigrationResult
  totalMs: number
  peakByStage: Partial<Record<MigrationStage, number>>
  peak: number
  /** RSS once connected, before the pipeline starts */
  baseline: number
  rows: number
}

async function runOurs(server: BenchPostgres, database: string, dumpFile: string): Promise<OurFigures> {
  const url = await server.createDatabase(database)
  // In a child process: the WebAssembly schema engine would otherwise stay in this process's
  // memory and count in the pipeline's peak RSS.
  const migrated = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/db-migrate.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 5 * 60_000,
  })
  if (migrated.status !== 0) throw new Error(`scripts/db-migrate.ts failed (${migrated.status ?? migrated.signal}): ${migrated.stderr?.toString().trim()}`)
  const db = createClients(url)
  try {
    await db.prisma.migrationRun.count() // connect and load the query compiler before measuring
    const baseline = process.memoryUsage().rss
    process.stderr.write(`  RSS before the pipeline: ${mb(baseline)}\n`)
    const peakByStage: Partial<Record<MigrationStage, number>> = {}
    let lastLine = 0
    const onProgress = (p: MigrationProgress) => {
      if (p.kind === 'done') {
        peakByStage[p.stage] = peakRss()
        resetPeakRss()
        process.stderr.write(`  ${p.stage} done in ${seconds(p.milliseconds)}\n`)
      } else if (Date.now() - lastLine > 5000) {
        lastLine = Date.now()
        const where =
          p.kind === 'bytes' ? `${mb(p.bytes)}${p.totalBytes ? ` of ${mb(p.totalBytes)}` : ''}${p.table ? ` (${p.table})` : ''}`
          : p.kind === 'rows' ? `${p.table} ${p.rowsDone}/${p.rowsTotal}`
          : p.kind === 'parts' ? `${p.done}/${p.total} ${p.part}`
          : `${p.tables} tables, ${p.total} rows`
        process.stderr.write(`  ${p.stage}: ${where}\n`)
      }
    }
    resetPeakRss()
    const started = performance.now()
    const result = await runMigration({ db, dumpPath: dumpFile, all: true, actor: 'bench/end-to-end', onProgress })
    const totalMs = performance.now() - started
    const peak = Math.max(peakRss(), ...Object.values(peakByStage))
    return { result, totalMs, peakByStage, peak, baseline, rows: result.tables.reduce((n, t) => n + t.rows, 0) }
  } finally {
    await closeClients(db)
  }
}

function printOurs(figures: OurFigures, dumpBytes: number): void {
  const { result, totalMs, peakByStage, peak, baseline, rows } = figures
  const mapped = result.tables.reduce((n, t) => n + t.mapped, 0)
  const rowsOf: Record<MigrationStage, number> = { stage: rows, validate: rows, import: mapped, reconcile: rows }
  const lines = [['stage', 'time', 'rows/s', 'MB/s', 'peak RSS']]
  for (const stage of STAGES) {
    const ms = result.timings[stage]
    lines.push([stage, seconds(ms), perSecond(rowsOf[stage], ms), ms ? (dumpBytes / MIB / (ms / 1000)).toFixed(1) : '—', peakByStage[stage] ? mb(peakByStage[stage]!) : '—'])
  }
  lines.push(['total', seconds(totalMs), perSecond(rows, totalMs), (dumpBytes / MIB / (totalMs / 1000)).toFixed(1), mb(peak)])
  console.log(`\nours (runMigration: ${result.tables.length} tables, ${rows.toLocaleString('en-US')} rows staged, ${mapped.toLocaleString('en-US')} imported):`)
  console.log(table(lines))
  console.log(`  RSS before the pipeline started (Node, tsx, Prisma client, pool): ${mb(baseline)}`)
  const reconciliation = result.reconciliation
  if (reconciliation) {
    const s = reconciliation.report.summary
    console.log(`  reconciliation: ${reconciliation.passed ? 'PASSED' : 'FAILED'} (${s.checks} checks: ${s.pass} pass, ${s.warn} warn, ${s.fail} fail, ${s.skip} skip) in ${seconds(reconciliation.report.milliseconds)}`)
    for (const f of s.failures.slice(0, 10)) console.log(`    ✗ ${f.section} ${f.subject} ${f.check}: ${f.message}`)
  }
  for (const f of result.failures.filter((f) => f.table !== null)) console.log(`  ✗ ${f.table}: ${f.code} ${f.message}`)
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met')
  // A run that failed (a table not imported, reconciliation not holding) meets no goal, however fast.
  const failed = result.ok ? '' : ' (the run FAILED: see above)'
  console.log(`  goal ≤ ${GOAL_SECONDS} s: ${verdict(result.ok && totalMs / 1000 <= GOAL_SECONDS)}; goal peak RSS ≤ ${mb(GOAL_RSS)}: ${verdict(result.ok && peak <= GOAL_RSS)}${failed}`)
}

// ---------------------------------------------------------------------------------------------
// The classic route

interface AnchorFigures {
  mariadbSeconds: number
  pgloaderSeconds: number
  pgloaderRows: number
  pgloaderErrors: number
  mariadbRows: number
}

async function runAnchor(server: BenchPostgres, database: string, dumpFile: string, cleanups: (() => Promise<void>)[]): Promise<AnchorFigures> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'e2e-anchor-'))
  cleanups.push(async () => rmSync(workDir, { recursive: true, force: true }))
  process.stderr.write(`  starting MariaDB (${MARIADB_TUNING.join(' ')}) …\n`)
  const mariadb = await startTunedMariaDb()
  cleanups.push(() => mariadb.stop())
  try {
    process.stderr.write(`  mariadb ordermys < ${path.basename(dumpFile)} …\n`)
    const loaded = await loadDumpIntoMariaDb(mariadb, dumpFile, { timeoutMs: 30 * 60_000 })
    process.stderr.write(`  loaded in ${loaded.seconds.toFixed(1)} s; pgloader …\n`)
    const url = await server.createDatabase(database)
    const pgloader = await runPgloader({ mysqlPort: mariadb.port, mysqlDatabase: loaded.database, postgresUrl: url, workDir, timeoutMs: 30 * 60_000 })
    return {
      mariadbSeconds: loaded.seconds,
      pgloaderSeconds: pgloader.seconds,
      pgloaderRows: pgloader.rows,
      pgloaderErrors: pgloader.errors,
      mariadbRows: Object.values(loaded.rows).reduce((a, b) => a + b, 0),
    }
  } finally {
    await mariadb.stop()
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '355MB' },
      seed: { type: 'string', default: '1' },
      dump: { type: 'string' },
      anchor: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'anchor-only': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    console.log('usage: npx tsx bench/end-to-end.ts [--size 355MB] [--seed 1] [--anchor | --anchor-only] [--keep] [--dump FILE]')
    return
  }
  parseSize(values.size!) // fails early on a bad size
  const seed = Number(values.seed)
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be an integer, not ${values.seed}`)

  console.log(`bench/end-to-end — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} cores, ${mb(os.totalmem())} RAM`)
  // The pipeline runs in this process, with the V8 flags `npm run migrate` uses (package.json).
  console.log(`node flags: ${process.execArgv.filter((a) => a.startsWith('--max')).join(' ') || '(none)'}`)
  console.log(`before: ${loadLine()}`)
  const { file: dumpFile, manifest } = ensureDump(values.size!, seed, values.dump)
  const dumpBytes = statSync(dumpFile).size

  const cleanups: (() => Promise<void>)[] = []
  let stopping = false
  const cleanUp = async () => {
    for (const step of cleanups.reverse()) await step().catch((error: unknown) => console.error(`cleanup: ${error instanceof Error ? error.message : String(error)}`))
    cleanups.length = 0
  }
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    console.error(`\n${signal}: cleaning up …`)
    void cleanUp().finally(() => process.exit(130))
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)

  try {
    const server = await startBenchPostgres()
    cleanups.push(() => server.stop())
    console.log(`postgres: ${server.description}; ${Object.entries(await server.settings()).map(([k, v]) => `${k}=${v}`).join(' ')}`)
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
    const database = `e2e_${stamp}`
    const anchorDatabase = `e2e_${stamp}_pgloader`
    if (!values.keep && !values['anchor-only']) cleanups.push(() => server.dropDatabase(database))

    const anchorOnly = values['anchor-only']!
    let ours: OurFigures | null = null
    if (!anchorOnly) {
      console.log(`\nours: runMigration on ${path.basename(dumpFile)} (${mb(dumpBytes)}) into ${database} …`)
      ours = await runOurs(server, database, dumpFile)
      const loadAfterOurs = loadLine()
      printOurs(ours, dumpBytes)
      const report = ours.result.reconciliation?.report
      if (manifest && report) {
        const { agree, differences } = compareWithManifest(report, manifest)
        console.log(`  manifest: ${agree} of ${agree + differences.length} figures of the generator's manifest agree with the reconciliation's source side`)
        for (const d of differences.slice(0, 10)) console.log(`    ✗ ${d}`)
      }
      console.log(`  (${loadAfterOurs})`)
    }

    if (values.anchor || anchorOnly) {
      console.log(`\nclassic route: MariaDB load, then pgloader into ${anchorDatabase} …`)
      if (!values.keep) cleanups.push(() => server.dropDatabase(anchorDatabase))
      const anchor = await runAnchor(server, anchorDatabase, dumpFile, cleanups)
      const classic = anchor.mariadbSeconds + anchor.pgloaderSeconds
      const oursSeconds = ours === null ? null : ours.totalMs / 1000
      console.log(
        table([
          ['step', 'time', 'rows/s', 'MB/s'],
          ['mariadb < dump', `${anchor.mariadbSeconds.toFixed(1)} s`, perSecond(anchor.mariadbRows, anchor.mariadbSeconds * 1000), (dumpBytes / MIB / anchor.mariadbSeconds).toFixed(1)],
          ['pgloader', `${anchor.pgloaderSeconds.toFixed(1)} s`, perSecond(anchor.pgloaderRows, anchor.pgloaderSeconds * 1000), '—'],
          ['total', `${classic.toFixed(1)} s`, perSecond(anchor.mariadbRows, classic * 1000), (dumpBytes / MIB / classic).toFixed(1)],
        ]),
      )
      console.log(`  rows: MariaDB holds ${anchor.mariadbRows.toLocaleString('en-US')}, pgloader copied ${anchor.pgloaderRows.toLocaleString('en-US')} (${anchor.pgloaderErrors} errors)`)
      console.log(`  (${loadLine()})`)
      if (oursSeconds !== null) {
        const ratio = classic / oursSeconds
        console.log(`\nratio: classic ${classic.toFixed(1)} s / ours ${oursSeconds.toFixed(1)} s = ${ratio.toFixed(2)}× — goal ≥ ${GOAL_RATIO}×: ${ratio >= GOAL_RATIO ? 'met' : 'NOT met'}`)
        console.log('  (ours also validates every row against the contract, keeps every rejected row with its reason, and reconciles; the classic route copies tables as they are)')
      }
    }

    if (values.keep && ours) {
      const kept: KeptDatabase = {
        database,
        anchorDatabase: values.anchor ? anchorDatabase : null,
        runId: ours.result.runId,
        server: server.description,
        dump: path.relative(ROOT, dumpFile),
        createdAt: new Date().toISOString(),
      }
      writeFileSync(KEPT_FILE, JSON.stringify(kept, null, 2) + '\n')
      console.log(`\nkept: ${database}${values.anchor ? ` and ${anchorDatabase}` : ''} (${path.relative(ROOT, KEPT_FILE)}); bench/lookups.ts uses it`)
    }
    console.log(`after: ${loadLine()}`)
  } finally {
    await cleanUp()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('bench/end-to-end.ts')) {
  main().catch((error: unknown) => {
    console.error(`bench/end-to-end: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    process.exit(1)
  })
}
