// Rolls back the import of one table of a run: deletes from the target the rows of this table's
// mapped rows (what the import wrote, by legacy id), removes the ORPHAN_REF issues the import
// added, and marks the table 'rolled_back'. One transaction, under the same advisory lock as the
// import. Refused while a table that depends on it holds rows of this run (roll that one back
// first); the foreign keys (ON DELETE RESTRICT) refuse it too when another run's rows refer to it.
//
// A row the import only refreshed (it was in the target from an earlier run) is deleted as well:
// the target keeps no history of earlier values.

import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError, isAppError } from '@/lib/errors'
import { mappingFor } from '@/lib/mappings'
import { assertNoDependentsHoldRows } from './check-dependencies'
import { lockForDefinitionChanges, restoreDeferred } from './deferred-indexes'
import { planImport } from './import-table'
import { lockRunTables, readRunTable, recordEvent, recordRefusal, refreshIssueCounts } from './run-table-state'
import { lockTable } from './table-lock'

export interface RollBackTableOptions {
  db: DatabaseClients
  runId: string
  legacyTable: string
  /** who asked, for the audit trail */
  actor?: string | null
}

export interface RollBackTableResult {
  legacyTable: string
  targetTable: string
  rowsDeleted: number
  milliseconds: number
}

/** States whose rows a roll-back removes ('importing' only when no one holds the lock: a crash). */
const ROLLBACK_FROM = new Set(['imported', 'importing', 'failed'])

export async function rollBackTable(options: RollBackTableOptions): Promise<RollBackTableResult> {
  const started = performance.now()
  const { db, runId, legacyTable } = options
  const mapping = mappingFor(legacyTable)
  if (!mapping) throw new AppError('NOT_FOUND', `${legacyTable} is not a table the migration maps`)
  const run = await db.prisma.migrationRun.findUnique({ where: { id: runId }, select: { stagingSchema: true } })
  if (!run?.stagingSchema) throw new AppError('NOT_FOUND', `Run ${runId} has no staged dump`)

  const lock = await lockTable(db.pool, { runId, legacyTable, targetTable: mapping.targetTable, actor: options.actor, refusedEvent: 'table.rollback_refused' })
  const client = lock.client
  try {
    const { plan, statements } = await planImport(db, run.stagingSchema, legacyTable)
    await client.query('BEGIN')
    try {
      // Tables first, then the bookkeeping rows (see lockForDefinitionChanges).
      // What a crashed bulk load of this table left dropped (its resume cursor says).
      const leftOver = (await readRunTable(client, runId, legacyTable))?.resumeCursor?.deferred ?? []
      if (leftOver.length > 0) await lockForDefinitionChanges(client, plan.targetTable, leftOver)
      const states = await lockRunTables(client, runId)
      const own = states.get(legacyTable)
      if (!own || !ROLLBACK_FROM.has(own.state)) {
        throw new AppError('CONFLICT', `${legacyTable} has nothing to roll back in run ${runId} (state ${own?.state ?? 'absent'})`, {
          legacyTable,
          state: own?.state ?? null,
        })
      }
      assertNoDependentsHoldRows(legacyTable, states)
      const deleted = await client.query(statements.deleteImported).catch((error: unknown) => {
        throw foreignKeyRefusal(legacyTable, plan.targetTable, error)
      })
      // Rows of the new system that legacy rows were linked to stay; they only lose the legacy id.
      if (statements.unlinkExisting) await client.query(statements.unlinkExisting)
      if (statements.clearImportOrphanIssues) await client.query(statements.clearImportOrphanIssues, [runId, legacyTable])
      // An interrupted bulk load left the table without its secondary indexes: they come back now.
      await restoreDeferred(client, leftOver)
      const result: RollBackTableResult = {
        legacyTable,
        targetTable: plan.targetTable,
        rowsDeleted: deleted.rowCount ?? 0,
        milliseconds: Math.round(performance.now() - started),
      }
      await client.query(
        `UPDATE migration_run_tables SET state = 'rolled_back', rows_imported = 0, last_committed_batch = NULL, resume_cursor = NULL,
                error_code = NULL, error_message = NULL, finished_at = now(), updated_at = now(),
                timings = timings || jsonb_build_object('rollback', $3::int)
          WHERE run_id = $1 AND legacy_table = $2`,
        [runId, legacyTable, result.milliseconds],
      )
      await refreshIssueCounts(client, runId, legacyTable)
      await recordEvent(client, { runId, legacyTable, type: 'table.rolled_back', actor: options.actor, data: { ...result, previousState: own.state } })
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      if (isAppError(error)) await recordRefusal(client, { runId, legacyTable, type: 'table.rollback_refused', actor: options.actor }, error)
      throw error
    }
  } finally {
    await lock.release()
  }
}

/** A foreign key violation (23503) becomes a refusal naming the table whose rows still refer. */
function foreignKeyRefusal(legacyTable: string, targetTable: string, error: unknown): unknown {
  const pgError = error as { code?: string; table?: string; detail?: string }
  if (pgError?.code !== '23503') return error
  return new AppError(
    'CONFLICT',
    `${legacyTable} cannot be rolled back: rows of ${pgError.table ?? 'another table'} (imported by another run) still reference ${targetTable}. ${pgError.detail ?? ''}`.trim(),
    { legacyTable, referencingTable: pgError.table ?? null },
  )
}
