// Preview under load: the app as a user starts it (`npm start`, production build, its own embedded
// PostgreSQL in bench/out/load-postgres), a generated production-shaped dump staged and validated in
// it, a signed-in session, then autocannon on loopback against the preview's JSON route
// (/api/runs/<run>/tables/<table>/rows) with a mix of what operators do — random pages, sorts,
// filters by severity and by rule, jumps to a legacy id, big pages — never one cached URL; then the
// same mix against the HTML preview page, for information. Prints requests/s, p50/p95/p99 latency
// (every response timed), errors and non-2xx, and the machine's load average. Stops the app.
//
//   npm run bench:preview-load -- [--size 355MB] [--table OrdersInfo] [--duration 30] [--connections 50]
//
// The staged run is kept between runs (the same dump is found by its name and state); --fresh
// stages it again; --attach uses an app already running on --port (to profile it). Goal: p95 ≤ 300 ms
// and no errors for the JSON route.

import type { ChildProcess } from 'node:child_process'
import { createWriteStream, mkdirSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { DEFAULT_DATABASE_NAME } from '../lib/db/ensure-database'
import { EMBEDDED_PG_PASSWORD, EMBEDDED_PG_USER } from '../lib/db/embedded-postgres'
import { projectRoot } from '../lib/db/paths'
import { closeClients, createClients, type DatabaseClients } from '../lib/db/prisma'
import { runMigration } from '../lib/pipeline/run-migration'
import { startApp, stopApp } from '../lib/testing/app-process'
import { stagedTable } from '../lib/staging/staging-names'
import { benchOutDir, ensureGeneratedDump, loadAverage } from './support/generated-dump'

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '355MB' },
    table: { type: 'string', default: 'OrdersInfo' },
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '50' },
    port: { type: 'string', default: '3140' },
    'pg-port': { type: 'string', default: '54381' },
    fresh: { type: 'boolean', default: false },
    /** use an app already running on --port (its database on --pg-port), e.g. one started with --cpu-prof */
    attach: { type: 'boolean', default: false },
    'skip-html': { type: 'boolean', default: false },
  },
})
const TABLE = values.table!
const DURATION = Number(values.duration)
const CONNECTIONS = Number(values.connections)
const PORT = Number(values.port)
const PG_PORT = Number(values['pg-port'])
const BASE = `http://127.0.0.1:${PORT}`
const BUDGET_P95_MS = 300
const ADMIN = { email: 'bench@example.com', password: 'bench-preview-load-password' }

const out = benchOutDir()
const dump = ensureGeneratedDump(values.size!)
const root = projectRoot()

console.log(`preview load: ${CONNECTIONS} connections for ${DURATION} s on loopback, table ${TABLE} of ${path.basename(dump.path)}`)
console.log(`machine: load average ${loadAverage()} before starting the app`)

const app = values.attach ? null : await startBenchApp()
let db: DatabaseClients | undefined
try {
  db = createClients(`postgresql://${EMBEDDED_PG_USER}:${EMBEDDED_PG_PASSWORD}@127.0.0.1:${PG_PORT}/${DEFAULT_DATABASE_NAME}`)
  const runId = await stagedRun(db)
  const table = await describeTable(db, runId)
  console.log(
    `run ${runId}: ${TABLE} has ${table.rows.toLocaleString('en-US')} rows, ids ${table.minId}…${table.maxId}, rules ${JSON.stringify(table.rules)}`,
  )
  const cookie = await signIn()
  const headers = { cookie, accept: 'application/json' }

  const mix = requestMix(table)
  // Every kind once, checked, before the load: a wrong URL must not pass as "fast".
  for (const kind of mix.kinds) {
    const query = kind.query()
    const started = performance.now()
    const response = await fetch(`${BASE}/api/runs/${runId}/tables/${encodeURIComponent(TABLE)}/rows?${query}`, { headers })
    const body = await response.text()
    if (!response.ok) throw new Error(`${kind.name}: ${response.status} ${body.slice(0, 300)}`)
    const parsed = JSON.parse(body) as { rows: unknown[]; total: number }
    console.log(
      `  ${kind.name.padEnd(30)} ${String(kind.weight).padStart(3)}%  ${String(parsed.rows.length).padStart(3)} rows  ${(body.length / 1024).toFixed(0).padStart(4)} KiB  ${(performance.now() - started).toFixed(0).padStart(5)} ms  ?${query}`,
    )
  }

  const json = await load(`/api/runs/${runId}/tables/${encodeURIComponent(TABLE)}/rows`, mix, headers)
  report('JSON route', json, true)
  if (!values['skip-html']) {
    const html = await load(`/runs/${runId}/tables/${encodeURIComponent(TABLE)}`, mix, { cookie, accept: 'text/html' })
    report('HTML page (informational)', html, false)
  }
} finally {
  if (db) await closeClients(db)
  if (app) await stopBenchApp(app)
}

