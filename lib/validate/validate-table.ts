import { to as copyTo } from 'pg-copy-streams'
import type { DatabaseClients } from '@/lib/db/prisma'
import { lockTable } from '@/lib/import/table-lock'
import { READER_RULE_CODES, type RuleCode } from '@/lib/mappings'
import { CopyBinaryBuffer } from '@/lib/staging/copy-binary'
import { escapeCopyText } from '@/lib/staging/copy-text'
import { CopySink } from '@/lib/staging/copy-sink'
import { readCopyBinaryRows } from '@/lib/staging/copy-binary-reader'
import { STAGING_ROW, mappedTableName, quoteIdent, stagedTable } from '@/lib/staging/staging-names'
import {
  COPY_ISSUES_SQL,
  copyMappedRowsSql,
  countIssues,
  createMappedTableSql,
  issueCopyFields,
  recordDecisionOutcome,
  writeMappedRow,
  type IssueCounts,
} from './mapped-rows'
import { createTableValidator } from './table-validator'

export interface ValidateTableOptions {
  db: DatabaseClients
  runId: string
  legacyTable: string
  /** the time the contract's "else the import time" stands for; default now */
  importTime?: Date
  onProgress?: (rowsDone: number) => void
}

export interface ValidationResult extends IssueCounts {
  legacyTable: string
  rows: number
  rowsMapped: number
  rowsRejected: number
  /**
   * The contract's columns of this table that the dump's table lacks (schema drift): each row takes
   * their legacy defaults (MISSING_VALUE), and without `ID` every row is rejected (MISSING_ID).
   */
  missingColumns: string[]
  milliseconds: number
}

/**
 * The validation pass of one staged table: every staged row goes through the table's mapping and
 * the operator's decisions (table-validator.ts); the rows as they will be written go to
 * `mapped__<target>` in the staging schema (the contract's layout), every issue to
 * migration_row_issues, the counts by rule to the run's table state, and what each decision did to
 * the decision. Repeatable: a second pass replaces the first.
 */
export async function validateTable(options: ValidateTableOptions): Promise<ValidationResult> {
  const started = Date.now()
  const { db, runId, legacyTable } = options
  const validator = await createTableValidator({ db, runId, legacyTable, importTime: options.importTime ?? new Date() })
  const { mapping, stagingSchema: schema } = validator

  // Under the table's import lock: the mapped table is replaced here, so no import or roll-back of
  // this table may read it meanwhile (and a running one refuses this validation, naming it).
  const lock = await lockTable(db.pool, { runId, legacyTable, targetTable: mapping.targetTable, refusedEvent: 'table.validation_refused' })
  let broken = false
  const result: ValidationResult = {
    legacyTable, rows: 0, rowsMapped: 0, rowsRejected: 0, warnings: 0, errors: 0, countsByRule: {},
    missingColumns: validator.missingColumns, milliseconds: 0,
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
      await mappedWriter.query(createMappedTableSql(mappedTable, validator))
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
      mappedCopy = new CopySink(mappedWriter, copyMappedRowsSql(mappedTable, validator, { freeze: true }), new CopyBinaryBuffer())
      issueCopy = new CopySink(issueWriter, COPY_ISSUES_SQL)
      const runField = escapeCopyText(runId)
      const tableField = escapeCopyText(legacyTable)
      const stream = reader.query(copyTo(`COPY (${validator.selectSql()}) TO STDOUT (FORMAT binary)`))
      for await (const batch of readCopyBinaryRows(stream, validator.fieldKinds)) {
        for (const fields of batch) {
          const row = validator.validate(fields)
          result.rows += 1
          if (row.target) {
            result.rowsMapped += 1
            writeMappedRow(mappedCopy.rows, validator, row)
            const written = mappedCopy.written()
            if (written) await written
          } else {
            result.rowsRejected += 1
          }
          for (const issue of row.issues) {
            countIssues(result, issue.code, 1)
            const written = issueCopy.push(issueCopyFields(runField, tableField, row, issue))
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
      const analyzed = [...validator.targetColumns.filter((c) => c.dataType !== 'jsonb').map((c) => quoteIdent(c.name)), STAGING_ROW]
      await mappedWriter.query('SET LOCAL default_statistics_target = 10')
      await mappedWriter.query(`ANALYZE ${mappedTable} (${analyzed.join(', ')})`)
      await mappedWriter.query('COMMIT')
      await issueWriter.query('COMMIT')
      // What each decision did in this dump (its rows are committed now: the counts read them).
      await recordDecisionOutcome(db.pool, { runId, legacyTable, mappedTable, outcome: validator.decisionOutcome(), rescan: true })
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

    await recordValidation(db, runId, legacyTable, result, Date.now() - started, validator.importTime)
  } finally {
    await lock.release(broken)
  }
  return result
}

/**
 * The table's state after a validation pass. A table whose import crashed or failed is 'validated'
 * again: the import starts from the first row of the new mapped rows (its stale resume cursor stays
 * only for the indexes a crashed bulk load may have dropped, restored by that import).
 */
async function recordValidation(db: DatabaseClients, runId: string, legacyTable: string, result: ValidationResult, milliseconds: number, importTime: Date) {
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
      importTime,
      // an imported table validated again (decisions taken over, say): importing again writes what changed
      decidedSinceImport: state?.state === 'imported',
      timings: { ...((state?.timings as Record<string, number> | null) ?? {}), validate: result.milliseconds },
    },
  })
}
