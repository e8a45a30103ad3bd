import type { DatabaseClients } from '@/lib/db/prisma'
import { chooseStagedDatabase } from '@/lib/staging/choose-staged-database'
import type { RunningJob } from './job-registry'
import { startValidationJob } from './start-validation-job'

export interface ChooseRunDatabaseOptions {
  db: DatabaseClients
  runId: string
  database: string
  actor?: string | null
}

/**
 * The operator's choice of the database to migrate, after the upload of a dump of several
 * (run status `choosing`): its staged tables become the run's, then their validation starts in
 * the background, as after the staging of a dump of one database.
 */
export async function chooseRunDatabase({ db, runId, database, actor = null }: ChooseRunDatabaseOptions): Promise<RunningJob | null> {
  await chooseStagedDatabase({ db, runId, database })
  const mapped = await db.prisma.migrationRunTable.count({ where: { runId, targetTable: { not: null }, state: 'staged' } })
  // A database without a table of the contract has nothing to validate: its tables are only staged (drift).
  return mapped > 0 ? startValidationJob({ db, runId, actor }) : null
}
