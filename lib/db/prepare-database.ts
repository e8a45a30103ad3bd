import { ensureTargetTables } from '@/lib/target/ensure-target-tables'
import { appSchemaOf, targetSchema } from './database-url'
import { applyMigrations } from './migrations'
import { connectPgClient } from './pg-pool'

export interface PrepareDatabaseResult {
  /** the app's migrations applied now (in its own schema) */
  applied: string[]
  /** target tables created now (all 21 on a database that had none, else none) */
  createdTargetTables: string[]
  appSchema: string
  targetSchema: string
}

/**
 * What every entry point (npm start, npm run migrate, npm run db:migrate, the tests' databases)
 * does first: the app's pending migrations into its own schema, then the contract's target tables
 * when the target schema holds none of them (lib/target/ensure-target-tables.ts).
 */
export async function prepareDatabase(url: string): Promise<PrepareDatabaseResult> {
  const { applied } = await applyMigrations(url)
  const appSchema = appSchemaOf(url)
  const target = targetSchema()
  const client = await connectPgClient(url)
  try {
    const { created } = await ensureTargetTables(client, { targetSchema: target, appSchema })
    return { applied, createdTargetTables: created, appSchema, targetSchema: target }
  } finally {
    await client.end()
  }
}
