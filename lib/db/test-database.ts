import { randomBytes } from 'node:crypto'
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { acquireLock, startEmbeddedPostgres, stopEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres'
import { withDatabaseName } from './database-url'
import { queryOnce } from './pg-pool'
import { prepareDatabase } from './prepare-database'

/**
 * Throwaway databases for tests.
 *
 * With TEST_DATABASE_URL set (CI with its own PostgreSQL), each database is created on that
 * server (the role needs CREATEDB). Otherwise on an embedded test server that all test processes
 * share: its data folder lives in the OS temp folder (initialised once, about a second, then
 * kept), it never touches the developer's .data/postgres, and the last test process to finish
 * stops it. Test files run in parallel processes, so each process checks in (a file per user
 * under `<dataDir>.users/`) and checks out under a lock; a crashed process's check-in is pruned.
 */

export type TestDatabase = {
  url: string
  /** Drops the database (and, for the last user, stops the shared test server). */
  drop(): Promise<void>
}

export type CreateTestDatabaseOptions = {
  /** Apply prisma/migrations and create the target tables, as every entry point does (default true). */
  migrate?: boolean
}

const TEST_DATA_DIR = path.join(os.tmpdir(), `ordermys-test-pg-${process.getuid?.() ?? 'user'}`)
const USERS_DIR = `${TEST_DATA_DIR}.users`
const USERS_LOCK = `${TEST_DATA_DIR}.users.lock`

let shared: Promise<{ server: EmbeddedPostgres; token: string }> | undefined
let openDatabases = 0

export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`
  const external = process.env.TEST_DATABASE_URL
  let url: string
  if (external) {
    await adminQuery(external, `CREATE DATABASE "${name}"`)
    url = withDatabaseName(external, name)
  } else {
    openDatabases++
    const { server } = await (shared ??= checkIn())
    await server.ensureDatabaseExists(name)
    url = server.urlFor(name)
  }
  if (options.migrate !== false) await prepareDatabase(url)

  return {
    url,
    async drop() {
      if (external) {
        await adminQuery(external, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
        return
      }
      const { server, token } = await shared!
      await adminQuery(server.urlFor('postgres'), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      if (--openDatabases === 0) {
        shared = undefined
        await checkOut(token)
      }
    },
  }
}

async function checkIn() {
  await mkdir(USERS_DIR, { recursive: true })
  const release = await acquireLock(USERS_LOCK)
  try {
    const server = await startTestServer().catch(async (error: unknown) => {
      // A test server that cannot start (say, its folder was damaged: it runs without fsync)
      // is thrown away and made again.
      if (!(error instanceof Error) || !/did not start|not a PostgreSQL data folder/.test(error.message)) throw error
      await rm(TEST_DATA_DIR, { recursive: true, force: true })
      return startTestServer()
    })
    const token = `${process.pid}-${randomBytes(4).toString('hex')}`
    await writeFile(path.join(USERS_DIR, token), '')
    return { server, token }
  } finally {
    await release()
  }
}

// Durability is worthless for throwaway databases; without it CREATE/DROP DATABASE and DDL are
// several times faster on slow disks.
const TEST_SERVER_SETTINGS = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }

async function startTestServer() {
  return startEmbeddedPostgres({
    dataDir: TEST_DATA_DIR,
    port: await freePort(),
    stopOnExit: false,
    initdbFlags: ['--no-sync'],
    settings: TEST_SERVER_SETTINGS,
  })
}

async function checkOut(token: string) {
  const release = await acquireLock(USERS_LOCK)
  try {
    await rm(path.join(USERS_DIR, token), { force: true })
    let users = 0
    for (const other of await readdir(USERS_DIR)) {
      if (isAlive(Number(other.split('-')[0]))) users++
      else await rm(path.join(USERS_DIR, other), { force: true }) // left by a crashed test process
    }
    if (users === 0) await stopEmbeddedPostgres(TEST_DATA_DIR)
  } finally {
    await release()
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

async function adminQuery(url: string, sql: string) {
  await queryOnce(url, sql)
}
