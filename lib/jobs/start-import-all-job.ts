import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError, isAppError } from '@/lib/errors'
import { importTable } from '@/lib/import/import-table'
import { mappingFor } from '@/lib/mappings'
import { validateAndImport } from '@/lib/pipeline/validate-and-import'
import { getImportAllPlan } from '@/lib/runs/get-import-all-plan'
import { syncRunStatus } from '@/lib/runs/sync-run-status'
import { launchJob, type RunningJob } from './job-registry'

export interface StartImportAllJobOptions {
  db: DatabaseClients
  runId: string
  actor?: string | null
  /** the tables the operator confirmed (in the order shown); refused when the plan changed since */
  expected: readonly string[]
}

/**
 * "Import every ready table": one job that imports each ready table of the run in dependency
 * order, two at a time where the order allows (as the command line does), each its own resumable,
 * reversible import with its own audit entries. A table that fails does not stop the others; the
 * tables that depend on it are refused, naming it.
 */
export async function startImportAllJob({ db, runId, actor = null, expected }: StartImportAllJobOptions): Promise<RunningJob> {
  const plan = await getImportAllPlan({ db, runId })
  const names = plan.tables.map((t) => t.legacyTable)
  if (names.length === 0) throw new AppError('CONFLICT', 'No table of this run is ready to import')
  if (names.join() !== expected.join()) throw new AppError('CONFLICT', 'The tables ready to import changed since they were shown: look at them again')
  return launchJob({
    db,
    kind: 'import-all',
    runId,
    actor,
    work: async (job) => {
      const failures: string[] = []
      let tablesDone = 0
      job.progress = { phase: 'importing', tablesDone, tablesTotal: names.length, rowsDone: 0, rowsTotal: plan.rows }
      const done = new Map<string, number>()
      try {
        await validateAndImport({
          tables: names,
          dependsOn: (table) => mappingFor(table)?.dependsOn ?? [],
          validate: async () => undefined, // validated already
          importTable: async (legacyTable) => {
            try {
              await importTable({
                db,
                runId,
                legacyTable,
                actor,
                onProgress: (p) => {
                  done.set(legacyTable, p.rowsDone)
                  job.progress = { ...job.progress, table: legacyTable, rowsDone: [...done.values()].reduce((a, b) => a + b, 0) }
                },
              })
            } catch (error) {
              failures.push(`${legacyTable}: ${isAppError(error) || error instanceof Error ? error.message : String(error)}`)
            }
            tablesDone += 1
            job.progress = { ...job.progress, tablesDone }
          },
        })
      } finally {
        await syncRunStatus({ db, runId })
      }
      if (failures.length > 0) throw new AppError('CONFLICT', `${failures.length} of ${names.length} tables were not imported: ${failures.join('; ')}`)
    },
  })
}
