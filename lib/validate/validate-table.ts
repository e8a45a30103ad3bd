import { to as copyTo } from 'pg-copy-streams'
import type { DatabaseClients } from '@/lib/db/prisma'
import type { SqlValue } from '@/lib/dump/types'
import { AppError } from '@/lib/errors'
import { lockTable } from '@/lib/import/table-lock'
import { createMappingContext, mapRow, mappingFor, READER_RULE_CODES, ruleSeverity, type RowIssue, type RuleCode } from '@/lib/mappings'
import { BinaryCopyValueError, CopyBinaryBuffer } from '@/lib/staging/copy-binary'
import { escapeCopyText } from '@/lib/staging/copy-text'
import { CopySink } from '@/lib/staging/copy-sink'
import { readCopyBinaryRows, type CopyBinaryField, type CopyBinaryValue } from '@/lib/staging/copy-binary-reader'
import { MAPPED_LINK_ID, STAGING_EXACT, STAGING_ROW, mappedTableName, quoteIdent, stagedTable } from '@/lib/staging/staging-names'
import { createUserLinker, loadExistingUsers } from './link-existing-users'
import { contractColumns, targetValueWriter, type TargetColumn, type TargetValueWriter } from './target-columns'

export interface ValidateTableOptions {
  db: DatabaseClients
  runId: string
  legacyTable: string
  /** the time the contract's "else the import time" stands for; default now */
  importTime?: Date
  onProgress?: (rowsDone: number) => void
}

export interface ValidationResult {
  legacyTable: string
  rows: number
  rowsMapped: number
  rowsRejected: number
  warnings: number
  errors: number
  countsByRule: Partial<Record<RuleCode, number>>
  /**
   * The contract's columns of this table that the dump's table lacks (schema drift): each row takes
   * their legacy defaults (MISSING_VALUE), and without `ID` every row is rejected (MISSING_ID).
   */
  missingColumns: string[]
  milliseconds: number
}

/**
 * The validation pass of one staged table: every staged row goes through the table's mapping; the
 * rows as they will be written go to `mapped__<target>` in the staging schema (typed like the
 * target table), every issue to migration_row_issues, and the counts by rule to the run's table
 * state. Repeatable: a second pass replaces the first.
 */
