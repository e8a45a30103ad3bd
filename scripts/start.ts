// npm start:    database → migrations → `next build` when stale → `next start`
// npm run dev:  database → migrations → `next dev`
// The database is DATABASE_URL, else the embedded PostgreSQL in .data/postgres (started here
// unless another process of ours runs it). Ctrl-C stops Next.js first, then the database.
// Env: PORT (default 3000), DATABASE_URL, EMBEDDED_PG_PORT (default 54329), ADMIN_EMAIL and
// ADMIN_PASSWORD (the first operator account, created when no account exists; else /setup).
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { adminFromEnv, bootstrapAdmin } from '../lib/auth/bootstrap-admin'
import { hasAccounts } from '../lib/auth/has-accounts'
import { ensureDatabase } from '../lib/db/ensure-database'
import { generatePrismaClient } from '../lib/db/generate-client'
import { prepareDatabase } from '../lib/db/prepare-database'
import { projectRoot } from '../lib/db/paths'
import { closeClients, createClients } from '../lib/db/prisma'

/** V8 flags of the Next.js server (see where it is spawned). */
const SERVER_NODE_OPTIONS = '--max-semi-space-size=64'

const dev = process.argv.includes('--dev')
const port = Number(process.env.PORT || 3000)
const root = projectRoot()
const nextBin = createRequire(path.join(root, 'package.json')).resolve('next/dist/bin/next')

const elapsed = (since: number) => `${Math.round(performance.now() - since)} ms`

// Signals that arrive before Next.js runs: remember them and stop at the next step.
let next: ChildProcess | undefined
let shuttingDown = false
let signals = 0
const onSignal = (sig: NodeJS.Signals) => {
  signals++
  if (signals >= 3) {
    console.error(`\n${sig} again: exiting without waiting (the database stops on its own).`)
    process.exit(1)
  }
  if (shuttingDown) return
  shuttingDown = true
  console.log(`\n${sig}: stopping…`)
  // Next.js usually got the terminal's SIGINT itself; a TERM covers `kill <pid>` of this process.
  if (next && next.exitCode === null && next.signalCode === null) next.kill('SIGTERM')
}
process.on('SIGINT', onSignal)
process.on('SIGTERM', onSignal)

generatePrismaClient({ root, quiet: true })

// Unusable admin variables stop the start here, with the reason, before anything else runs.
try {
  adminFromEnv(process.env)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}

let started = performance.now()
const db = await ensureDatabase({ stopOnSignal: false })
console.log(
  db.embedded
    ? `Database: embedded PostgreSQL on port ${db.server!.port}, ${db.owned ? 'started' : 'already running'} (${elapsed(started)})`
    : `Database: DATABASE_URL (${elapsed(started)})`,
)

