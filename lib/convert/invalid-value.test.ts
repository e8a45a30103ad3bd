import { describe, expect, it } from 'vitest'
import { InvalidValue, isInvalid } from './invalid-value'

describe('isInvalid', () => {
  it.each([
    { value: new InvalidValue('is not an integer'), want: true },
    { value: 0, want: false },
    { value: null, want: false },
    { value: 'is not an integer', want: false },
    { value: { reason: 'looks like one' }, want: false },
  ])('$value → $want', ({ value, want }) => {
    expect(isInvalid(value)).toBe(want)
  })
})
