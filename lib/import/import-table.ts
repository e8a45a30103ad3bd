// Imports one validated legacy table of a run: its mapped rows (staging_x."mapped__<target>")
// into its target table, in batches of `batchSize` rows ordered by `_row`.
//
// - One at a time per target table: a PostgreSQL advisory lock (table-lock.ts); a second import
//   (or a roll-back) of the same table meanwhile is refused.
// - Only after the tables it references are imported in this run (check-dependencies.ts).
// - Repeatable: rows are upserted on legacy_id; the id is a function of the legacy id, so a row
//   imported again keeps its id and the rows referencing it stay valid.
// - Resumable: every batch commits with its checkpoint. An import that crashed (state still
//   'importing') or failed continues after the last committed batch; one that finished, or a
//   table validated again, starts from the first row.
// - References whose row is not in the target become NULL (legacy value kept, ORPHAN_REF).
// - The first load of an empty target table runs without its secondary indexes and foreign keys,
//   rebuilt at the end (deferred-indexes.ts): several times faster than keeping them up to date.
// - State: importing → imported (rows_imported, rows_rejected, timings.import), or failed with
//   error_code / error_message. Each start, end, failure and refusal is an audit event.

import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError, isAppError } from '@/lib/errors'
import { mappingFor } from '@/lib/mappings'
import { quoteIdent, stagedTable } from '@/lib/staging/staging-names'
import { MAPPED_DECIDED, MAPPED_LINK_ID, mappedTableName } from '@/lib/staging/staging-names'
import { contractColumns } from '@/lib/validate/target-columns'
import { assertTargetTableReady } from '@/lib/target/check-target'
import { inspectTarget } from '@/lib/target/inspect-target'
import { assertDependenciesImported } from './check-dependencies'
import {
  BULK_LOAD_MIN_ROWS,
  deferrableDefinitions,
  dropDeferred,
  lockForDefinitionChanges,
  restoreDeferred,
  targetIsEmpty,
  type DeferredDefinition,
} from './deferred-indexes'
import { importStatements, type ImportPlan, type ImportStatements } from './import-sql'
import { referencedTargetTable, referencesOf } from './references'
import { isResumable, lockRunTables, readRunTable, recordEvent, recordRefusal, refreshIssueCounts, type ResumeCursor } from './run-table-state'
import { lockTable, type TableLock } from './table-lock'
import { writeAll, writeBatch, IMPORT_METHODS, type ImportMethod } from './write-batch'

export { IMPORT_METHODS, type ImportMethod } from './write-batch'

export const DEFAULT_BATCH_SIZE = 5000
/** The fastest of the three on this kind of machine (bench/import.ts; figures in the README). */
export const DEFAULT_IMPORT_METHOD: ImportMethod = 'insert-select'

export interface ImportProgress {
  legacyTable: string
  rowsDone: number
  rowsTotal: number
  batch: number
}

export interface ImportTableOptions {
  db: DatabaseClients
  runId: string
  legacyTable: string
  /** rows per committed batch (default 5000) */
  batchSize?: number
  /** how rows are written (default: the fastest measured, 'insert-select') */
  method?: ImportMethod
  /** who asked, for the audit trail */
  actor?: string | null
  /** an import of at least this many rows into an empty table defers its indexes (default BULK_LOAD_MIN_ROWS) */
  bulkLoadMinRows?: number
  /**
   * Load a table that holds no legacy row yet in one statement (default true); false writes it in
   * batches of `batchSize`, each committed with its checkpoint, as a table that has rows is.
   */
  bulkInsert?: boolean
  /**
   * Also defer the indexes and foreign keys of a table the backend's own migrations made (not
   * created by this app): other code may depend on them, so only when the operator allows it.
   */
  dropBackendIndexes?: boolean
  onProgress?: (progress: ImportProgress) => void
}

export interface ImportTableResult {
  legacyTable: string
  targetTable: string
  method: ImportMethod
  rowsStaged: number
  /** rows of this table now in the target from this run (= the mapped rows) */
  rowsImported: number
  /** rows rejected by validation (kept in staging with their issues) */
  rowsRejected: number
  /** references NULLed at import because their row is not in the target (ORPHAN_REF) */
  orphansNulled: number
  /** batches committed by this call */
  batches: number
  /** the `_row` this call resumed after, or null for an import from the first row */
  resumedAfterRow: number | null
  /** secondary indexes and foreign keys rebuilt after a bulk load (0: written with them in place) */
  indexesDeferred: number
  milliseconds: number
}