// ---------------------------------------------------------------------------------------------

interface TableFacts {
  rows: number
  minId: number
  maxId: number
  rules: Record<string, number>
  warnings: number
  errors: number
  /** a legacy column holding numbers, one holding text (sort targets) */
  numberColumn: string | null
  textColumn: string | null
}

async function startBenchApp(): Promise<ChildProcess> {
  mkdirSync(out, { recursive: true })
  const log = createWriteStream(path.join(out, 'preview-load-server.log'))
  const started = performance.now()
  process.stdout.write(`starting the app (npm start on port ${PORT}; a stale build is rebuilt first; log: bench/out/preview-load-server.log)…`)
  // Its own embedded PostgreSQL (startApp never passes DATABASE_URL on).
  const child = await startApp({
    port: PORT,
    cwd: root,
    output: log,
    readyWithinMs: 15 * 60_000,
    env: {
      ORDERMYS_DATA_DIR: path.join('bench', 'out', 'load-postgres'),
      ORDERMYS_UPLOAD_DIR: path.join('bench', 'out', 'load-uploads'),
      EMBEDDED_PG_PORT: String(PG_PORT),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    },
  }).catch((error: Error) => {
    throw new Error(`${error.message}; see bench/out/preview-load-server.log`)
  })
  console.log(` ready in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return child
}

async function stopBenchApp(child: ChildProcess) {
  await stopApp(child)
  console.log('app stopped')
}

/** The run of this dump, staged and validated (a dry run of the pipeline), made once and kept. */
async function stagedRun(db: DatabaseClients): Promise<string> {
  const fileName = path.basename(dump.path)
  if (!values.fresh) {
    const existing = await db.prisma.migrationRun.findFirst({
      where: { fileName, status: 'staged', tables: { some: { legacyTable: TABLE, state: 'validated' } } },
      orderBy: { createdAt: 'desc' },
    })
    if (existing) return existing.id
  }
  const started = performance.now()
  process.stdout.write(`staging and validating ${fileName} (${(dump.bytes / 1024 ** 2).toFixed(0)} MB)…`)
  const result = await runMigration({ db, dumpPath: dump.path, dryRun: true, actor: 'bench' })
  console.log(` ${((performance.now() - started) / 1000).toFixed(1)} s (stage ${result.timings.stage} ms, validate ${result.timings.validate} ms)`)
  return result.runId
}

async function describeTable(db: DatabaseClients, runId: string): Promise<TableFacts> {
  const state = await db.prisma.migrationRunTable.findUniqueOrThrow({ where: { runId_legacyTable: { runId, legacyTable: TABLE } }, include: { run: true } })
  const staged = stagedTable(state.run.stagingSchema!, TABLE)
  const ids = await db.pool.query<{ min: string; max: string }>(`select min(_legacy_id)::text as min, max(_legacy_id)::text as max from ${staged}`)
  const columns = await db.pool.query<{ name: string }>(
    `select column_name as name from information_schema.columns
      where table_schema = $1 and table_name = $2 and left(column_name, 1) <> '_' order by ordinal_position`,
    [state.run.stagingSchema, TABLE],
  )
  // Which columns hold numbers and which text, from their first 1,000 values.
  let numberColumn: string | null = null
  let textColumn: string | null = null
  for (const { name } of columns.rows) {
    if (name === 'ID') continue
    const sample = await db.pool.query<{ numbers: boolean; text: boolean }>(
      `select bool_and(${quote(name)} ~ '^-?[0-9]+$') as numbers, bool_or(${quote(name)} ~ '[A-Za-z]') as text from (select ${quote(name)} from ${staged} where _row <= 1000) s`,
    )
    if (!numberColumn && sample.rows[0].numbers) numberColumn = name
    if (!textColumn && sample.rows[0].text) textColumn = name
  }
  return {
    rows: state.rowsStaged,
    minId: Number(ids.rows[0].min),
    maxId: Number(ids.rows[0].max),
    rules: Object.fromEntries(Object.entries((state.countsByRule as Record<string, number> | null) ?? {}).filter(([, n]) => n > 0)),
    warnings: state.warningCount,
    errors: state.errorCount,
    numberColumn,
    textColumn,
  }
}

function quote(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"'
}

async function signIn(): Promise<string> {
  const response = await fetch(`${BASE}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  })
  const cookie = response.headers.get('set-cookie')?.split(';')[0]
  if (response.status !== 204 || !cookie?.startsWith('ordermys_session=')) {
    throw new Error(`POST /api/session answered ${response.status}: ${(await response.text()).slice(0, 300)}`)
  }
  console.log('signed in (POST /api/session → ordermys_session cookie)')
  return cookie
}

