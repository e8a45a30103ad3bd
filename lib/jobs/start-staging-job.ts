import type { DatabaseClients } from '@/lib/db/prisma'
import { openDumpFile } from '@/lib/dump'
import { AppError } from '@/lib/errors'
import { stageRun } from '@/lib/staging/stage-run'
import { dropStagingSchemas } from '@/lib/staging/drop-staging-schemas'
import { fileSize } from '@/lib/upload/get-upload-state'
import { storedDumpPath } from '@/lib/upload/stored-dump'
import { launchJob, type RunningJob } from './job-registry'
import { validateTables } from './validate-tables'

export interface StartStagingJobOptions {
  db: DatabaseClients
  runId: string
  actor?: string | null
  /** upload folder (tests) */
  uploadRoot?: string
}

/**
 * Stages the run's stored dump in the background, then validates every table (unless the dump
 * holds several databases and the operator has to choose one first). Started when the
 * last byte of an upload arrives, and again by the operator after a failure (the file is kept).
 * A dump that is not one, or is truncated, fails the run with the reader's message; nothing of it
 * stays in the database (stageRun rolls back).
 */
export async function startStagingJob({ db, runId, actor = null, uploadRoot }: StartStagingJobOptions): Promise<RunningJob> {
  const run = await db.prisma.migrationRun.findUnique({ where: { id: runId }, select: { status: true } })
  if (!run) throw new AppError('NOT_FOUND', 'There is no such run')
  if (run.status !== 'uploading' && run.status !== 'failed') {
    throw new AppError('CONFLICT', `This run is ${run.status}: only an uploaded or failed run is staged (again)`)
  }
  const file = await storedDumpPath(runId, uploadRoot)
  const bytesTotal = (await fileSize(file)) ?? 0
  return launchJob({
    db,
    kind: 'stage',
    runId,
    actor,
    work: async (job) => {
      job.progress = { phase: 'staging', bytesRead: 0, bytesTotal, rowsByTable: {}, currentTable: null }
      if (run.status === 'failed') await clearEarlierAttempt(db, runId)
      const staged = await stageRun({
        db,
        runId,
        source: openDumpFile(file),
        onProgress: (info) => {
          job.progress.bytesRead = info.sourceBytes
          job.progress.rowsByTable = { ...info.rowsByTable }
          job.progress.currentTable = info.currentTable
        },
      })
      // A dump of several databases none of which is the obvious one: the operator chooses
      // (chooseRunDatabase), and validation starts then.
      if (staged.drift !== null) await validateTables(db, runId, job)
    },
  })
}

/** What an attempt that died with its server may have left: a committed schema without its run update. */
async function clearEarlierAttempt(db: DatabaseClients, runId: string) {
  await dropStagingSchemas(db, runId)
  await db.prisma.$transaction([
    db.prisma.migrationRowIssue.deleteMany({ where: { runId } }),
    db.prisma.migrationRunTable.deleteMany({ where: { runId } }),
    db.prisma.migrationRun.update({ where: { id: runId }, data: { stagingSchema: null, progressBytes: 0n, updatedAt: new Date() } }),
  ])
}