/** The table's import plan and statements: target columns, mapped table, references. */
export async function planImport(db: DatabaseClients, stagingSchema: string, legacyTable: string) {
  const mapping = mappingFor(legacyTable)
  if (!mapping) throw new AppError('NOT_FOUND', `${legacyTable} is not a table the migration maps (schema drift is only staged)`)
  const columns = contractColumns(mapping.targetTable)
  const mappedTable = stagedTable(stagingSchema, mappedTableName(mapping.targetTable))
  const existing = (await inspectTarget(db.pool, db.targetSchema, [mapping.targetTable])).get(mapping.targetTable)
  // A value of the contract's text reaches an enumeration only through an explicit cast (every
  // other difference the target check accepts is an assignment cast PostgreSQL makes itself).
  const casts = new Map((existing?.columns ?? []).filter((c) => c.enumLabels).map((c) => [c.name, c.formattedType]))
  const bookkeeping = await db.pool.query<{ name: string }>(
    `SELECT attname AS name FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = ANY($2::text[]) AND NOT attisdropped`,
    [mappedTable, [MAPPED_LINK_ID, MAPPED_DECIDED]],
  )
  const has = (column: string) => bookkeeping.rows.some((r) => r.name === column)
  const plan: ImportPlan = {
    legacyTable,
    targetTable: mapping.targetTable,
    stagingSchema,
    mappedTable,
    columns: columns.map((c) => c.name),
    casts,
    compareAs: new Map((existing?.columns ?? []).filter((c) => c.dataType === 'json').map((c) => [c.name, 'jsonb'])),
    references: referencesOf(legacyTable).map((reference) => ({ reference, targetTable: referencedTargetTable(reference) })),
    linked: has(MAPPED_LINK_ID),
    decided: has(MAPPED_DECIDED),
  }
  return { mapping, plan, columns, statements: importStatements(plan) }
}

export async function importTable(options: ImportTableOptions): Promise<ImportTableResult> {
  const started = performance.now()
  const { db, runId, legacyTable } = options
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE
  const method = options.method ?? DEFAULT_IMPORT_METHOD
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new AppError('INVALID_INPUT', `The batch size must be a positive integer, not ${batchSize}`)
  if (!IMPORT_METHODS.includes(method)) throw new AppError('INVALID_INPUT', `Unknown import method ${method}`)
  const mapping = mappingFor(legacyTable)
  if (!mapping) throw new AppError('NOT_FOUND', `${legacyTable} is not a table the migration maps (schema drift is only staged)`)
  const run = await db.prisma.migrationRun.findUnique({ where: { id: runId }, select: { stagingSchema: true } })
  if (!run) throw new AppError('NOT_FOUND', `There is no run ${runId}`)
  if (!run.stagingSchema) throw new AppError('NOT_FOUND', `Run ${runId} has no staged dump`)

  const lock = await lockTable(db.pool, { runId, legacyTable, targetTable: mapping.targetTable, actor: options.actor, refusedEvent: 'table.import_refused' })
  let broken = false
  try {
    const { plan, statements } = await planImport(db, run.stagingSchema, legacyTable)
    const start = await beginImport({ ...options, lock, plan, statements, method, batchSize })
    try {
      const progress = await importBatches({ ...options, lock, plan, statements, method, batchSize, start })
      return await finishImport({ ...options, lock, statements, method, start, progress, started })
    } catch (error) {
      broken = true
      throw await failImport({ ...options, lock, method, error })
    }
  } finally {
    await lock.release(broken)
  }
}

interface ImportStart {
  targetTable: string
  rowsStaged: number
  rowsTotal: number
  cursor: ResumeCursor
  batch: number
  rowsImported: number
  resumed: boolean
}

