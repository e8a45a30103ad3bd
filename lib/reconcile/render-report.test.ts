import { describe, expect, it } from 'vitest'
import { assembleReport } from './assemble-report'
import { evaluateMoney } from './evaluate-money'
import { evaluateMonths } from './evaluate-times'
import { evaluateTable } from './evaluate-table'
import { CSV_COLUMNS, csvField, renderReportCsv, renderReportJson, reportRows } from './render-report'
import { reconciliationReport } from './report-schema'

function sampleReport(priceTarget = '2450.00') {
  return assembleReport({
    runId: '00000000-0000-4000-8000-000000000001',
    stagingSchema: 'staging_0000000000000000',
    fileName: 'ordermys, "new".sql',
    startedAt: new Date('2026-04-01T00:00:00Z'),
    milliseconds: 1234.4,
    tables: [
      evaluateTable({
        legacyTable: 'Orders',
        targetTable: 'orders',
        state: 'imported',
        source: { staged: 3, withoutId: 0, accepted: 2, rejected: 1, rejectedWithReason: 1, deleted: 0 },
        target: { rows: 2, imported: 2, missing: 0, extra: 0, deleted: 0, notFromLegacy: 0, linked: 0, decided: 0 },
        bookkeeping: { rowsStaged: 3, rowsImported: 2, rowsRejected: 1 },
      }),
    ],
    references: [],
    money: [
      evaluateMoney({
        legacyTable: 'Orders',
        targetTable: 'orders',
        currency: 'USD',
        perCurrency: true,
        rows: { source: 2, target: 2 },
        sums: [{ measure: 'saddle', sourceExpression: 'PriceSaddle', targetExpression: 'price_saddle', source: '2450.00', target: priceTarget }],
      }),
    ],
    ordersByMonth: evaluateMonths({
      legacyTable: 'Orders',
      targetTable: 'orders',
      sourceExpression: 'OrderTime',
      targetColumn: 'created_at',
      months: [{ month: '2015-12', source: 2, target: 2 }],
      withoutTime: { source: 0, target: 0 },
    }),
    dateRanges: [],
    rowHashes: [],
  })
}

describe('assembleReport', () => {
  it('passes when nothing fails; warnings (rejected rows) are accounted for', () => {
    const report = sampleReport()
    expect(report.passed).toBe(true)
    expect(report.summary).toMatchObject({ fail: 0, warn: 1, failures: [] })
    expect(report.milliseconds).toBe(1234)
    expect(reconciliationReport.safeParse(report).success).toBe(true)
  })

  it('fails on one failing check and names it in the summary', () => {
    const report = sampleReport('2449.99')
    expect(report.passed).toBe(false)
    expect(report.summary.failures).toEqual([
      { section: 'money', subject: 'Orders USD', check: 'sum_saddle', message: expect.stringContaining('difference 0.01') },
    ])
  })
})

describe('renderReportJson', () => {
  it('round-trips through the schema', () => {
    const report = sampleReport()
    expect(reconciliationReport.parse(JSON.parse(renderReportJson(report)))).toEqual(report)
  })
})

describe('renderReportCsv', () => {
  it('starts with a BOM and the header, one CRLF line per check and month', () => {
    const report = sampleReport()
    const csv = renderReportCsv(report)
    expect(csv.startsWith('\uFEFFsection,table,subject,check,source,target,difference,status,message\r\n')).toBe(true)
    const lines = csv.slice(1).split('\r\n').filter(Boolean)
    expect(lines).toHaveLength(1 + reportRows(report).length)
    expect(lines).toContain('ordersByMonth,Orders,2015-12,month,2,2,0,pass,')
    expect(lines[1]).toMatch(/^summary,,"ordermys, ""new"".sql",passed,,,,pass,/)
  })

  it('lists every check of the report', () => {
    const report = sampleReport()
    const checks = report.tables[0].checks.length + report.money[0].checks.length + report.ordersByMonth!.checks.length
    expect(reportRows(report).filter((r) => r.section !== 'summary' && r.check !== 'month')).toHaveLength(checks)
    expect(Object.keys(reportRows(report)[0])).toEqual([...CSV_COLUMNS])
  })
})

describe('csvField', () => {
  it.each([
    { value: 'plain', want: 'plain' },
    { value: 'a,b', want: '"a,b"' },
    { value: 'say "hi"', want: '"say ""hi"""' },
    { value: 'two\nlines', want: '"two\nlines"' },
    { value: '-5.10', want: '-5.10' },
    { value: '-3', want: '-3' },
    { value: '=HYPERLINK("x")', want: '"\'=HYPERLINK(""x"")"' },
    { value: '+1 555', want: "'+1 555" },
    { value: '@sum', want: "'@sum" },
    { value: '', want: '' },
  ])('$value', ({ value, want }) => {
    expect(csvField(value)).toBe(want)
  })
})
