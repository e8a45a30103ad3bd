import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { InvalidValue } from './invalid-value'
import { formatMoney, moneyInRange, parseMoney } from './money'

const OUT_OF_RANGE = 'is outside the range of numeric(12,2) (at most ±9999999999.99)'

describe('parseMoney', () => {
  it.each([
    { raw: '12.50', cents: 1250n, rounded: false },
    { raw: '12.5', cents: 1250n, rounded: false },
    { raw: '12', cents: 1200n, rounded: false },
    { raw: '0.00', cents: 0n, rounded: false },
    { raw: '-0.00', cents: 0n, rounded: false },
    { raw: '-0.5', cents: -50n, rounded: false },
    { raw: '.5', cents: 50n, rounded: false },
    { raw: '5.', cents: 500n, rounded: false },
    { raw: '+3.10', cents: 310n, rounded: false },
    { raw: '0.10', cents: 10n, rounded: false }, // 0.1 + 0.2 style float traps never happen: text in, bigint out
    { raw: '99999999.99', cents: 9999999999n, rounded: false }, // DECIMAL(10,2) max
    { raw: '9999999999.99', cents: 999999999999n, rounded: false }, // numeric(12,2) max
    { raw: '-9999999999.99', cents: -999999999999n, rounded: false },
    { raw: '1.5e2', cents: 15000n, rounded: false },
    { raw: '125E-2', cents: 125n, rounded: false },
    { raw: '12.345', cents: 1235n, rounded: true }, // half away from zero, like PostgreSQL numeric
    { raw: '12.344', cents: 1234n, rounded: true },
    { raw: '-12.345', cents: -1235n, rounded: true },
    { raw: '12.3400', cents: 1234n, rounded: false }, // trailing zeros are not a rounding
    { raw: '0.004', cents: 0n, rounded: true },
    { raw: '0.005', cents: 1n, rounded: true },
    { raw: '0.0005', cents: 0n, rounded: true },
    { raw: '000012.50', cents: 1250n, rounded: false },
    { raw: 12, cents: 1200n, rounded: false },
    { raw: -7, cents: -700n, rounded: false },
    { raw: 12.5, cents: 1250n, rounded: false },
    { raw: 42n, cents: 4200n, rounded: false },
  ])('$raw → $cents cents (rounded: $rounded)', ({ raw, cents, rounded }) => {
    expect(parseMoney(raw)).toEqual(rounded ? { cents, rounded, source: raw } : { cents, rounded })
  })

  it.each([
    { raw: 'abc', reason: 'is not a decimal number' },
    { raw: '', reason: 'is not a decimal number' },
    { raw: '.', reason: 'is not a decimal number' },
    { raw: '12,50', reason: 'is not a decimal number' },
    { raw: ' 12.50', reason: 'is not a decimal number' },
    { raw: '$12', reason: 'is not a decimal number' },
    { raw: null, reason: 'is not a decimal number' },
    { raw: Number.POSITIVE_INFINITY, reason: 'is not a decimal number' },
    { raw: new Uint8Array([1]), reason: 'is not a decimal number' },
    { raw: '10000000000.00', reason: OUT_OF_RANGE },
    { raw: '-10000000000', reason: OUT_OF_RANGE },
    { raw: '1e10', reason: OUT_OF_RANGE },
    { raw: '1e9999', reason: OUT_OF_RANGE },
    { raw: 10000000000n, reason: OUT_OF_RANGE },
  ])('$raw is refused: $reason', ({ raw, reason }) => {
    expect(parseMoney(raw)).toEqual(new InvalidValue(reason))
  })

  it('reads back what formatMoney wrote, for every amount in range', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -999_999_999_999n, max: 999_999_999_999n }), (cents) => {
        expect(parseMoney(formatMoney(cents))).toEqual({ cents, rounded: false })
      }),
    )
  })
})

describe('formatMoney', () => {
  it.each([
    { cents: 1250n, want: '12.50' },
    { cents: 0n, want: '0.00' },
    { cents: 5n, want: '0.05' },
    { cents: -5n, want: '-0.05' },
    { cents: -1250n, want: '-12.50' },
    { cents: 100n, want: '1.00' },
    { cents: 999999999999n, want: '9999999999.99' },
  ])('$cents → $want', ({ cents, want }) => {
    expect(formatMoney(cents)).toBe(want)
  })
})

describe('moneyInRange', () => {
  it.each([
    { cents: 999999999999n, want: true },
    { cents: -999999999999n, want: true },
    { cents: 1000000000000n, want: false },
    { cents: -1000000000000n, want: false },
  ])('$cents → $want', ({ cents, want }) => {
    expect(moneyInRange(cents)).toBe(want)
  })
})
