import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaClient } from '../generated/prisma/client'
import { appSchemaOf, getDatabaseUrl, targetSchema } from './database-url'
import { createPgPool } from './pg-pool'

/**
 * The Prisma client of the app and the CLI, over a pg.Pool that is exported too: bulk writes
 * (COPY through pg-copy-streams) use the same pool, so they see the same database and count
 * against the same connection limit.
 *
 *   import { prisma, pool } from '@/lib/db/prisma'
 *
 * Both are created on first use, from DATABASE_URL or from the URL ensureDatabase() found (CLI
 * scripts import this module before they have started the embedded database). They live on
 * globalThis, so Next.js dev reloads reuse them instead of opening new pools.
 */

export type DatabaseClients = {
  prisma: PrismaClient
  pool: pg.Pool
  /** what the clients were created on: a worker thread opens its own clients on it */
  url: string
  /** the schema of the app's own tables (Prisma's models); the pool's connections look there first */
  appSchema: string
  /** the schema of the target tables, second on the pool's search path */
  targetSchema: string
}

/** A new pool and client on `url` (tests use this for throwaway databases). End with closeClients. */
export function createClients(url: string, poolConfig: Omit<pg.PoolConfig, 'connectionString'> = {}): DatabaseClients {
  const appSchema = appSchemaOf(url)
  const target = targetSchema()
  // 20: a migration validates two tables (three connections each: reader, mapped rows, issues)
  // while it imports two others (one each) and Prisma and the pages need theirs.
  const pool = createPgPool(url, { max: 20, ...poolConfig, searchPath: [appSchema, target] })
  // An idle connection that breaks (server restart) must not crash the process; the next
  // query reconnects.
  pool.on('error', (error) => console.error(`database pool: ${error.message}`))
  // Nor one that is checked out (an import holds its lock's connection for the whole table): pg
  // emits 'error' on a connection that ends unexpectedly, and a checked-out client has no listener
  // of pg-pool's, so the process would die of an uncaught exception. The query in flight, or the
  // next one, rejects with the error; that is where it is handled.
  pool.on('connect', (client) => client.on('error', () => undefined))
  const adapter = new PrismaPg(pool, { schema: appSchema })
  return { prisma: new PrismaClient({ adapter }), pool, url, appSchema, targetSchema: target }
}

export async function closeClients({ prisma, pool }: DatabaseClients): Promise<void> {
  await prisma.$disconnect()
  if (!pool.ended) await pool.end()
}

const cache = globalThis as { __ordermysDb?: DatabaseClients }

function shared(): DatabaseClients {
  cache.__ordermysDb ??= createClients(getDatabaseUrl())
  return cache.__ordermysDb
}

/** The shared client and pool (created on first call). */
export function getDatabase(): DatabaseClients {
  return shared()
}

/** Closes the shared client and pool, if they were created (end of a CLI run, test teardown). */
export async function disconnectDatabase(): Promise<void> {
  const clients = cache.__ordermysDb
  cache.__ordermysDb = undefined
  if (clients) await closeClients(clients)
}

/**
 * A stand-in that creates the shared instance on first property access and forwards to it, so
 * that `prisma` and `pool` can be imported as values before the database URL is known.
 */
function lazy<T extends object>(get: () => T, prototype: object | null): T {
  return new Proxy(Object.create(prototype) as T, {
    get(_target, property) {
      const target = get()
      const value = Reflect.get(target, property, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
    set(_target, property, value) {
      return Reflect.set(get(), property, value)
    },
    has(_target, property) {
      return Reflect.has(get(), property)
    },
  })
}

export const prisma: PrismaClient = lazy(() => shared().prisma, PrismaClient.prototype)
export const pool: pg.Pool = lazy(() => shared().pool, pg.Pool.prototype)
