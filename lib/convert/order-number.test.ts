import { describe, expect, it } from 'vitest'
import { orderNumber } from './order-number'

describe('orderNumber', () => {
  it.each([
    { id: 42, want: 'OMS-000042' },
    { id: 1, want: 'OMS-000001' },
    { id: 999999, want: 'OMS-999999' },
    { id: 1234567, want: 'OMS-1234567' },
    { id: 2147483647, want: 'OMS-2147483647' },
  ])('$id → $want', ({ id, want }) => {
    expect(orderNumber(id)).toBe(want)
  })
})