export async function validateTable(options: ValidateTableOptions): Promise<ValidationResult> {
  const started = Date.now()
  const { db, runId, legacyTable } = options
  const mapping = mappingFor(legacyTable)
  if (!mapping) throw new AppError('NOT_FOUND', `${legacyTable} is not a table the migration maps (schema drift is only staged)`)
  const run = await db.prisma.migrationRun.findUnique({ where: { id: runId } })
  if (!run?.stagingSchema) throw new AppError('NOT_FOUND', `Run ${runId} has no staged dump`)
  const schema = run.stagingSchema
  const stagedColumns = await loadStagedColumns(db, schema, legacyTable)
  if (!stagedColumns) throw new AppError('NOT_FOUND', `The dump of run ${runId} has no table ${legacyTable}`)

  const context = createMappingContext({
    importTime: options.importTime ?? new Date(),
    existingIds: await loadExistingIds(db, schema, mapping.dependsOn),
  })
  const targetColumns = contractColumns(mapping.targetTable)
  // Legacy users are linked to the new system's users by e-mail (link-existing-users.ts).
  const linkUser = mapping.targetTable === 'users'
    ? createUserLinker(await loadExistingUsers(db.pool, db.targetSchema, (id) => context.uuidFor(legacyTable, id)))
    : null
  const mappedLayout: MappedLayout = { legacyTable, targetColumns, writers: targetColumns.map((c) => targetValueWriter(c.dataType)), linked: linkUser !== null }
  const readColumns = mapping.legacyColumns.filter((c) => stagedColumns.has(c))

  // Under the table's import lock: the mapped table is replaced here, so no import or roll-back of
  // this table may read it meanwhile (and a running one refuses this validation, naming it).
  const lock = await lockTable(db.pool, { runId, legacyTable, targetTable: mapping.targetTable, refusedEvent: 'table.validation_refused' })
  let broken = false
  const result: ValidationResult = {
    legacyTable, rows: 0, rowsMapped: 0, rowsRejected: 0, warnings: 0, errors: 0, countsByRule: {},
    missingColumns: mapping.legacyColumns.filter((c) => !stagedColumns.has(c)), milliseconds: 0,
  }
  try {
    // The lock's connection reads the staged rows (one connection fewer per table being validated).
    const reader = lock.client
    const mappedWriter = await db.pool.connect()
    const issueWriter = await db.pool.connect()
    // The two COPYs into PostgreSQL, once open: a failure must end them (CopyFail) before ROLLBACK,
    // which would otherwise wait behind a COPY that never ends.
    let mappedCopy: CopySink<CopyBinaryBuffer> | null = null
    let issueCopy: CopySink | null = null
    try {
      await mappedWriter.query('BEGIN')
      await issueWriter.query('BEGIN')
      const mappedTable = stagedTable(schema, mappedTableName(mapping.targetTable))
      await mappedWriter.query(`DROP TABLE IF EXISTS ${mappedTable}`)
      await mappedWriter.query(
        `CREATE TABLE ${mappedTable} (${targetColumns.map((c) => `${quoteIdent(c.name)} ${c.sqlType}`).join(', ')}, ${STAGING_ROW} bigint PRIMARY KEY${linkUser ? `, ${MAPPED_LINK_ID} uuid` : ''})`,
      )
      // The mappings' issues are replaced; the dump reader's (stored by staging) stay, and are counted.
      await issueWriter.query('DELETE FROM migration_row_issues WHERE run_id = $1 AND legacy_table = $2 AND code <> ALL($3::text[])', [
        runId,
        legacyTable,
        READER_RULE_CODES,
      ])
      const readerIssues = await issueWriter.query<{ code: RuleCode; n: number }>(
        'SELECT code, count(*)::int AS n FROM migration_row_issues WHERE run_id = $1 AND legacy_table = $2 AND code = ANY($3::text[]) GROUP BY code',
        [runId, legacyTable, READER_RULE_CODES],
      )
      for (const { code, n } of readerIssues.rows) countIssues(result, code, n)

      // FREEZE (allowed: the table was created in this transaction): its rows are written as
      // committed and visible to all, so the first readers (ANALYZE, the preview, the import) do
      // not each look up the transaction's state, mark every row and write every page again.
      mappedCopy = new CopySink(
        mappedWriter,
        `COPY ${mappedTable} (${[...targetColumns.map((c) => quoteIdent(c.name)), STAGING_ROW, ...(linkUser ? [MAPPED_LINK_ID] : [])].join(', ')}) FROM STDIN (FORMAT binary, FREEZE)`,
        new CopyBinaryBuffer(),
      )
      issueCopy = new CopySink(
        issueWriter,
        'COPY migration_row_issues (run_id, legacy_table, legacy_id, row_number, column_name, severity, code, message, source_value) FROM STDIN',
      )
      // Only ids that occur more than once need remembering (a set of every id would grow with the
      // table); none does when staging saw them ascending.
      const staged = await db.prisma.migrationRunTable.findUnique({ where: { runId_legacyTable: { runId, legacyTable } }, select: { idsAscending: true } })
      const repeated = staged?.idsAscending ? new Set<number>() : await loadRepeatedIds(db, schema, legacyTable)
      const seenIds = new Set<number>()
      const runField = escapeCopyText(runId)
      const tableField = escapeCopyText(legacyTable)
      // The mapping's columns the staged table has (a column the dump lacks is absent from the row:
      // its legacy default, MISSING_VALUE; an absent ID rejects the row, MISSING_ID).
      const selected = [STAGING_ROW, STAGING_EXACT, ...readColumns.map(quoteIdent)].join(', ')
      const select = `COPY (SELECT ${selected} FROM ${stagedTable(schema, legacyTable)} ORDER BY ${STAGING_ROW}) TO STDOUT (FORMAT binary)`
      const fieldKinds: CopyBinaryField[] = ['int8', 'jsonb', ...readColumns.map((c): CopyBinaryField => (stagedColumns.get(c) ? 'bytea' : 'text'))]
      const stream = reader.query(copyTo(select))
      for await (const batch of readCopyBinaryRows(stream, fieldKinds)) {
        for (const fields of batch) {
          const rowNumber = fields[0] as number
          const raw = legacyRowOf(fields, readColumns)
          const legacyId = integerId(raw.ID)
          let mapped: { target: Record<string, unknown> | null; issues: RowIssue[] }
          const tracked = legacyId !== null && (repeated === null || repeated.has(legacyId))
          if (tracked && seenIds.has(legacyId)) {
            mapped = { target: null, issues: [duplicateIdIssue(legacyId)] }
          } else {
            mapped = mapRow(mapping, raw, context) as typeof mapped
            if (tracked && mapped.target) seenIds.add(legacyId)
          }
          result.rows += 1
          if (mapped.target) {
            result.rowsMapped += 1
            let linkId: string | null = null
            if (linkUser) {
              const link = linkUser(mapped.target.legacyId as number, mapped.target.email as string | null)
              if (link.issue) mapped.issues.push(link.issue)
              linkId = link.linkId
            }
            writeMappedRow(mappedCopy.rows, mapped.target, rowNumber, legacyId, mappedLayout, linkId)
            const written = mappedCopy.written()
            if (written) await written
          } else {
            result.rowsRejected += 1
          }
          for (const issue of mapped.issues) {
            countIssues(result, issue.code, 1)
            const written = issueCopy.push([
              runField,
              tableField,
              legacyId === null || legacyId > 2147483647 ? '\\N' : String(legacyId),
              String(rowNumber),
              issue.column === null ? '\\N' : escapeCopyText(issue.column),
              issue.severity,
              issue.code,
              escapeCopyText(issue.message),
              issue.value === undefined || issue.value === null ? '\\N' : escapeCopyText(issue.value),
            ])
            if (written) await written
          }
        }
        options.onProgress?.(result.rows)
      }
      await mappedCopy.end()
      await issueCopy.end()
      // Statistics for the plans of the preview, the import and the reconciliation, gathered before
      // the mapped rows are committed (one transaction): they read by _row, legacy id and references
      // and need sizes and distinct counts, not fine histograms, so a sample of 3,000 rows
      // (statistics target 10) rather than 30,000; and none of them filters, sorts or joins on a
      // jsonb column. ANALYZE of the four large mapped tables: 1.07 → 0.13 s.
      const analyzed = [...targetColumns.filter((c) => c.dataType !== 'jsonb').map((c) => quoteIdent(c.name)), STAGING_ROW]
      await mappedWriter.query('SET LOCAL default_statistics_target = 10')
      await mappedWriter.query(`ANALYZE ${mappedTable} (${analyzed.join(', ')})`)
      await mappedWriter.query('COMMIT')
      await issueWriter.query('COMMIT')
    } catch (error) {
      broken = true // the reader may have been mid-COPY
      const reason = error instanceof Error ? error : new Error(String(error))
      await (mappedCopy as CopySink<CopyBinaryBuffer> | null)?.abort(reason)
      await (issueCopy as CopySink | null)?.abort(reason)
      await mappedWriter.query('ROLLBACK').catch(() => undefined)
      await issueWriter.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      // A connection that may have been mid-COPY is not reused; after a pass that ended well, it is
      // (a new one costs PostgreSQL a process: a tenth of a small table's pass).
      mappedWriter.release(broken)
      issueWriter.release(broken)
    }

    await recordValidation(db, runId, legacyTable, result, Date.now() - started)
  } finally {
    await lock.release(broken)
  }
  return result
}

