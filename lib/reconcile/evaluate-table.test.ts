import { describe, expect, it } from 'vitest'
import { evaluateTable } from './evaluate-table'
import type { TableFigures } from './report-schema'

function figures(over: { source?: Partial<NonNullable<TableFigures['source']>> | null; target?: Partial<TableFigures['target']>; state?: string; bookkeeping?: TableFigures['bookkeeping'] } = {}): TableFigures {
  const source = over.source === null ? null : { staged: 10, withoutId: 0, accepted: 10, rejected: 0, rejectedWithReason: 0, deleted: 2, ...over.source }
  const target = { rows: 10, imported: 10, missing: 0, extra: 0, deleted: 2, notFromLegacy: 0, linked: 0, decided: 0, ...over.target }
  return {
    legacyTable: 'Customers',
    targetTable: 'customers',
    state: over.state ?? 'imported',
    source,
    target,
    bookkeeping: over.bookkeeping === undefined ? { rowsStaged: source?.staged ?? 0, rowsImported: target.imported, rowsRejected: source?.rejected ?? 0 } : over.bookkeeping,
  }
}

const statusOf = (report: ReturnType<typeof evaluateTable>, name: string) => report.checks.find((c) => c.check === name)?.status

describe('evaluateTable', () => {
  it.each([
    { case: 'everything imported', f: figures(), check: 'rows_accounted', want: 'pass', table: 'pass' },
    {
      case: 'rejected rows are accounted, a warning',
      f: figures({ source: { staged: 12, accepted: 10, rejected: 2, rejectedWithReason: 2 } }),
      check: 'rows_accounted',
      want: 'warn',
      table: 'warn',
    },
    {
      case: 'a deleted target row',
      f: figures({ target: { rows: 9, imported: 9, missing: 1 } }),
      check: 'rows_accounted',
      want: 'fail',
      table: 'fail',
    },
    { case: 'a target row from elsewhere', f: figures({ target: { rows: 11, extra: 1 } }), check: 'no_extra_rows', want: 'fail', table: 'fail' },
    {
      case: 'a rejection without its reason',
      f: figures({ source: { staged: 12, accepted: 10, rejected: 2, rejectedWithReason: 1 } }),
      check: 'rejections_have_reasons',
      want: 'fail',
      table: 'fail',
    },
    { case: 'deleted counts differ', f: figures({ target: { deleted: 3 } }), check: 'deleted', want: 'fail', table: 'fail' },
    {
      case: 'bookkeeping disagrees: only a warning',
      f: figures({ bookkeeping: { rowsStaged: 10, rowsImported: 9, rowsRejected: 0 } }),
      check: 'bookkeeping',
      want: 'warn',
      table: 'warn',
    },
    { case: 'not imported yet', f: figures({ state: 'validated', target: { rows: 0, imported: 0, missing: 10, deleted: 0 } }), check: 'rows_accounted', want: 'fail', table: 'fail' },
    { case: 'not in the dump, empty target', f: figures({ source: null, target: { rows: 0, imported: 0, deleted: 0 } }), check: 'in_dump', want: 'skip', table: 'skip' },
    { case: 'not in the dump, rows in the target', f: figures({ source: null, target: { rows: 3, imported: 0 } }), check: 'in_dump', want: 'fail', table: 'fail' },
    { case: 'never validated', f: figures({ source: { accepted: null, rejected: null } }), check: 'validated', want: 'fail', table: 'fail' },
  ])('$case: $check is $want', ({ f, check, want, table }) => {
    const report = evaluateTable(f)
    expect(statusOf(report, check)).toBe(want)
    expect(report.status).toBe(table)
  })

  it('names the numbers in the message of a failure', () => {
    const report = evaluateTable(figures({ target: { rows: 9, imported: 9, missing: 1 } }))
    const check = report.checks.find((c) => c.check === 'rows_accounted')!
    expect(check).toMatchObject({ source: '10', target: '9', difference: '1' })
    expect(check.message).toBe('1 accepted row of Customers is missing from customers: 10 staged ≠ 9 imported + 0 rejected.')
  })

  it('has no deleted check for a table without Deleted and deleted_at', () => {
    const report = evaluateTable(figures({ source: { deleted: null }, target: { deleted: null } }))
    expect(report.checks.map((c) => c.check)).toEqual(['rows_accounted', 'no_extra_rows', 'rejections_have_reasons', 'bookkeeping'])
  })
})
