import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { checkDependencies } from '@/lib/import/check-dependencies'
import { rollBackTable } from '@/lib/import/roll-back-table'
import { syncRunStatus } from '@/lib/runs/sync-run-status'
import { launchJob, type RunningJob } from './job-registry'

export interface StartRollBackJobOptions {
  db: DatabaseClients
  runId: string
  legacyTable: string
  actor?: string | null
}

/** Rolls back one imported table in the background (lib/import), after the checks that refuse at once. */
export async function startRollBackJob({ db, runId, legacyTable, actor = null }: StartRollBackJobOptions): Promise<RunningJob> {
  const table = await db.prisma.migrationRunTable.findUnique({ where: { runId_legacyTable: { runId, legacyTable } } })
  if (!table || table.targetTable === null) throw new AppError('NOT_FOUND', `This run has no table ${legacyTable}`)
  if (!(table.state === 'imported' || (table.state === 'failed' && table.rowsImported > 0) || table.state === 'importing')) {
    throw new AppError('CONFLICT', `${legacyTable} has nothing to roll back (it is ${table.state.replace('_', ' ')})`)
  }
  const check = await checkDependencies({ db, runId, legacyTable })
  if (check.dependents.length > 0) {
    throw new AppError('CONFLICT', `${legacyTable} cannot be rolled back while ${check.dependents.map((t) => t.table).join(', ')} hold imported rows that reference it: roll those back first.`)
  }
  return launchJob({
    db,
    kind: 'rollback',
    runId,
    legacyTable,
    actor,
    work: async (job) => {
      job.progress = { phase: 'rolling back', table: legacyTable }
      try {
        await rollBackTable({ db, runId, legacyTable, actor })
      } finally {
        await syncRunStatus({ db, runId })
      }
    },
  })
}