interface MappedLayout {
  legacyTable: string
  targetColumns: TargetColumn[]
  writers: TargetValueWriter[]
  /** the mapped table has MAPPED_LINK_ID after `_row` */
  linked: boolean
}

/** One mapped row (its target columns, then its staged row number) into the binary COPY. */
function writeMappedRow(
  rows: CopyBinaryBuffer,
  target: Record<string, unknown>,
  rowNumber: number,
  legacyId: number | null,
  table: MappedLayout,
  linkId: string | null,
): void {
  const { targetColumns, writers } = table
  rows.startRow(targetColumns.length + (table.linked ? 2 : 1))
  let column = 0
  try {
    for (; column < targetColumns.length; column++) {
      const value = target[targetColumns[column].field]
      if (value === null || value === undefined) rows.null()
      else writers[column](rows, value)
    }
  } catch (error) {
    if (!(error instanceof BinaryCopyValueError)) throw error
    throw new AppError(
      'INTERNAL',
      `The mapping of ${table.legacyTable} gave ${targetColumns[column].name} a value it cannot hold on staged row ${rowNumber}` +
        `${legacyId === null ? '' : ` (ID ${legacyId})`}: ${error.message}`,
    )
  }
  rows.int8(rowNumber)
  if (table.linked) {
    if (linkId === null) rows.null()
    else rows.uuid(linkId)
  }
}

