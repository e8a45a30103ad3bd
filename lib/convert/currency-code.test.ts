import { describe, expect, it } from 'vitest'
import { currencyCode } from './currency-code'

describe('currencyCode', () => {
  it.each([
    { legacy: 1, want: 'USD' },
    { legacy: 2, want: 'EUR' },
    { legacy: 3, want: 'GBP' },
    { legacy: 4, want: 'AUD' },
    { legacy: 5, want: 'CAD' },
    { legacy: 0, want: null },
    { legacy: 6, want: null },
    { legacy: -1, want: null },
  ])('$legacy → $want', ({ legacy, want }) => {
    expect(currencyCode(legacy)).toBe(want)
  })
})
