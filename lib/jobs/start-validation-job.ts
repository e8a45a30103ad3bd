import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { launchJob, type RunningJob } from './job-registry'
import { validateTables } from './validate-tables'

export interface StartValidationJobOptions {
  db: DatabaseClients
  runId: string
  actor?: string | null
}

/** Validates again the tables of a staged run that are not validated (after a failure or a restart). */
export async function startValidationJob({ db, runId, actor = null }: StartValidationJobOptions): Promise<RunningJob> {
  const run = await db.prisma.migrationRun.findUnique({ where: { id: runId }, select: { status: true, stagingSchema: true } })
  if (!run) throw new AppError('NOT_FOUND', 'There is no such run')
  if (!run.stagingSchema || run.status === 'failed' || run.status === 'uploading' || run.status === 'staging' || run.status === 'created') {
    throw new AppError('CONFLICT', 'This run has no staged dump to validate')
  }
  const pending = await db.prisma.migrationRunTable.count({
    where: { runId, targetTable: { not: null }, OR: [{ state: 'staged' }, { state: 'failed', errorCode: 'VALIDATION_FAILED' }] },
  })
  if (pending === 0) throw new AppError('CONFLICT', 'Every table of this run is validated already')
  return launchJob({ db, kind: 'validate', runId, actor, work: (job) => validateTables(db, runId, job) })
}
