// Writing what validation made of staged rows: the mapped table (the rows as they will be written,
// in the contract's layout, plus their row number, the link to an existing user, and the decisions
// that shaped them) and the row issues. Shared by the whole-table pass and the pass over the rows
// a decision changed.

import type { ClientBase, Pool } from 'pg'
import { AppError } from '@/lib/errors'
import { ruleSeverity, type RuleCode } from '@/lib/mappings'
import { BinaryCopyValueError, type CopyBinaryBuffer } from '@/lib/staging/copy-binary'
import { escapeCopyText } from '@/lib/staging/copy-text'
import { MAPPED_DECIDED, MAPPED_DECISIONS, MAPPED_LINK_ID, STAGING_ROW, quoteIdent } from '@/lib/staging/staging-names'
import type { DecidedIssue } from '@/lib/decisions/apply-decisions'
import type { TableValidator, ValidatedRow } from './table-validator'

/** The mapped table's columns after the contract's. */
function bookkeepingColumns(validator: TableValidator): [string, string][] {
  return [[STAGING_ROW, 'bigint PRIMARY KEY'], ...(validator.linked ? [[MAPPED_LINK_ID, 'uuid'] as [string, string]] : []), [MAPPED_DECIDED, 'text'], [MAPPED_DECISIONS, 'text']]
}

export function createMappedTableSql(mappedTable: string, validator: TableValidator): string {
  const columns = [...validator.targetColumns.map((c) => `${quoteIdent(c.name)} ${c.sqlType}`), ...bookkeepingColumns(validator).map(([n, t]) => `${n} ${t}`)]
  return `CREATE TABLE ${mappedTable} (${columns.join(', ')})`
}

export function copyMappedRowsSql(mappedTable: string, validator: TableValidator, options: { freeze: boolean }): string {
  const columns = [...validator.targetColumns.map((c) => quoteIdent(c.name)), ...bookkeepingColumns(validator).map(([n]) => n)]
  return `COPY ${mappedTable} (${columns.join(', ')}) FROM STDIN (FORMAT binary${options.freeze ? ', FREEZE' : ''})`
}

/** One mapped row (its target columns, then its bookkeeping) into the binary COPY. */
export function writeMappedRow(rows: CopyBinaryBuffer, validator: TableValidator, row: ValidatedRow): void {
  const { targetColumns, writers } = validator
  const target = row.target!
  rows.startRow(targetColumns.length + bookkeepingColumns(validator).length)
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
      `The mapping of ${validator.legacyTable} gave ${targetColumns[column].name} a value it cannot hold on staged row ${row.rowNumber}` +
        `${row.legacyId === null ? '' : ` (ID ${row.legacyId})`}: ${error.message}`,
    )
  }
  rows.int8(row.rowNumber)
  if (validator.linked) {
    if (row.linkId === null) rows.null()
    else rows.uuid(row.linkId)
  }
  if (row.decidedColumns.length === 0) rows.null()
  else rows.text(row.decidedColumns.join(','))
  if (row.decisions.length === 0) rows.null()
  else rows.text(row.decisions.join(','))
}

export const COPY_ISSUES_SQL =
  'COPY migration_row_issues (run_id, legacy_table, legacy_id, row_number, column_name, severity, code, message, source_value, decision_id) FROM STDIN'

/** One issue as a text COPY row of COPY_ISSUES_SQL (`runField` and `tableField` escaped once per table). */
export function issueCopyFields(runField: string, tableField: string, row: ValidatedRow, issue: DecidedIssue): string[] {
  return [
    runField,
    tableField,
    row.legacyId === null || row.legacyId > 2147483647 ? '\\N' : String(row.legacyId),
    String(row.rowNumber),
    issue.column === null ? '\\N' : escapeCopyText(issue.column),
    issue.severity,
    issue.code,
    escapeCopyText(issue.message),
    issue.value === undefined || issue.value === null ? '\\N' : escapeCopyText(issue.value),
    issue.decisionId ?? '\\N',
  ]
}

export interface IssueCounts {
  warnings: number
  errors: number
  countsByRule: Partial<Record<RuleCode, number>>
}

/** Adds `n` issues of rule `code` to the counts by rule and by severity. */
export function countIssues(counts: IssueCounts, code: RuleCode, n: number): void {
  counts.countsByRule[code] = (counts.countsByRule[code] ?? 0) + n
  if (ruleSeverity(code) === 'error') counts.errors += n
  else counts.warnings += n
}

/**
 * After a pass, inside its transaction: the decisions of the table learn what they did — the rows
 * each applies to (mapped rows it shaped, and rows it rejected: excluded, or not the kept one),
 * which are stale in this dump and why, and the row digest of those that had none.
 */
export async function recordDecisionOutcome(
  client: ClientBase | Pool,
  options: { runId: string; legacyTable: string; mappedTable: string; outcome: ReturnType<TableValidator['decisionOutcome']>; rescan: boolean },
): Promise<void> {
  const { runId, legacyTable, mappedTable, outcome } = options
  for (const [id, fingerprint] of outcome.fingerprints) {
    await client.query('UPDATE migration_decisions SET source_fingerprint = $2 WHERE id = $1 AND source_fingerprint IS NULL', [id, fingerprint])
  }
  for (const { id, reason } of outcome.stale) {
    await client.query(`UPDATE migration_decisions SET status = 'stale', stale_reason = $2, rows = 0 WHERE id = $1 AND status = 'active'`, [id, reason])
  }
  if (!options.rescan) return
  await client.query(
    `UPDATE migration_decisions d SET rows = coalesce(n.rows, 0)
       FROM migration_decisions x
       LEFT JOIN (SELECT id, count(*)::int AS rows FROM (
                    SELECT unnest(string_to_array(${MAPPED_DECISIONS}, ','))::uuid AS id FROM ${mappedTable} WHERE ${MAPPED_DECISIONS} IS NOT NULL
                    UNION ALL
                    SELECT DISTINCT ON (row_number, decision_id) decision_id FROM migration_row_issues
                     WHERE run_id = $1 AND legacy_table = $2 AND code IN ('EXCLUDED', 'DUPLICATE_ID') AND decision_id IS NOT NULL) a
                  GROUP BY id) n ON n.id = x.id
      WHERE d.id = x.id AND x.run_id = $1 AND x.legacy_table = $2 AND x.status = 'active'`,
    [runId, legacyTable],
  )
}
