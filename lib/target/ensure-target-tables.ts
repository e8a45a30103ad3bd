import type { ClientBase } from 'pg'
import { quoteIdent } from '@/lib/staging/staging-names'
import { createTablesScript } from './target-ddl'
import { TARGET_TABLES } from './target-contract'

export interface EnsureTargetTablesResult {
  /** the target tables this call created (all 21, or none) */
  created: string[]
  /** the contract tables that were there already */
  existing: string[]
}

/**
 * At every entry point, after the app's migrations: a target schema that holds none of the 21
 * contract tables (an empty database, the embedded default) gets all of them, in one transaction,
 * and they are recorded as the app's own (`migration_target_tables`). A schema that holds some of
 * them is the backend's: nothing is created here; the target check reports what is missing and
 * preparing the target adds it, once the operator has seen the statements.
 *
 * A database set up by a version of this app that kept the target tables in its Prisma migrations
 * (public._prisma_migrations lists its `init`) holds tables the app created: they are recorded so.
 */
export async function ensureTargetTables(client: ClientBase, options: { targetSchema: string; appSchema: string }): Promise<EnsureTargetTablesResult> {
  const { targetSchema, appSchema } = options
  const names = TARGET_TABLES.map((t) => t.name)
  const found = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = ANY($2::text[]) AND c.relkind IN ('r', 'p')`,
    [targetSchema, names],
  )
  const existing = found.rows.map((r) => r.name)
  const record = `INSERT INTO ${quoteIdent(appSchema)}.migration_target_tables (table_name, created_by)
                  SELECT unnest($1::text[]), $2 ON CONFLICT (table_name) DO NOTHING`
  if (existing.length > 0) {
    if (await madeByAnEarlierVersion(client, targetSchema)) await client.query(record, [existing, 'an earlier version of ordermys-migrate'])
    return { created: [], existing }
  }
  await client.query('BEGIN')
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(targetSchema)}`)
    for (const statement of createTablesScript(targetSchema, TARGET_TABLES)) await client.query(statement)
    await client.query(record, [names, 'startup'])
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
  return { created: names, existing: [] }
}

async function madeByAnEarlierVersion(client: ClientBase, targetSchema: string): Promise<boolean> {
  const history = `${quoteIdent(targetSchema)}._prisma_migrations`
  const exists = await client.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [history])
  if (!exists.rows[0].t) return false
  const { rows } = await client.query(`SELECT 1 FROM ${history} WHERE migration_name = '20261125094229_init' AND finished_at IS NOT NULL`)
  return rows.length > 0
}
