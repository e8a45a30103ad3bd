import { describe, expect, it } from 'vitest'
import { orderStatus } from './order-status'

describe('orderStatus', () => {
  it.each([
    { legacy: 1, want: 'pending' },
    { legacy: 2, want: 'processing' },
    { legacy: 3, want: 'processing' },
    { legacy: 4, want: 'processing' },
    { legacy: 11, want: 'processing' },
    { legacy: 5, want: 'shipped' },
    { legacy: 6, want: 'shipped' },
    { legacy: 7, want: 'completed' },
    { legacy: 8, want: 'on_hold' },
    { legacy: 9, want: 'cancelled' },
    { legacy: 10, want: 'returned' },
    { legacy: 12, want: 'repair' },
    { legacy: 0, want: null },
    { legacy: 13, want: null },
    { legacy: 99, want: null },
    { legacy: -1, want: null },
  ])('$legacy → $want', ({ legacy, want }) => {
    expect(orderStatus(legacy)).toBe(want)
  })
})
