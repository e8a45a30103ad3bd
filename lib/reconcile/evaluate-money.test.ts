import { describe, expect, it } from 'vitest'
import { evaluateMoney } from './evaluate-money'
import type { MoneyFigures } from './report-schema'

function figures(sums: [string, string][], rows = { source: 3, target: 3 }): MoneyFigures {
  return {
    legacyTable: 'Orders',
    targetTable: 'orders',
    currency: 'EUR',
    perCurrency: true,
    rows,
    sums: sums.map(([source, target], i) => ({ measure: `m${i}`, sourceExpression: 'PriceSaddle', targetExpression: 'price_saddle', source, target })),
  }
}

describe('evaluateMoney', () => {
  it.each([
    { case: 'equal', sums: [['2450.00', '2450.00']], want: ['pass', 'pass'], diff: '0.00' },
    { case: 'a cent apart', sums: [['2450.00', '2449.99']], want: ['pass', 'fail'], diff: '0.01' },
    { case: 'negative sums', sums: [['-5.10', '-5.10']], want: ['pass', 'pass'], diff: '0.00' },
    { case: 'beyond float precision', sums: [['99999999999999.99', '99999999999999.98']], want: ['pass', 'fail'], diff: '0.01' },
  ] as { case: string; sums: [string, string][]; want: string[]; diff: string }[])('$case', ({ sums, want, diff }) => {
    const report = evaluateMoney(figures(sums))
    expect(report.checks.map((c) => c.status)).toEqual(want)
    expect(report.checks[1].difference).toBe(diff)
  })

  it('fails when the row counts differ even if the sums agree', () => {
    const report = evaluateMoney(figures([['0.00', '0.00']], { source: 3, target: 2 }))
    expect(report.status).toBe('fail')
    expect(report.checks[0]).toMatchObject({ check: 'rows', status: 'fail', difference: '1' })
  })

  it('names the sum and both sides in the message', () => {
    const report = evaluateMoney(figures([['10.00', '9.00']]))
    expect(report.checks[1].message).toBe('Orders EUR m0: PriceSaddle sums to 10.00 in the source, price_saddle to 9.00 in orders (difference 1.00).')
  })
})