/** Checks, decides fresh or resumed, and marks the table 'importing': one transaction. */
async function beginImport(
  options: ImportTableOptions & { lock: TableLock; plan: ImportPlan; statements: ImportStatements; method: ImportMethod; batchSize: number },
): Promise<ImportStart> {
  const { runId, legacyTable, lock, plan, statements } = options
  const client = lock.client
  await client.query('BEGIN')
  let start: ImportStart
  try {
    const changes = await planDefinitionChanges(client, options)
    const states = await lockRunTables(client, runId)
    const own = states.get(legacyTable)
    if (!own) throw new AppError('NOT_FOUND', `Run ${runId} has no table ${legacyTable}`)
    if (own.state === 'missing') throw new AppError('NOT_FOUND', `${legacyTable} is not in the dump of run ${runId}: there is nothing to import`)
    if (own.state === 'staged') throw new AppError('CONFLICT', `${legacyTable} is staged but not validated yet: validate it before importing`)
    const mapped = await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [plan.mappedTable])
    if (!mapped.rows[0].t) throw new AppError('CONFLICT', `${legacyTable} has no validated rows in run ${runId}: validate it before importing`)
    assertDependenciesImported(legacyTable, states)
    await assertTargetTableReady(client, { schema: options.db.targetSchema, stagingSchema: plan.stagingSchema, table: plan.targetTable })

    const rowsTotal = changes.rowsTotal ?? (await client.query<{ rows: number }>(statements.countMapped)).rows[0].rows
    const resumable = isResumable(own)
    if (resumable) {
      start = {
        targetTable: plan.targetTable,
        rowsStaged: own.rowsStaged,
        rowsTotal,
        cursor: own.resumeCursor!,
        batch: own.lastCommittedBatch ?? 0,
        rowsImported: own.rowsImported,
        resumed: true,
      }
    } else {
      // A bulk load that never finished (its table validated again since) gets its indexes back first.
      await restoreDeferred(client, changes.leftOver)
      const deferred = changes.deferred
      await dropDeferred(client, deferred)
      const cursor = { afterRow: 0, orphansNulled: 0, ...(deferred.length > 0 ? { deferred } : {}) }
      start = { targetTable: plan.targetTable, rowsStaged: own.rowsStaged, rowsTotal, cursor, batch: 0, rowsImported: 0, resumed: false }
      // The ORPHAN_REF issues of an earlier import of this run are about to be found again.
      if (statements.clearImportOrphanIssues) await client.query(statements.clearImportOrphanIssues, [runId, legacyTable])
    }
    await client.query(
      `UPDATE migration_run_tables SET state = 'importing', error_code = NULL, error_message = NULL, updated_at = now(),
              started_at = CASE WHEN $3 THEN started_at ELSE now() END,
              rows_imported = $4, last_committed_batch = CASE WHEN $3 THEN last_committed_batch ELSE NULL END,
              resume_cursor = $5::jsonb
        WHERE run_id = $1 AND legacy_table = $2`,
      [runId, legacyTable, start.resumed, start.rowsImported, JSON.stringify(start.cursor)],
    )
    await recordEvent(client, {
      runId,
      legacyTable,
      type: 'table.import_started',
      actor: options.actor,
      data: {
        method: options.method,
        batchSize: options.batchSize,
        rows: rowsTotal,
        resumedAfterRow: start.resumed ? start.cursor.afterRow : null,
        indexesDeferred: start.cursor.deferred?.map((d) => d.name) ?? [],
      },
    })
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    // A refusal changes nothing but the audit trail.
    if (isAppError(error)) await recordRefusal(client, { runId, legacyTable, type: 'table.import_refused', actor: options.actor }, error)
    throw error
  }
  return start
}

/**
 * What beginImport will change in table definitions: restore what a crashed bulk load left dropped,
 * and drop what this bulk load defers. Decided before the bookkeeping rows are locked (nothing here
 * can change meanwhile: the table's own lock is held), so that the tables can be locked first.
 */
