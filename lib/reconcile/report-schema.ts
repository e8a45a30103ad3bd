// The reconciliation report: what was compared between the staging area (source) and the target
// tables, with the figures of both sides and one status per check. Stored whole as JSON in
// migration_reconciliations.report, rendered as JSON or CSV, and read back by the reconcile page.
//
// Every section entry carries its figures, its checks and the worst status among them. A check is
// `fail` when source and target disagree in a way the contract does not explain, `warn` when they
// agree but the data has something the operator should see (rejected rows, orphans), `skip` when
// there was nothing to compare. The run passes when no check fails.

import { z } from 'zod'

export const RECONCILIATION_FORMAT = 'ordermys-reconciliation/1'

export const checkStatus = z.enum(['pass', 'warn', 'fail', 'skip'])
export type CheckStatus = z.infer<typeof checkStatus>

const count = z.number().int().nonnegative()
/** exact decimal text ('1234.50'), never a float */
const decimalText = z.string().regex(/^-?\d+(\.\d+)?$/)
/** a timestamptz as UTC text, 'YYYY-MM-DDTHH:MM:SS.ffffffZ' */
const utcText = z.string()

export const reconciliationCheck = z.object({
  /** machine name, stable across versions: 'rows_accounted', 'sum_total', 'min', … */
  check: z.string(),
  status: checkStatus,
  source: z.string().nullable(),
  target: z.string().nullable(),
  /** source − target where that means something (counts, money), else null */
  difference: z.string().nullable(),
  /** one sentence for the operator */
  message: z.string(),
})
export type ReconciliationCheck = z.infer<typeof reconciliationCheck>

const evaluated = { status: checkStatus, checks: z.array(reconciliationCheck) }

// ---------------------------------------------------------------------------------------------
// Rows per table

export const tableFigures = z.object({
  legacyTable: z.string(),
  targetTable: z.string(),
  /** the table's state in migration_run_tables (imported, validated, missing, …) */
  state: z.string().nullable(),
  /** null when the dump had no such table */
  source: z
    .object({
      /** rows staged from the dump */
      staged: count,
      /** rows without an integer ID (rejected with MISSING_ID) */
      withoutId: count,
      /** rows the validation pass mapped (null: the table was never validated) */
      accepted: count.nullable(),
      /** staged − accepted */
      rejected: count.nullable(),
      /** rejected rows that have an error issue in migration_row_issues */
      rejectedWithReason: count,
      /** accepted rows with Deleted ≠ 0 (null: the table has no Deleted column) */
      deleted: count.nullable(),
    })
    .nullable(),
  target: z.object({
    rows: count,
    /** target rows whose legacy_id is an accepted source row */
    imported: count,
    /** accepted source rows absent from the target */
    missing: count,
    /** target rows that no accepted source row explains */
    extra: count,
    /** rows with deleted_at set (null: the table has no deleted_at) */
    deleted: count.nullable(),
    /** rows without legacy_id: the new system's own, counted apart and never compared */
    notFromLegacy: count.default(0),
    /** imported rows that are an existing row of the new system the legacy row was linked to (users, by e-mail) */
    linked: count.default(0),
    /** accepted rows whose values a decision set or repaired: compared with the decided row, not with the source's own values */
    decided: count.default(0),
  }),
  /** what the run's bookkeeping says (migration_run_tables) */
  bookkeeping: z.object({ rowsStaged: count, rowsImported: count, rowsRejected: count }).nullable(),
})
export type TableFigures = z.infer<typeof tableFigures>
export const tableReport = tableFigures.extend(evaluated)
export type TableReport = z.infer<typeof tableReport>

// ---------------------------------------------------------------------------------------------
// References

export const referenceExample = z.object({ legacyId: z.number().int(), value: z.number().int() })

export const referenceFigures = z.object({
  legacyTable: z.string(),
  legacyColumn: z.string(),
  referencedLegacyTable: z.string(),
  targetTable: z.string(),
  /** 'pair': xxx_id + legacy_xxx_id; 'json': a legacy id inside a jsonb column (models.factory_assignments) */
  kind: z.enum(['pair', 'json']),
  /** the uuid column (pair) or the jsonb path (json: 'factory_assignments.US') */
  targetColumn: z.string(),
  /** the legacy half of a pair; null for json */
  legacyTargetColumn: z.string().nullable(),
  referencedTargetTable: z.string(),
  /** over accepted source rows. rejectedTarget: the referenced row is staged but was rejected */
  source: z.object({ none: count, resolved: count, orphan: count, rejectedTarget: count }).nullable(),
  /** over target rows */
  target: z.object({ none: count, resolved: count, orphan: count }).nullable(),
  /** rows present on both sides whose class differs from the one the source implies */
  mismatches: count,
  mismatchExamples: z.array(z.number().int()),
  /** target rows whose xxx_id points at a row whose legacy_id is not legacy_xxx_id */
  integrityViolations: count,
  integrityExamples: z.array(z.number().int()),
  /** ORPHAN_REF warnings recorded on accepted rows for this column (by validation, and by the import for rows it emptied) */
  orphanWarnings: count.nullable(),
  /** first source orphans: the row's legacy id and the value that points nowhere */
  orphanExamples: z.array(referenceExample),
})
export type ReferenceFigures = z.infer<typeof referenceFigures>
export const referenceReport = referenceFigures.extend(evaluated)
export type ReferenceReport = z.infer<typeof referenceReport>

