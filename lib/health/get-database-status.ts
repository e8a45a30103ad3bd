import { pool } from '@/lib/db/prisma'

export interface DatabaseStatus {
  connected: boolean
  serverVersion: string | null
  database: string | null
  /** 'embedded' when the app started its own PostgreSQL, 'external' for DATABASE_URL */
  kind: 'embedded' | 'external'
  migrationsApplied: number
  latestMigration: string | null
  error: string | null
}

/** What the home page shows to prove the app is alive and talking to its database. */
export async function getDatabaseStatus(): Promise<DatabaseStatus> {
  const kind = process.env.ORDERMYS_DB_KIND === 'embedded' ? 'embedded' : 'external'
  try {
    const server = await pool.query<{ version: string; database: string }>(
      `select current_setting('server_version') as version, current_database() as database`,
    )
    const migrations = await pool.query<{ applied: string; latest: string | null }>(
      `select count(*)::text as applied, max(migration_name) as latest
         from _prisma_migrations where finished_at is not null and rolled_back_at is null`,
    )
    return {
      connected: true,
      serverVersion: server.rows[0].version,
      database: server.rows[0].database,
      kind,
      migrationsApplied: Number(migrations.rows[0].applied),
      latestMigration: migrations.rows[0].latest,
      error: null,
    }
  } catch (error) {
    return {
      connected: false,
      serverVersion: null,
      database: null,
      kind,
      migrationsApplied: 0,
      latestMigration: null,
      error: error instanceof Error ? error.message : String(error),
    }
  }
}