async function planDefinitionChanges(
  client: TableLock['client'],
  options: ImportTableOptions & { plan: ImportPlan; statements: ImportStatements },
): Promise<{ leftOver: DeferredDefinition[]; deferred: DeferredDefinition[]; rowsTotal: number | null }> {
  const { plan } = options
  const none = { leftOver: [], deferred: [], rowsTotal: null }
  const own = await readRunTable(client, options.runId, options.legacyTable)
  const mapped = await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [plan.mappedTable])
  if (!own || !mapped.rows[0].t) return none // refused below
  if (isResumable(own)) return none // resumed: nothing changes now
  const leftOver = own.resumeCursor?.deferred ?? []
  const rowsTotal = (await client.query<{ rows: number }>(options.statements.countMapped)).rows[0].rows
  const bulk =
    rowsTotal >= (options.bulkLoadMinRows ?? BULK_LOAD_MIN_ROWS) &&
    (await targetIsEmpty(client, plan.targetTable)) &&
    (options.dropBackendIndexes === true || (await createdByApp(client, plan.targetTable)))
  const deferred = bulk ? await deferrableDefinitions(client, plan.targetTable) : []
  if (leftOver.length > 0 || deferred.length > 0) await lockForDefinitionChanges(client, plan.targetTable, [...leftOver, ...deferred])
  return { leftOver, deferred, rowsTotal }
}

/** True when some row of the target table came from the legacy system (has a legacy_id). */
async function targetHasLegacyRows(client: TableLock['client'], targetTable: string): Promise<boolean> {
  const { rows } = await client.query(`SELECT 1 FROM ${quoteIdent(targetTable)} WHERE legacy_id IS NOT NULL LIMIT 1`)
  return rows.length > 0
}

/** True when this app created the target table from the contract (migration_target_tables). */
async function createdByApp(client: TableLock['client'], targetTable: string): Promise<boolean> {
  const { rows } = await client.query('SELECT 1 FROM migration_target_tables WHERE table_name = $1', [targetTable])
  return rows.length > 0
}

interface ImportProgressState {
  batches: number
  batch: number
  rowsImported: number
  orphansNulled: number
}

async function importBatches(
  options: ImportTableOptions & { lock: TableLock; plan: ImportPlan; statements: ImportStatements; method: ImportMethod; batchSize: number; start: ImportStart },
): Promise<ImportProgressState> {
  const { db, runId, legacyTable, lock, statements, start } = options
  const target = { db, client: lock.client, runId, legacyTable, statements }
  let afterRow = start.cursor.afterRow
  const state: ImportProgressState = { batches: 0, batch: start.batch, rowsImported: start.rowsImported, orphansNulled: start.cursor.orphansNulled }
  options.onProgress?.({ legacyTable, rowsDone: state.rowsImported, rowsTotal: start.rowsTotal, batch: state.batch })
  // No legacy row of this table in the target yet (an empty table, or only the new system's own
  // rows; a resumed bulk load committed nothing): one statement for all rows, not upserts in batches.
  if (afterRow === 0 && options.bulkInsert !== false && options.method === 'insert-select' && !(await targetHasLegacyRows(lock.client, options.plan.targetTable))) {
    const last = await lock.client.query<{ last_row: string | null }>(`SELECT max(_row)::text AS last_row FROM ${options.plan.mappedTable}`)
    const lastRow = last.rows[0].last_row === null ? 0 : Number(last.rows[0].last_row)
    const orphans = await writeAll(target, { truncate: (start.cursor.deferred ?? []).length > 0, lastRow, rows: start.rowsTotal })
    options.onProgress?.({ legacyTable, rowsDone: start.rowsTotal, rowsTotal: start.rowsTotal, batch: 1 })
    return { batches: 1, batch: 1, rowsImported: start.rowsTotal, orphansNulled: orphans }
  }
  for (;;) {
    const next = await lock.client.query<{ last_row: string | null; rows: number }>(statements.nextBatch, [afterRow, options.batchSize])
    const { last_row: lastRow, rows } = next.rows[0]
    if (lastRow === null) break
    const range = { afterRow, lastRow: Number(lastRow) }
    const checkpoint = { batch: state.batch + 1, rowsImported: state.rowsImported + rows, orphansBefore: state.orphansNulled }
    const orphans = await writeBatch(options.method, target, range, checkpoint)
    state.batch = checkpoint.batch
    state.batches += 1
    state.rowsImported = checkpoint.rowsImported
    state.orphansNulled += orphans
    afterRow = range.lastRow
    options.onProgress?.({ legacyTable, rowsDone: state.rowsImported, rowsTotal: start.rowsTotal, batch: state.batch })
  }
  return state
}

