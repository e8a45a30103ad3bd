import type { DatabaseClients } from '@/lib/db/prisma'
import { quoteIdent, stagingSchemaFor } from './staging-names'

/**
 * Drops every schema a staging of the run left: `staging_<run>` and, for a dump of several
 * databases, `staging_<run>_d<N>` (and the `_moving` name a choice uses for a moment).
 */
export async function dropStagingSchemas(db: DatabaseClients, runId: string): Promise<void> {
  const schema = stagingSchemaFor(runId)
  const { rows } = await db.pool.query<{ name: string }>(
    `SELECT nspname AS name FROM pg_namespace WHERE nspname = $1 OR nspname LIKE $2 OR nspname = $3`,
    [schema, `${schema}\\_d%`, `${schema}_moving`],
  )
  for (const { name } of rows) await db.pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(name)} CASCADE`)
}
