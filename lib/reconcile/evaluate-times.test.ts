import { describe, expect, it } from 'vitest'
import { evaluateDateRange, evaluateMonths, mergeMonths } from './evaluate-times'
import type { DateRangeFigures } from './report-schema'

describe('mergeMonths', () => {
  it('gives every month of either side, sorted, 0 where a side has none', () => {
    const source = new Map([['2012-02', 3], ['2012-01', 1]])
    const target = new Map([['2012-02', 3], ['2013-07', 1]])
    expect(mergeMonths(source, target)).toEqual([
      { month: '2012-01', source: 1, target: 0 },
      { month: '2012-02', source: 3, target: 3 },
      { month: '2013-07', source: 0, target: 1 },
    ])
  })
})

describe('evaluateMonths', () => {
  const base = { legacyTable: 'Orders', targetTable: 'orders', sourceExpression: 'OrderTime', targetColumn: 'created_at', withoutTime: { source: 0, target: 0 } }
  it.each([
    { case: 'same months', months: [{ month: '2012-01', source: 2, target: 2 }], want: 'pass' },
    { case: 'an order moved a month', months: [{ month: '2012-01', source: 2, target: 1 }, { month: '2012-02', source: 0, target: 1 }], want: 'fail' },
  ])('$case', ({ months, want }) => {
    expect(evaluateMonths({ ...base, months }).status).toBe(want)
  })

  it('names the differing months', () => {
    const report = evaluateMonths({ ...base, months: [{ month: '2012-01', source: 2, target: 1 }, { month: '2012-02', source: 0, target: 1 }] })
    expect(report.checks[0].message).toBe('2 months differ: 2012-01 (2 vs 1) and 2012-02 (0 vs 1).')
  })
})

describe('evaluateDateRange', () => {
  const side = (min: string | null, max: string | null, nulls = 0) => ({ min, max, nulls, rows: 10 })
  const f = (source: DateRangeFigures['source'], target: DateRangeFigures['target']): DateRangeFigures => ({
    legacyTable: 'Log', sourceExpression: 'LogTime', targetTable: 'activity_logs', targetColumn: 'occurred_at', source, target,
  })
  const a = '2012-03-04T05:06:07.000000Z'
  const b = '2038-01-19T03:14:08.000000Z'
  it.each([
    { case: 'same range', f: f(side(a, b, 2), side(a, b, 2)), want: ['pass', 'pass', 'pass'] },
    { case: 'later start', f: f(side(a, b), side(b, b)), want: ['fail', 'pass', 'pass'] },
    { case: 'a zero date not made NULL', f: f(side(a, b, 2), side(a, b, 1)), want: ['pass', 'pass', 'fail'] },
    { case: 'no times at all', f: f(side(null, null, 10), side(null, null, 10)), want: ['pass', 'pass', 'pass'] },
  ])('$case', ({ f: figures, want }) => {
    expect(evaluateDateRange(figures).checks.map((c) => c.status)).toEqual(want)
  })
})
