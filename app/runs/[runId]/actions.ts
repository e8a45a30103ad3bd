'use server'

import { headers } from 'next/headers'
import { z } from 'zod'
import { operatorAction } from '@/lib/actions/operator-action'
import { chooseRunDatabase } from '@/lib/jobs/choose-run-database'
import { startStagingJob } from '@/lib/jobs/start-staging-job'
import { startValidationJob } from '@/lib/jobs/start-validation-job'

const runInput = z.object({ runId: z.uuid() })

const restartStaging = operatorAction(
  { name: 'restartStaging', input: runInput },
  async ({ runId }, { db, operator }) => {
    await startStagingJob({ db, runId, actor: operator.id })
    return { runId }
  },
  ({ runId }) => ({ type: 'run.staging_restarted', runId }),
)

const restartValidation = operatorAction(
  { name: 'restartValidation', input: runInput },
  async ({ runId }, { db, operator }) => {
    await startValidationJob({ db, runId, actor: operator.id })
    return { runId }
  },
  ({ runId }) => ({ type: 'run.validation_restarted', runId }),
)

const chooseDatabaseInput = z.object({ runId: z.uuid(), database: z.string().min(1).max(256) })

const chooseDatabase = operatorAction(
  { name: 'chooseDatabase', input: chooseDatabaseInput },
  async ({ runId, database }, { db, operator }) => {
    await chooseRunDatabase({ db, runId, database, actor: operator.id })
    return { runId }
  },
  ({ runId, database }) => ({ type: 'run.database_chosen', runId, data: { database } }),
)

export async function chooseDatabaseAction(input: unknown) {
  return chooseDatabase(input, await headers())
}

export async function restartStagingAction(input: unknown) {
  return restartStaging(input, await headers())
}

export async function restartValidationAction(input: unknown) {
  return restartValidation(input, await headers())
}