// ---------------------------------------------------------------------------------------------
// Money

export const moneySum = z.object({
  /** 'saddle', 'total', 'price × quantity', … */
  measure: z.string(),
  /** how the source side is computed, in legacy column names: 'PriceSaddle + PriceOptions + PriceShipping' */
  sourceExpression: z.string(),
  /** the target column or expression: 'total_amount' */
  targetExpression: z.string(),
  source: decimalText,
  target: decimalText,
})

export const moneyFigures = z.object({
  legacyTable: z.string(),
  targetTable: z.string(),
  /** ISO code; null for the rows whose currency is unknown (or tables without currency: see `perCurrency`) */
  currency: z.string().nullable(),
  /** false for tables without a currency column (one entry for the whole table) */
  perCurrency: z.boolean(),
  rows: z.object({ source: count, target: count }),
  sums: z.array(moneySum),
})
export type MoneyFigures = z.infer<typeof moneyFigures>
export const moneyReport = moneyFigures.extend(evaluated)
export type MoneyReport = z.infer<typeof moneyReport>

// ---------------------------------------------------------------------------------------------
// Orders per month (created_at)

export const monthCount = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), source: count, target: count })
export const monthsFigures = z.object({
  legacyTable: z.string(),
  targetTable: z.string(),
  sourceExpression: z.string(),
  targetColumn: z.string(),
  months: z.array(monthCount),
  /** rows without a time on either side (never for created_at: kept for completeness) */
  withoutTime: z.object({ source: count, target: count }),
})
export type MonthsFigures = z.infer<typeof monthsFigures>
export const monthsReport = monthsFigures.extend(evaluated)
export type MonthsReport = z.infer<typeof monthsReport>

// ---------------------------------------------------------------------------------------------
// Date ranges

const timeSide = z.object({ min: utcText.nullable(), max: utcText.nullable(), nulls: count, rows: count })
export const dateRangeFigures = z.object({
  legacyTable: z.string(),
  /** the legacy column(s) and rule: 'OrderTime (0 → ChangeTime)' */
  sourceExpression: z.string(),
  targetTable: z.string(),
  targetColumn: z.string(),
  source: timeSide,
  target: timeSide,
})
export type DateRangeFigures = z.infer<typeof dateRangeFigures>
export const dateRangeReport = dateRangeFigures.extend(evaluated)
export type DateRangeReport = z.infer<typeof dateRangeReport>

// ---------------------------------------------------------------------------------------------
// Row hashes

export const rowHashExample = z.object({
  legacyId: z.number().int(),
  /** differs: both sides have the row, with other values; missing: not in the target; extra: only in the target */
  kind: z.enum(['differs', 'missing', 'extra']),
  /** for `differs`: the target columns whose values differ */
  columns: z.array(z.string()),
})

export const rowHashFigures = z.object({
  legacyTable: z.string(),
  targetTable: z.string(),
  /** 'typed': hash_record_extended of the typed row; 'md5': md5 of its canonical text */
  hashMethod: z.enum(['typed', 'md5']),
  /** the columns hashed, in order */
  columns: z.array(z.string()),
  /** columns left out, with why (uuid halves of references: see the reference checks) */
  excludedColumns: z.array(z.string()),
  /** rows in mapped__<target> (what validation said would be written) */
  sourceRows: count,
  targetRows: count,
  matching: count,
  differing: count,
  /** rows linked to an existing row of the new system: its own id and values stay, so they are not compared */
  linked: count.default(0),
  linkedExamples: z.array(z.number().int()).default([]),
  /** rows a decision shaped (values set, text repaired): identical to the decided row when they match */
  decided: count.default(0),
  decidedExamples: z.array(z.number().int()).default([]),
  missingInTarget: count,
  extraInTarget: count,
  /** order-independent fingerprints of each side (the sum of the rows' hashes) */
  sourceFingerprint: z.string(),
  targetFingerprint: z.string(),
  examples: z.array(rowHashExample),
})
export type RowHashFigures = z.infer<typeof rowHashFigures>
export const rowHashReport = rowHashFigures.extend(evaluated)
export type RowHashReport = z.infer<typeof rowHashReport>

// ---------------------------------------------------------------------------------------------
// The whole report

export const reportSection = z.enum(['tables', 'references', 'money', 'ordersByMonth', 'dateRanges', 'rowHashes'])
export type ReportSection = z.infer<typeof reportSection>

export const reportFailure = z.object({
  section: reportSection,
  /** 'Orders', 'Orders.CustomerID', 'Orders USD', … */
  subject: z.string(),
  check: z.string(),
  message: z.string(),
})

export const reconciliationReport = z.object({
  format: z.literal(RECONCILIATION_FORMAT),
  runId: z.string(),
  stagingSchema: z.string(),
  fileName: z.string().nullable(),
  /** when the reconciliation started and how long it took */
  startedAt: z.string(),
  milliseconds: count,
  passed: z.boolean(),
  summary: z.object({
    checks: count,
    pass: count,
    warn: count,
    fail: count,
    skip: count,
    /** the first failures, for a headline */
    failures: z.array(reportFailure),
  }),
  tables: z.array(tableReport),
  references: z.array(referenceReport),
  money: z.array(moneyReport),
  ordersByMonth: monthsReport.nullable(),
  dateRanges: z.array(dateRangeReport),
  rowHashes: z.array(rowHashReport),
})
export type ReconciliationReport = z.infer<typeof reconciliationReport>