/** Adds `n` issues of rule `code` to the pass's counts by rule and by severity. */
function countIssues(result: ValidationResult, code: RuleCode, n: number): void {
  result.countsByRule[code] = (result.countsByRule[code] ?? 0) + n
  if (ruleSeverity(code) === 'error') result.errors += n
  else result.warnings += n
}

/**
 * The table's state after a validation pass. A table whose import crashed or failed is 'validated'
 * again: the import starts from the first row of the new mapped rows (its stale resume cursor stays
 * only for the indexes a crashed bulk load may have dropped, restored by that import).
 */
async function recordValidation(db: DatabaseClients, runId: string, legacyTable: string, result: ValidationResult, milliseconds: number) {

  result.milliseconds = milliseconds
  const state = await db.prisma.migrationRunTable.findUnique({ where: { runId_legacyTable: { runId, legacyTable } } })
  const again = new Set(['staged', 'validated', 'failed', 'importing'])
  await db.prisma.migrationRunTable.update({
    where: { runId_legacyTable: { runId, legacyTable } },
    data: {
      state: state && again.has(state.state) ? 'validated' : state?.state,
      countsByRule: result.countsByRule,
      warningCount: result.warnings,
      errorCount: result.errors,
      rowsRejected: result.rowsRejected,
      timings: { ...((state?.timings as Record<string, number> | null) ?? {}), validate: result.milliseconds },
    },
  })
}

async function loadStagedColumns(db: DatabaseClients, schema: string, table: string): Promise<Map<string, boolean> | null> {
  const result = await db.pool.query<{ column_name: string; data_type: string }>(
    `select column_name, data_type from information_schema.columns where table_schema = $1 and table_name = $2`,
    [schema, table],
  )
  if (result.rows.length === 0) return null
  return new Map(result.rows.map((r) => [r.column_name, r.data_type === 'bytea']))
}

/**
 * The integer ids that occur on more than one staged row; null when some row's ID was staged
 * without an integer (`_legacy_id` NULL, e.g. quoted in the dump): then every id is tracked.
 */
async function loadRepeatedIds(db: DatabaseClients, schema: string, table: string): Promise<Set<number> | null> {
  const { rows } = await db.pool.query<{ id: string | null }>(
    `SELECT _legacy_id::text AS id FROM ${stagedTable(schema, table)} GROUP BY _legacy_id HAVING count(*) > 1 OR _legacy_id IS NULL`,
  )
  if (rows.some((r) => r.id === null)) return null
  return new Set(rows.map((r) => Number(r.id)))
}

/** The legacy ids present in each referenced staged table: what `ctx.exists` answers from. */
async function loadExistingIds(db: DatabaseClients, schema: string, tables: readonly string[]): Promise<Map<string, Set<number>>> {
  const existing = new Map<string, Set<number>>()
  for (const table of tables) {
    const exists = await db.pool.query(`select to_regclass($1) as t`, [stagedTable(schema, table)])
    if (!exists.rows[0].t) continue // a missing table: every reference to it is an orphan
    const result = await db.pool.query({ text: `select _legacy_id from ${stagedTable(schema, table)} where _legacy_id is not null`, rowMode: 'array' })
    existing.set(table, new Set(result.rows.map((r: string[]) => Number(r[0]))))
  }
  return existing
}

/** A staged row as the mapping reads it: text columns as strings, binary ones as bytes. */
function legacyRowOf(fields: CopyBinaryValue[], columns: string[]): Record<string, SqlValue> {
  const row: Record<string, SqlValue> = {}
  for (let i = 0; i < columns.length; i++) row[columns[i]] = fields[i + 2] as string | Buffer | null
  const exact = fields[1] as string | null
  if (exact !== null) {
    // Values that held NUL were staged without it; the mapping sees them exactly as the dump had them.
    for (const [column, hex] of Object.entries(JSON.parse(exact) as Record<string, string>)) {
      if (column in row) row[column] = Buffer.from(hex, 'hex').toString('utf8')
    }
  }
  return row
}

function integerId(value: SqlValue | undefined): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value)
  return null
}

function duplicateIdIssue(id: number): RowIssue {
  return {
    severity: ruleSeverity('DUPLICATE_ID'),
    code: 'DUPLICATE_ID',
    column: 'ID',
    message: `ID ${id} appears again: an earlier row of this table has the same ID; this later row is rejected and kept in staging.`,
    value: String(id),
  }
}
