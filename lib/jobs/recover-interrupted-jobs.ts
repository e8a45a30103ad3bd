import type { DatabaseClients } from '@/lib/db/prisma'
import { dropStagingSchemas } from '@/lib/staging/drop-staging-schemas'
import { bootId, HEARTBEAT_MS, isJobRunning } from './job-registry'

export interface RecoverInterruptedJobsOptions {
  db: DatabaseClients
  /** heartbeat age after which a job of another process counts as dead (default 3 heartbeats) */
  staleAfterMs?: number
}

export const INTERRUPTED_IMPORT_MESSAGE =
  'The server stopped while this table was being imported. The batches committed before are kept: import it again to go on after them, or roll it back.'

export const INTERRUPTED_STAGING_MESSAGE =
  'The server stopped while this dump was being staged, so nothing of it was kept. The uploaded file is still stored: restart staging.'

/**
 * Finds jobs that a server process started and that died with it (a restart, a crash): the run
 * still says `staging`, its last `job.started` event names another process, and its heartbeat
 * stopped; or a table still says `importing` in the same way. Such a run (table) is marked failed
 * with a message saying what happened and what to do. Work
 * started outside the web server (the CLI writes no job events) is never touched.
 */
export async function recoverInterruptedJobs({ db, staleAfterMs = 3 * HEARTBEAT_MS }: RecoverInterruptedJobsOptions): Promise<string[]> {
  const stale = new Date(Date.now() - staleAfterMs)
  const runs = await db.prisma.migrationRun.findMany({
    where: { status: 'staging', updatedAt: { lt: stale } },
    select: { id: true },
  })
  const recovered: string[] = []
  for (const { id } of runs) {
    if (isJobRunning(id)) continue
    const started = await db.prisma.migrationEvent.findFirst({
      where: { runId: id, type: 'job.started' },
      orderBy: { id: 'desc' },
      select: { data: true },
    })
    const owner = (started?.data as { bootId?: string } | null)?.bootId
    if (!owner || owner === bootId()) continue
    // Only if it still is: a concurrent page load may have recovered it already.
    const updated = await db.prisma.migrationRun.updateMany({
      where: { id, status: 'staging', updatedAt: { lt: stale } },
      data: { status: 'failed', errorCode: 'INTERRUPTED', errorMessage: INTERRUPTED_STAGING_MESSAGE, finishedAt: new Date(), updatedAt: new Date() },
    })
    if (updated.count === 0) continue
    // The staging transaction died with its connection; a schema exists only if it had committed.
    await dropStagingSchemas(db, id)
    await db.prisma.migrationRun.update({ where: { id }, data: { stagingSchema: null } })
    await db.prisma.migrationEvent.create({ data: { runId: id, type: 'job.interrupted', data: { kind: 'stage', bootId: owner } } })
    recovered.push(id)
  }

  // Imports: the table still says `importing`, and the process that ran it is gone.
  const importing = await db.prisma.migrationRunTable.findMany({
    where: { state: 'importing', run: { updatedAt: { lt: stale } } },
    select: { runId: true, legacyTable: true },
  })
  for (const { runId, legacyTable } of importing) {
    if (isJobRunning(runId)) continue
    const started = await db.prisma.migrationEvent.findFirst({
      where: { runId, legacyTable, type: 'job.started' },
      orderBy: { id: 'desc' },
      select: { data: true },
    })
    const owner = (started?.data as { bootId?: string } | null)?.bootId
    if (!owner || owner === bootId()) continue
    const updated = await db.prisma.migrationRunTable.updateMany({
      where: { runId, legacyTable, state: 'importing' },
      data: { state: 'failed', errorCode: 'INTERRUPTED', errorMessage: INTERRUPTED_IMPORT_MESSAGE, finishedAt: new Date(), updatedAt: new Date() },
    })
    if (updated.count === 0) continue
    await db.prisma.migrationEvent.create({ data: { runId, legacyTable, type: 'job.interrupted', data: { kind: 'import', bootId: owner } } })
    recovered.push(`${runId}/${legacyTable}`)
  }
  return recovered
}
