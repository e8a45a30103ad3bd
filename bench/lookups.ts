// Lookup benchmark on an imported run, in SQL on the app's pool as the app does it (the target
// tables are not Prisma models, lib/target):
//   - a customer by legacy id, `SELECT * FROM customers WHERE legacy_id = $1`   goal ≤ 5 ms (median)
//   - a page of 100 orders with their customer and fitter (LEFT JOINs, whole
//     rows), newest first, keyset-paged from a random created_at                goal ≤ 50 ms (median)
// median, p95, p99 and max of many, after a warm-up.
//
//   npx tsx bench/lookups.ts [--database NAME] [--size 50MB] [--lookups 2000] [--pages 300]
//
// The database: --database NAME on the bench's server (bench/classic-route/bench-postgres.ts:
// DATABASE_URL's, or the embedded one in bench/out/postgres), else the one `bench/end-to-end.ts
// --keep` left (bench/out/end-to-end.kept.json), else a smaller one built here from a generated
// dump of --size (default 50MB) with runMigration, dropped at the end.

import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { closeClients, createClients, type DatabaseClients } from '@/lib/db/prisma'
import { runMigration } from '@/lib/pipeline/run-migration'
import { BENCH_OUT, startBenchPostgres } from './classic-route/bench-postgres'

const ROOT = path.join(BENCH_OUT, '..', '..')
const KEPT_FILE = path.join(BENCH_OUT, 'end-to-end.kept.json')
const GOAL_LOOKUP_MS = 5
const GOAL_PAGE_MS = 50

interface Stats {
  n: number
  median: number
  p95: number
  p99: number
  max: number
  mean: number
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]
  return { n: sorted.length, median: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1], mean: sorted.reduce((a, b) => a + b, 0) / sorted.length }
}

const ms = (n: number) => `${n.toFixed(2)} ms`

function printStats(what: string, s: Stats, goal: number): void {
  console.log(`  ${what.padEnd(44)} median ${ms(s.median).padStart(9)}  p95 ${ms(s.p95).padStart(9)}  p99 ${ms(s.p99).padStart(9)}  max ${ms(s.max).padStart(9)}  (n=${s.n}) — goal median ≤ ${goal} ms: ${s.median <= goal ? 'met' : 'NOT met'}`)
}

