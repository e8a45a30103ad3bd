import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import type { Prisma } from '@/lib/generated/prisma/client'
import { chooseDatabase, describeDatabase } from './choose-database'
import type { SchemaDrift } from './compare-with-contract'
import { moveToRunSchema, storePendingRowWarnings } from './stage-dump'
import { recordStagedDatabase, type RecordedDatabase } from './stage-run'

export interface ChooseStagedDatabaseOptions {
  db: DatabaseClients
  runId: string
  /** the database's name as the dump writes it */
  database: string
}

/**
 * The operator's choice of the database to migrate, for a run staged from a dump of several
 * (status `choosing`): its schema becomes the run's staging schema, which validation, import and
 * reconciliation read; its reader row warnings become the run's issues; the run's tables are its
 * tables (status `staged`, ready to validate). Refused when the run is not waiting for a choice
 * (CONFLICT) or names no database of the dump with tables (INVALID_INPUT, listing them).
 */
export async function chooseStagedDatabase({ db, runId, database }: ChooseStagedDatabaseOptions): Promise<SchemaDrift> {
  const run = await db.prisma.migrationRun.findUnique({ where: { id: runId }, select: { status: true, stagingSchema: true, driftReport: true } })
  if (!run) throw new AppError('NOT_FOUND', 'There is no such run')
  if (run.status !== 'choosing' || !run.stagingSchema) throw new AppError('CONFLICT', `This run is ${run.status}: it is not waiting for a database to be chosen`)
  const schema = run.stagingSchema
  const report = (run.driftReport ?? {}) as { databases?: RecordedDatabase[] }
  const databases = (report.databases ?? []).map((d) => ({ ...d }))
  const choice = chooseDatabase(databases, new Set(), database)
  const chosen = choice.chosen ? databases.find((d) => d.name === choice.name && d.schema !== null && d.tables.length > 0) : undefined
  if (!choice.chosen || !chosen) {
    const names = databases.filter((d) => !d.system && d.tables.length > 0).map(describeDatabase).join(', ')
    throw new AppError('INVALID_INPUT', choice.chosen ? `Database \`${database}\` holds no tables to migrate; its databases with tables: ${names}.` : choice.reason)
  }
  const client = await db.pool.connect()
  try {
    await client.query('BEGIN')
    await moveToRunSchema(client, schema, chosen, databases)
    await storePendingRowWarnings(client, runId, schema, databases.flatMap((d) => (d.schema === null ? [] : [d.schema])))
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
  return recordStagedDatabase(db, runId, chosen, {
    ...report,
    databases,
    databaseChoice: { ...choice, reason: `The operator chose database \`${database}\`.` },
  } as Prisma.InputJsonObject)
}
