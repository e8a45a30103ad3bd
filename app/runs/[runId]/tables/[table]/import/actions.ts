'use server'

import { headers } from 'next/headers'
import { z } from 'zod'
import { operatorAction } from '@/lib/actions/operator-action'
import { startImportJob } from '@/lib/jobs/start-import-job'
import { startRollBackJob } from '@/lib/jobs/start-roll-back-job'

const tableInput = z.object({ runId: z.uuid(), table: z.string().min(1).max(64) })

const confirmImport = operatorAction(
  { name: 'confirmImport', input: tableInput },
  async ({ runId, table }, { db, operator }) => {
    const job = await startImportJob({ db, runId, legacyTable: table, actor: operator.id })
    return { jobId: job.id }
  },
  ({ runId, table }) => ({ type: 'table.import_confirmed', runId, legacyTable: table }),
)

const confirmRollBack = operatorAction(
  { name: 'confirmRollBack', input: tableInput },
  async ({ runId, table }, { db, operator }) => {
    const job = await startRollBackJob({ db, runId, legacyTable: table, actor: operator.id })
    return { jobId: job.id }
  },
  ({ runId, table }) => ({ type: 'table.rollback_confirmed', runId, legacyTable: table }),
)

export async function confirmImportAction(input: unknown) {
  return confirmImport(input, await headers())
}

export async function confirmRollBackAction(input: unknown) {
  return confirmRollBack(input, await headers())
}
