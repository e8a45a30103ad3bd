import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { reconcileRun } from '@/lib/reconcile'
import { launchJob, type RunningJob } from './job-registry'

export interface StartReconcileJobOptions {
  db: DatabaseClients
  runId: string
  actor?: string | null
}

/** Reconciles the run in the background (lib/reconcile); the report is stored when it is done. */
export async function startReconcileJob({ db, runId, actor = null }: StartReconcileJobOptions): Promise<RunningJob> {
  const run = await db.prisma.migrationRun.findUnique({ where: { id: runId }, select: { stagingSchema: true } })
  if (!run) throw new AppError('NOT_FOUND', 'There is no such run')
  if (!run.stagingSchema) throw new AppError('CONFLICT', 'This run has no staged dump to reconcile against')
  return launchJob({
    db,
    kind: 'reconcile',
    runId,
    actor,
    work: async (job) => {
      job.progress = { phase: 'reconciling', partsDone: 0 }
      await reconcileRun({
        db,
        runId,
        createdBy: actor,
        onProgress: (done, total, part) => (job.progress = { phase: 'reconciling', partsDone: done, partsTotal: total, part }),
      })
    },
  })
}
