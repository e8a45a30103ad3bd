// The report as a file: JSON (the stored report, pretty-printed) and CSV — one flat table
// `section,table,subject,check,source,target,difference,status,message` that a spreadsheet opens
// (UTF-8 with a byte order mark so Excel reads ≠ and →, CRLF line ends, RFC 4180 quoting), with one
// row per check and one row per month of the orders-per-month chart.

import { subjectsOf } from './assemble-report'
import { reconciliationReport, type ReconciliationReport } from './report-schema'

export const CSV_COLUMNS = ['section', 'table', 'subject', 'check', 'source', 'target', 'difference', 'status', 'message'] as const

export type CsvRow = Record<(typeof CSV_COLUMNS)[number], string>

export function renderReportJson(report: ReconciliationReport): string {
  return JSON.stringify(reconciliationReport.parse(report), null, 2) + '\n'
}

/** The report's rows as the CSV lists them (also handy for a table view). */
export function reportRows(report: ReconciliationReport): CsvRow[] {
  const rows: CsvRow[] = [
    {
      section: 'summary',
      table: '',
      subject: report.fileName ?? '',
      check: 'passed',
      source: '',
      target: '',
      difference: '',
      status: report.passed ? 'pass' : 'fail',
      message: `${report.summary.checks} checks: ${report.summary.pass} pass, ${report.summary.warn} warn, ${report.summary.fail} fail, ${report.summary.skip} skip (run ${report.runId}, ${report.startedAt}).`,
    },
  ]
  for (const entry of subjectsOf(report)) {
    for (const c of entry.checks) {
      rows.push({
        section: entry.section,
        table: entry.table,
        subject: entry.subject,
        check: c.check,
        source: c.source ?? '',
        target: c.target ?? '',
        difference: c.difference ?? '',
        status: c.status,
        message: c.message,
      })
    }
  }
  const months = report.ordersByMonth
  if (months) {
    for (const m of months.months) {
      rows.push({
        section: 'ordersByMonth',
        table: months.legacyTable,
        subject: m.month,
        check: 'month',
        source: String(m.source),
        target: String(m.target),
        difference: String(m.source - m.target),
        status: m.source === m.target ? 'pass' : 'fail',
        message: '',
      })
    }
  }
  return rows
}

export function renderReportCsv(report: ReconciliationReport): string {
  const lines = [CSV_COLUMNS.join(',')]
  for (const row of reportRows(report)) lines.push(CSV_COLUMNS.map((c) => csvField(row[c])).join(','))
  return '\uFEFF' + lines.join('\r\n') + '\r\n'
}

const NUMBER = /^-?\d+(\.\d+)?$/

/**
 * One CSV field: quoted when it holds a comma, quote or line break; text that a spreadsheet would
 * run as a formula (=, +, -, @ first) is prefixed with ' — numbers, negative ones included, are not.
 */
export function csvField(value: string): string {
  let text = value
  if (/^[=+\-@\t\r]/.test(text) && !NUMBER.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}