interface RequestKind {
  name: string
  /** share of the requests, in percent */
  weight: number
  query: () => string
}

/**
 * What operators do on the preview, by share: page through in dump order (anywhere), look at the
 * errors or warnings, at one rule's rows, jump to an id, sort by ID (anywhere) or by a column (its
 * first pages: nobody pages to the middle of a sort by name), and now and then 200 rows at once.
 */
function requestMix(t: TableFacts): { kinds: RequestKind[]; pick: () => string } {
  const random = (n: number) => Math.floor(Math.random() * n)
  const pageOf = (rows: number, size = 50) => 1 + random(Math.max(1, Math.ceil(rows / size)))
  const rules = Object.entries(t.rules)
  const severities = [...(t.errors > 0 ? ['error'] : []), ...(t.warnings > 0 ? ['warning'] : [])]
  const sortColumns = [t.numberColumn, t.textColumn].filter((c): c is string => c !== null)
  const kinds: RequestKind[] = [
    { name: 'page in dump order', weight: 30, query: () => `page=${pageOf(t.rows)}` },
    { name: 'last pages, dump order desc', weight: 5, query: () => `sort=-_row&page=${1 + random(20)}` },
    { name: 'sorted by ID (any page)', weight: 10, query: () => `sort=${random(2) ? '-' : ''}ID&page=${pageOf(t.rows)}` },
    ...(sortColumns.length
      ? [{ name: 'sorted by a column (pages 1–5)', weight: 10, query: () => `sort=${random(2) ? '-' : ''}${sortColumns[random(sortColumns.length)]}&page=${1 + random(5)}` }]
      : []),
    ...(severities.length
      ? [{ name: 'errors or warnings (pages 1–20)', weight: 15, query: () => `severity=${severities[random(severities.length)]}&page=${1 + random(20)}` }]
      : []),
    ...(rules.length ? [{ name: 'one rule (pages 1–20)', weight: 15, query: () => `code=${rules[random(rules.length)][0]}&page=${1 + random(20)}` }] : []),
    { name: 'jump to a legacy id', weight: 10, query: () => `jump=${t.minId + random(t.maxId - t.minId + 1)}` },
    { name: '200 rows per page', weight: 5, query: () => `size=200&page=${pageOf(t.rows, 200)}` },
  ]
  const total = kinds.reduce((sum, k) => sum + k.weight, 0)
  for (const kind of kinds) kind.weight = Math.round((kind.weight / total) * 100)
  return {
    kinds,
    pick: () => {
      let r = Math.random() * 100
      for (const kind of kinds) if ((r -= kind.weight) < 0) return kind.query()
      return kinds[0].query()
    },
  }
}

interface LoadResult {
  requests: number
  seconds: number
  latencies: number[]
  errors: number
  timeouts: number
  non2xx: number
  bytes: number
  loadAverage: string
}

async function load(pathname: string, mix: ReturnType<typeof requestMix>, headers: Record<string, string>): Promise<LoadResult> {
  const latencies: number[] = []
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: BASE,
        connections: CONNECTIONS,
        duration: DURATION,
        headers,
        timeout: 30,
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `${pathname}?${mix.pick()}` }) }],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    )
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime))
  })
  return {
    requests: result.requests.total,
    seconds: result.duration,
    latencies: latencies.sort((a, b) => a - b),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    bytes: result.throughput.total,
    loadAverage: loadAverage(),
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

function report(name: string, r: LoadResult, withGoal: boolean) {
  const p95 = percentile(r.latencies, 95)
  const verdict = withGoal ? (p95 <= BUDGET_P95_MS && r.errors + r.timeouts + r.non2xx === 0 ? '  goal met (p95 ≤ 300 ms, no errors)' : '  ← goal missed (p95 ≤ 300 ms, no errors)') : ''
  console.log(
    `${name}: ${(r.requests / r.seconds).toFixed(1)} requests/s (${r.requests.toLocaleString('en-US')} in ${r.seconds.toFixed(1)} s, ${(r.bytes / r.seconds / 1024 ** 2).toFixed(1)} MB/s); ` +
      `latency p50 ${percentile(r.latencies, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, p99 ${percentile(r.latencies, 99).toFixed(0)} ms, max ${(r.latencies.at(-1) ?? NaN).toFixed(0)} ms; ` +
      `errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}; load average ${r.loadAverage}${verdict}`,
  )
}