let exitCode = 0
try {
  started = performance.now()
  const prepared = await prepareDatabase(db.url)
  console.log(
    prepared.applied.length > 0
      ? `Migrations: applied ${prepared.applied.join(', ')} to schema ${prepared.appSchema} (${elapsed(started)})`
      : `Migrations: up to date (schema ${prepared.appSchema}, ${elapsed(started)})`,
  )
  if (prepared.createdTargetTables.length > 0) {
    console.log(`Target: created the ${prepared.createdTargetTables.length} contract tables in schema ${prepared.targetSchema} (it held none)`)
  }
  await announceAccounts(db.url, port)

  // Next.js telemetry would try the network on every build/start: off unless asked for.
  const env = {
    ...process.env,
    DATABASE_URL: db.url,
    // The home page says whether the app runs on its own embedded server or on DATABASE_URL.
    ORDERMYS_DB_KIND: db.embedded ? 'embedded' : 'external',
    PORT: String(port),
    NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? '1',
  }
  if (!dev && !shuttingDown && buildIsStale(root)) {
    console.log('Building the app (next build)…')
    started = performance.now()
    const code = await run(spawn(process.execPath, [nextBin, 'build'], { cwd: root, env, stdio: 'inherit' }))
    if (code !== 0) throw new Error(`next build failed (exit ${code})`)
    console.log(`Built in ${elapsed(started)}`)
  }

  if (!shuttingDown) {
    next = spawn(process.execPath, [nextBin, dev ? 'dev' : 'start', '--port', String(port)], {
      cwd: root,
      // A larger young generation for the server: pages make short-lived garbage by the megabyte,
      // and with V8's default 16 MB semi-space too much of it survives into the old generation.
      // bench/preview-load.ts, 50 connections: 222 → 249 requests/s, p95 316 → 287 ms (for up to
      // ~130 MB more memory). NODE_OPTIONS, so that a process Next.js forks has it too.
      env: { ...env, NODE_OPTIONS: [process.env.NODE_OPTIONS, SERVER_NODE_OPTIONS].filter(Boolean).join(' ') },
      stdio: 'inherit',
    })
    void announceWhenReady(next, port)
    exitCode = await run(next)
    if (!shuttingDown && exitCode !== 0) console.error(`Next.js exited with code ${exitCode}`)
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  exitCode = 1
} finally {
  if (db.owned) {
    started = performance.now()
    await db.stop()
    console.log(`Database stopped (${elapsed(started)})`)
  }
}
process.exit(shuttingDown ? 0 : exitCode)

/** Creates the admin from ADMIN_EMAIL/ADMIN_PASSWORD when no account exists, and says how to sign in. */
async function announceAccounts(url: string, port: number) {
  const clients = createClients(url, { max: 1 })
  try {
    const admin = await bootstrapAdmin({ db: clients, env: process.env })
    if (admin) console.log(`Accounts: created the operator ${admin.email} from ADMIN_EMAIL/ADMIN_PASSWORD`)
    else if (!(await hasAccounts({ db: clients }))) console.log(`Accounts: none yet: create the first one at http://localhost:${port}/setup`)
  } finally {
    await closeClients(clients)
  }
}

/** Exit code of a child (a signal death counts as 1, or 0 when we asked it to stop). */
function run(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code, sig) => resolve(code ?? (sig && shuttingDown ? 0 : 1)))
  })
}

async function announceWhenReady(child: ChildProcess, port: number) {
  const url = `http://localhost:${port}`
  while (child.exitCode === null && child.signalCode === null && !shuttingDown) {
    try {
      await fetch(`http://127.0.0.1:${port}/`, { method: 'HEAD', signal: AbortSignal.timeout(2000) })
      console.log(`\nordermys-migrate is ready at ${url}${dev ? ' (development)' : ''}\n`)
      return
    } catch {
      await sleep(250)
    }
  }
}

/**
 * The production build is stale when .next/BUILD_ID is missing or older than any input of the
 * build: the app's sources, the generated Prisma client, public assets and the configuration.
 * Modification times only: cheap and predictable (touching a file rebuilds).
 */
function buildIsStale(root: string): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID')
  if (!existsSync(buildId)) return true
  const builtAt = statSync(buildId).mtimeMs
  const inputs = ['app', 'lib', 'components', 'public', 'styles']
  const files = [
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    'next.config.js',
    'next.config.mjs',
    'next.config.ts',
    'postcss.config.mjs',
    'postcss.config.js',
    'middleware.ts',
    'proxy.ts',
  ]
  return (
    files.some((file) => newerThan(path.join(root, file), builtAt)) ||
    inputs.some((dir) => anyNewer(path.join(root, dir), builtAt))
  )
}

function newerThan(file: string, time: number): boolean {
  try {
    return statSync(file).mtimeMs > time
  } catch {
    return false
  }
}

function anyNewer(dir: string, time: number): boolean {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return false
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
      if (anyNewer(full, time)) return true
    } else if (!/\.test\.tsx?$/.test(entry.name) && newerThan(full, time)) {
      return true
    }
  }
  return false
}