async function finishImport(
  options: ImportTableOptions & { lock: TableLock; statements: ImportStatements; method: ImportMethod; start: ImportStart; progress: ImportProgressState; started: number },
): Promise<ImportTableResult> {
  const { runId, legacyTable, lock, start, progress } = options
  const client = lock.client
  const milliseconds = Math.round(performance.now() - options.started)
  const deferred = start.cursor.deferred ?? []
  await client.query('BEGIN')
  try {
    // In the same transaction as 'imported': a crash while rebuilding leaves the import resumable.
    if (deferred.length > 0) await lockForDefinitionChanges(client, start.targetTable, deferred)
    await restoreDeferred(client, deferred)
    // Counted again rather than trusted: the mapped table is what the target now holds of this run.
    const rowsImported = (await client.query<{ rows: number }>(options.statements.countMapped)).rows[0].rows
    const rowsRejected = Math.max(0, start.rowsStaged - rowsImported)
    await client.query(
      `UPDATE migration_run_tables SET state = 'imported', rows_imported = $3, rows_rejected = $4, resume_cursor = NULL,
              finished_at = now(), updated_at = now(), error_code = NULL, error_message = NULL,
              timings = timings || jsonb_build_object('import', $5::int)
        WHERE run_id = $1 AND legacy_table = $2`,
      [runId, legacyTable, rowsImported, rowsRejected, milliseconds],
    )
    await refreshIssueCounts(client, runId, legacyTable)
    const result: ImportTableResult = {
      legacyTable,
      targetTable: start.targetTable,
      method: options.method,
      rowsStaged: start.rowsStaged,
      rowsImported,
      rowsRejected,
      orphansNulled: progress.orphansNulled,
      batches: progress.batches,
      resumedAfterRow: start.resumed ? start.cursor.afterRow : null,
      indexesDeferred: deferred.length,
      milliseconds,
    }
    await recordEvent(client, { runId, legacyTable, type: 'table.imported', actor: options.actor, data: { ...result } })
    await client.query('COMMIT')
    // Fresh statistics for the tables whose imports join against this one next.
    if (deferred.length > 0) await client.query(`ANALYZE ${quoteIdent(start.targetTable)}`)
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

/** Records the failure (state 'failed', committed batches and cursor kept) and returns the error to throw. */
async function failImport(options: ImportTableOptions & { lock: TableLock; method: ImportMethod; error: unknown }): Promise<AppError> {
  const { db, runId, legacyTable, error } = options
  const cause = error instanceof Error ? error.message : String(error)
  const code = isAppError(error) ? error.code : isDatabaseError(error) ? `PG_${error.code}` : 'IMPORT_FAILED'
  // undefined: the database did not answer (stopped, unreachable), so what was committed is unknown here.
  const state = await db.prisma.migrationRunTable
    .findUnique({ where: { runId_legacyTable: { runId, legacyTable } }, select: { lastCommittedBatch: true, resumeCursor: true } })
    .catch(() => undefined)
  const after = (state?.resumeCursor as ResumeCursor | null | undefined)?.afterRow ?? 0
  const message =
    `Importing ${legacyTable} failed${state?.lastCommittedBatch ? ` after batch ${state.lastCommittedBatch}` : ''}: ${cause}. ` +
    (state === undefined
      ? 'The database did not answer, so the batches committed before could not be counted; they are kept, and importing again resumes after them.'
      : after > 0
        ? `The committed batches are kept; importing again resumes after row ${after}.`
        : 'Nothing was written.')
  // Recorded through Prisma's own connection: the lock's connection may be the broken part. If even
  // this fails (the database is gone), the import's own error is still the one to report.
  await db.prisma
    .$transaction([
      db.prisma.migrationRunTable.update({
        where: { runId_legacyTable: { runId, legacyTable } },
        data: { state: 'failed', errorCode: code, errorMessage: message, finishedAt: new Date() },
      }),
      db.prisma.migrationEvent.create({
        data: { runId, legacyTable, type: 'table.import_failed', actor: options.actor ?? null, data: { code, message, method: options.method } },
      }),
    ])
    .catch(() => undefined)
  return isAppError(error) ? error : new AppError('INTERNAL', message, { legacyTable, code, cause })
}

/** A PostgreSQL error (pg's DatabaseError): its SQLSTATE is five digits or capitals. */
function isDatabaseError(error: unknown): error is Error & { code: string } {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)
}
