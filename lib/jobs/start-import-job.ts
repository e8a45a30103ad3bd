import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { checkDependencies } from '@/lib/import/check-dependencies'
import { importTable } from '@/lib/import/import-table'
import { lockTable } from '@/lib/import/table-lock'
import { assertTargetTableReady } from '@/lib/target/check-target'
import { syncRunStatus } from '@/lib/runs/sync-run-status'
import { launchJob, type RunningJob } from './job-registry'

export interface StartImportJobOptions {
  db: DatabaseClients
  runId: string
  legacyTable: string
  actor?: string | null
}

/** States from which an import starts (or, for failed, resumes after its committed batches). */
const STARTABLE = new Set(['validated', 'rolled_back', 'failed', 'importing'])

/**
 * Imports one table in the background (lib/import: batched, resumable, one at a time per target
 * table). What would make it refuse at once — a dependency not imported, a state it cannot start
 * from, another session importing the same table — is checked first, so the operator gets the
 * reason as the answer to the click.
 */
export async function startImportJob({ db, runId, legacyTable, actor = null }: StartImportJobOptions): Promise<RunningJob> {
  const table = await db.prisma.migrationRunTable.findUnique({ where: { runId_legacyTable: { runId, legacyTable } } })
  if (!table || table.targetTable === null) throw new AppError('NOT_FOUND', `This run has no table ${legacyTable} to import`)
  if (!STARTABLE.has(table.state)) {
    throw new AppError('CONFLICT', table.state === 'imported' ? `${legacyTable} is imported already` : `${legacyTable} is ${table.state}: validate it before importing`)
  }
  const check = await checkDependencies({ db, runId, legacyTable })
  if (!check.ready) {
    const names = check.missing.map((t) => `${t.table} (${t.state.replace('_', ' ')})`).join(', ')
    await db.prisma.migrationEvent.create({
      data: { runId, legacyTable, type: 'table.import_refused', actor, data: { code: 'DEPENDENCY_MISSING', missing: check.missing.map((t) => t.table) } },
    })
    throw new AppError('DEPENDENCY_MISSING', `${legacyTable} cannot be imported yet: import ${names} first.`, { missing: check.missing.map((t) => t.table) })
  }
  // A target table that cannot take the rows yet (the backend's, not prepared): the reason now.
  const run = await db.prisma.migrationRun.findUnique({ where: { id: runId }, select: { stagingSchema: true } })
  if (run?.stagingSchema) await assertTargetTableReady(db.pool, { schema: db.targetSchema, stagingSchema: run.stagingSchema, table: table.targetTable })
  // Another process (a second app server, the command line) importing or rolling back the same
  // target table: refused now, as the answer to the click, rather than by a job that fails out of
  // sight (the import takes the lock again for itself; this is only the early answer).
  await (await lockTable(db.pool, { runId, legacyTable, targetTable: table.targetTable, actor, refusedEvent: 'table.import_refused' })).release()
  const rowsTotal = Math.max(0, table.rowsStaged - table.rowsRejected)
  return launchJob({
    db,
    kind: 'import',
    runId,
    legacyTable,
    actor,
    work: async (job) => {
      job.progress = { phase: 'importing', table: legacyTable, rowsDone: table.rowsImported, rowsTotal }
      try {
        await importTable({
          db,
          runId,
          legacyTable,
          actor,
          onProgress: (p) => (job.progress = { phase: 'importing', table: legacyTable, rowsDone: p.rowsDone, rowsTotal: p.rowsTotal }),
        })
      } finally {
        await syncRunStatus({ db, runId })
      }
    },
  })
}
