'use server'

import { headers } from 'next/headers'
import { z } from 'zod'
import { operatorAction } from '@/lib/actions/operator-action'
import { startReconcileJob } from '@/lib/jobs/start-reconcile-job'

const reconcile = operatorAction(
  { name: 'reconcile', input: z.object({ runId: z.uuid() }) },
  async ({ runId }, { db, operator }) => {
    const job = await startReconcileJob({ db, runId, actor: operator.id })
    return { jobId: job.id }
  },
  ({ runId }) => ({ type: 'run.reconciled', runId }),
)

export async function reconcileAction(input: unknown) {
  return reconcile(input, await headers())
}