/** A deterministic shuffle (mulberry32), so two runs ask for the same ids. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

async function timeEach<T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = []
  for (const item of items) {
    const started = performance.now()
    await work(item)
    samples.push(performance.now() - started)
  }
  return samples
}

async function benchLookups(db: DatabaseClients, lookups: number, pages: number): Promise<void> {
  const random = rng(42)
  const { pool } = db
  const [{ customers, orders }] = (
    await pool.query<{ customers: number; orders: number }>(`select (select count(*)::int from customers) as customers, (select count(*)::int from orders) as orders`)
  ).rows
  if (customers === 0 || orders === 0) throw new Error('the database has no imported customers or orders')
  console.log(`  ${customers.toLocaleString('en-US')} customers, ${orders.toLocaleString('en-US')} orders`)

  // Customer by legacy id: ids that exist, plus one in ten that does not (a miss costs the same index probe).
  const ids = (await pool.query<{ legacy_id: number }>('select legacy_id from customers')).rows.map((c) => c.legacy_id)
  const maxId = Math.max(...ids)
  const asked = Array.from({ length: lookups }, (_, i) => (i % 10 === 9 ? maxId + 1 + Math.floor(random() * 1000) : ids[Math.floor(random() * ids.length)]))
  const customer = async (legacyId: number) => (await pool.query('select * from customers where legacy_id = $1', [legacyId])).rows[0] ?? null
  await timeEach(asked.slice(0, 200), customer) // warm-up
  let found = 0
  const lookupTimes = await timeEach(asked, async (legacyId) => {
    if (await customer(legacyId)) found++
  })
  printStats('customer by legacy_id (where legacy_id = $1)', stats(lookupTimes), GOAL_LOOKUP_MS)
  console.log(`    ${found} of ${asked.length} found (one in ten asked for an id that does not exist)`)

  // A page of 100 orders, newest first from a random point in time, with customer and fitter.
  const range = (await pool.query<{ min: Date; max: Date }>('select min(created_at) as min, max(created_at) as max from orders')).rows[0]
  const from = range.min.getTime()
  const span = range.max.getTime() - from
  const starts = Array.from({ length: pages }, () => new Date(from + random() * span))
  // Whole customer and fitter rows beside each order, as Prisma's `include: { customer: true,
  // fitter: true }` fetched them (null when the order has none).
  const page = async (before: Date) =>
    (
      await pool.query(
        `select o.*, to_jsonb(c) as customer, to_jsonb(f) as fitter
           from orders o
           left join customers c on c.id = o.customer_id
           left join fitters f on f.id = o.fitter_id
          where o.created_at < $1
          order by o.created_at desc, o.id desc
          limit 100`,
        [before],
      )
    ).rows
  await timeEach(starts.slice(0, 30), page) // warm-up
  let rows = 0
  const pageTimes = await timeEach(starts, async (before) => {
    rows += (await page(before)).length
  })
  printStats('100 orders + customer + fitter (left joins)', stats(pageTimes), GOAL_PAGE_MS)
  console.log(`    ${(rows / pages).toFixed(1)} orders per page on average${rows < pages * 100 ? ' (a page that starts near the first order is short)' : ''}`)
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      size: { type: 'string', default: '50MB' },
      lookups: { type: 'string', default: '2000' },
      pages: { type: 'string', default: '300' },
    },
  })
  const lookups = Number(values.lookups)
  const pages = Number(values.pages)
  console.log(`bench/lookups — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} cores`)
  console.log(`before: load average ${os.loadavg().map((n) => n.toFixed(2)).join(', ')}`)

  const server = await startBenchPostgres()
  let built: string | null = null
  try {
    let database = values.database
    if (!database && existsSync(KEPT_FILE)) {
      const kept = JSON.parse(readFileSync(KEPT_FILE, 'utf8')) as { database: string; dump: string }
      database = kept.database
      console.log(`database: ${database}, kept by bench/end-to-end.ts (${kept.dump})`)
    }
    if (!database) {
      database = built = `lookups_${Date.now()}`
      const dump = path.join(BENCH_OUT, `end-to-end-${values.size}-seed1.sql`)
      if (!existsSync(dump)) {
        const generated = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/generate-dump.ts'), '--size', values.size!, '--out', dump, '--manifest', `${dump}.manifest.json`], { cwd: ROOT, stdio: 'inherit', timeout: 15 * 60_000 })
        if (generated.status !== 0) throw new Error('scripts/generate-dump.ts failed')
      }
      const url = await server.createDatabase(database)
      const migrated = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/db-migrate.ts')], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: 'inherit', timeout: 5 * 60_000 })
      if (migrated.status !== 0) throw new Error('scripts/db-migrate.ts failed')
      const db = createClients(url)
      try {
        console.log(`database: ${database}, built from ${path.relative(ROOT, dump)} …`)
        const result = await runMigration({ db, dumpPath: dump, all: true, actor: 'bench/lookups' })
        if (!result.ok) throw new Error(`the migration failed: ${result.failures.map((f) => f.message).join('; ')}`)
      } finally {
        await closeClients(db)
      }
    }
    const db = createClients(server.urlFor(database), { max: 4 })
    try {
      await benchLookups(db, lookups, pages)
    } finally {
      await closeClients(db)
    }
  } finally {
    if (built) await server.dropDatabase(built)
    await server.stop()
  }
  console.log(`after: load average ${os.loadavg().map((n) => n.toFixed(2)).join(', ')}`)
}

main().catch((error: unknown) => {
  console.error(`bench/lookups: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  process.exit(1)
})
