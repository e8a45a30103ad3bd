// The PostgreSQL server both routes of the end-to-end bench write into, and that bench/lookups.ts
// reads: one server, so that the comparison is between the routes and not between servers.
//
// - With DATABASE_URL: that server. Each bench run creates its own databases on it (the role needs
//   CREATEDB) and drops them unless kept.
// - Without: an embedded PostgreSQL (the project's own binaries, lib/db/embedded-postgres) on
//   bench/out/postgres, started for the bench and stopped at its end; the folder stays, so --keep
//   and bench/lookups.ts can come back to a kept database.
//
// Settings of the embedded server, chosen to match the MariaDB side (bench/classic-route/
// mariadb-load.ts): durable files (fsync on, full page writes) but commits acknowledged before
// their WAL is flushed (synchronous_commit=off ~ innodb_flush_log_at_trx_commit=2), 1 GB of cache
// (shared_buffers ~ innodb_buffer_pool_size=1G), a large WAL between checkpoints (max_wal_size ~
// innodb_log_file_size), and memory for index builds.

import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/lib/db/embedded-postgres'
import { freePort } from '@/lib/db/test-database'

export const BENCH_OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'out')
export const BENCH_PG_DATA = path.join(BENCH_OUT, 'postgres')

export const BENCH_PG_SETTINGS: Record<string, string> = {
  synchronous_commit: 'off',
  shared_buffers: '1GB',
  max_wal_size: '4GB',
  maintenance_work_mem: '256MB',
  work_mem: '32MB',
}

export interface BenchPostgres {
  /** 'embedded (bench/out/postgres, PostgreSQL 18)' or the DATABASE_URL host */
  description: string
  urlFor(database: string): string
  createDatabase(database: string): Promise<string>
  dropDatabase(database: string): Promise<void>
  /** the server's version and the settings that matter for the figures */
  settings(): Promise<Record<string, string>>
  stop(): Promise<void>
}

export async function startBenchPostgres(options: { log?: (message: string) => void } = {}): Promise<BenchPostgres> {
  const external = process.env.DATABASE_URL
  let server: EmbeddedPostgres | null = null
  let urlFor: (database: string) => string
  let description: string
  if (external) {
    urlFor = (database) => {
      const url = new URL(external)
      url.pathname = `/${encodeURIComponent(database)}`
      return url.toString()
    }
    description = `DATABASE_URL (${new URL(external).host})`
  } else {
    server = await startEmbeddedPostgres({ dataDir: BENCH_PG_DATA, port: await freePort(), settings: BENCH_PG_SETTINGS, onLog: options.log })
    urlFor = server.urlFor
    description = `embedded (${path.relative(process.cwd(), BENCH_PG_DATA)}, port ${server.port})`
  }
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: urlFor('postgres') })
    await client.connect()
    try {
      return await work(client)
    } finally {
      await client.end()
    }
  }
  return {
    description,
    urlFor,
    async createDatabase(database) {
      await admin((c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(database)}`))
      return urlFor(database)
    },
    async dropDatabase(database) {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(database)} WITH (FORCE)`))
    },
    async settings() {
      return admin(async (c) => {
        const names = ['server_version', 'fsync', 'synchronous_commit', 'wal_level', 'shared_buffers', 'max_wal_size', 'maintenance_work_mem', 'work_mem', 'max_parallel_workers_per_gather']
        const { rows } = await c.query<{ name: string; setting: string }>(
          `select name, current_setting(name) as setting from pg_settings where name = any($1) order by array_position($1, name)`,
          [names],
        )
        return Object.fromEntries(rows.map((r) => [r.name, r.setting]))
      })
    },
    async stop() {
      await server?.stop()
    },
  }
}
