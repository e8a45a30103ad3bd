import type { DatabaseClients } from '@/lib/db/prisma'
import { mappings } from '@/lib/mappings'
import { validateTable } from '@/lib/validate/validate-table'
import type { RunningJob } from './job-registry'

/**
 * Validates the run's mapped tables that are not validated yet (staged, or failed before), in
 * dependency order, reporting progress on the job. A table whose validation fails is marked failed
 * with its reason and the others go on: the operator sees which one and can start it again.
 */
export async function validateTables(db: DatabaseClients, runId: string, job: RunningJob): Promise<void> {
  const states = await db.prisma.migrationRunTable.findMany({
    where: { runId, targetTable: { not: null }, OR: [{ state: 'staged' }, { state: 'failed', errorCode: 'VALIDATION_FAILED' }] },
    select: { legacyTable: true, rowsStaged: true },
  })
  const pending = new Map(states.map((s) => [s.legacyTable, s.rowsStaged]))
  const order = mappings.map((m) => m.legacyTable).filter((t) => pending.has(t))
  let done = 0
  for (const legacyTable of order) {
    job.progress = { phase: 'validating', table: legacyTable, rowsDone: 0, rowsTotal: pending.get(legacyTable), tablesDone: done, tablesTotal: order.length }
    try {
      await validateTable({ db, runId, legacyTable, onProgress: (rows) => (job.progress.rowsDone = rows) })
    } catch (error) {
      console.error(`validation of ${legacyTable} (run ${runId}) failed:`, error)
      await db.prisma.migrationRunTable.update({
        where: { runId_legacyTable: { runId, legacyTable } },
        data: {
          state: 'failed',
          errorCode: 'VALIDATION_FAILED',
          errorMessage: 'Validating this table failed on the server (the details are in the server log). Start the validation again; if it fails again, the migration tool needs a fix.',
          updatedAt: new Date(),
        },
      })
    }
    done += 1
  }
  job.progress = { phase: 'validated', tablesDone: done, tablesTotal: order.length }
}
