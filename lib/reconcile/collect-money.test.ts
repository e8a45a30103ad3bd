import { describe, expect, it } from 'vitest'
import { moneyFigures } from './collect-money'
import { MONEY } from './reconcile-specs'

const orders = MONEY.find((m) => m.legacyTable === 'Orders')!
const lines = MONEY.find((m) => m.legacyTable === 'OrdersInfo')!
const six = (v: string) => [v, v, v, v, v, v]

describe('moneyFigures', () => {
  it('adds the groups up per currency, unknown currency last', () => {
    const figures = moneyFigures(
      orders,
      [
        { currency: 'USD', rows: 2, sums: six('10.00') },
        { currency: 'USD', rows: 1, sums: six('0.05') },
        { currency: null, rows: 1, sums: six('-5.10') },
        { currency: 'EUR', rows: 3, sums: six('1.00') },
      ],
      [
        { currency: 'USD', rows: 3, sums: six('10.05') },
        { currency: 'EUR', rows: 3, sums: six('1.00') },
      ],
    )
    expect(figures.map((f) => [f.currency, f.rows.source, f.rows.target, f.sums[0].source, f.sums[0].target])).toEqual([
      ['EUR', 3, 3, '1.00', '1.00'],
      ['USD', 3, 3, '10.05', '10.05'],
      [null, 1, 0, '-5.10', '0.00'],
    ])
    expect(figures[0].sums.map((s) => s.measure)).toEqual(['saddle', 'options', 'shipping', 'deposit', 'total', 'balance'])
    expect(figures[0].sums[5].sourceExpression).toBe('PriceSaddle + PriceOptions + PriceShipping − PriceDeposit')
  })

  it('gives one zero entry for an empty table without currency', () => {
    expect(moneyFigures(lines, [], [])).toEqual([
      expect.objectContaining({ currency: null, perCurrency: false, rows: { source: 0, target: 0 }, sums: [expect.objectContaining({ source: '0.00', target: '0.00' }), expect.objectContaining({ sourceExpression: 'Price × Quantity' })] }),
    ])
  })
})
