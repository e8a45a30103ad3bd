// The whole report from its evaluated sections: the summary (status counts, first failures) and
// `passed`, which holds only when no check anywhere failed. Warnings (rejected rows, orphans that
// match the source) are accounted for, not failures.

import { moneySubject } from './evaluate-money'
import { referenceName } from './evaluate-reference'
import {
  RECONCILIATION_FORMAT,
  type CheckStatus,
  type DateRangeReport,
  type MoneyReport,
  type MonthsReport,
  type ReconciliationCheck,
  type ReconciliationReport,
  type ReferenceReport,
  type ReportSection,
  type RowHashReport,
  type TableReport,
} from './report-schema'

export interface ReportSections {
  tables: TableReport[]
  references: ReferenceReport[]
  money: MoneyReport[]
  ordersByMonth: MonthsReport | null
  dateRanges: DateRangeReport[]
  rowHashes: RowHashReport[]
}

export interface AssembleReportOptions extends ReportSections {
  runId: string
  stagingSchema: string
  fileName: string | null
  startedAt: Date
  milliseconds: number
}

/** How many failures the summary lists by name. */
export const SUMMARY_FAILURES = 50

export interface SubjectChecks {
  section: ReportSection
  table: string
  subject: string
  checks: ReconciliationCheck[]
}

/** Every section entry with its checks, in report order: what the summary counts and the CSV lists. */
export function subjectsOf(sections: ReportSections): SubjectChecks[] {
  return [
    ...sections.tables.map((t) => ({ section: 'tables' as const, table: t.legacyTable, subject: t.targetTable, checks: t.checks })),
    ...sections.references.map((r) => ({ section: 'references' as const, table: r.legacyTable, subject: `${r.legacyColumn} → ${r.referencedLegacyTable}`, checks: r.checks })),
    ...sections.money.map((m) => ({ section: 'money' as const, table: m.legacyTable, subject: m.perCurrency ? (m.currency ?? 'unknown currency') : 'all rows', checks: m.checks })),
    ...(sections.ordersByMonth ? [{ section: 'ordersByMonth' as const, table: sections.ordersByMonth.legacyTable, subject: `${sections.ordersByMonth.targetTable}.${sections.ordersByMonth.targetColumn}`, checks: sections.ordersByMonth.checks }] : []),
    ...sections.dateRanges.map((d) => ({ section: 'dateRanges' as const, table: d.legacyTable, subject: `${d.targetTable}.${d.targetColumn}`, checks: d.checks })),
    ...sections.rowHashes.map((h) => ({ section: 'rowHashes' as const, table: h.legacyTable, subject: h.targetTable, checks: h.checks })),
  ]
}

/** The name a failure is listed under in the summary. */
function failureSubject(section: ReportSection, entry: SubjectChecks, sections: ReportSections, index: number): string {
  switch (section) {
    case 'references':
      return referenceName(sections.references[index])
    case 'money':
      return moneySubject(sections.money[index])
    default:
      return entry.subject === entry.table ? entry.table : `${entry.table} (${entry.subject})`
  }
}

export function assembleReport(options: AssembleReportOptions): ReconciliationReport {
  const sections: ReportSections = {
    tables: options.tables,
    references: options.references,
    money: options.money,
    ordersByMonth: options.ordersByMonth,
    dateRanges: options.dateRanges,
    rowHashes: options.rowHashes,
  }
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, skip: 0 }
  const failures: ReconciliationReport['summary']['failures'] = []
  const indexInSection = new Map<ReportSection, number>()
  for (const entry of subjectsOf(sections)) {
    const index = indexInSection.get(entry.section) ?? 0
    indexInSection.set(entry.section, index + 1)
    for (const c of entry.checks) {
      counts[c.status] += 1
      if (c.status === 'fail' && failures.length < SUMMARY_FAILURES) {
        failures.push({ section: entry.section, subject: failureSubject(entry.section, entry, sections, index), check: c.check, message: c.message })
      }
    }
  }
  const checks = counts.pass + counts.warn + counts.fail + counts.skip
  return {
    format: RECONCILIATION_FORMAT,
    runId: options.runId,
    stagingSchema: options.stagingSchema,
    fileName: options.fileName,
    startedAt: options.startedAt.toISOString(),
    milliseconds: Math.max(0, Math.round(options.milliseconds)),
    passed: counts.fail === 0,
    summary: { checks, ...counts, failures },
    ...sections,
  }
}
