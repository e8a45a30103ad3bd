import { describe, expect, it } from 'vitest'
import { describeValue, quoteValue } from './describe-value'

describe('describeValue', () => {
  it.each([
    { value: null, want: null },
    { value: undefined, want: null },
    { value: 'Müller', want: 'Müller' },
    { value: 42, want: '42' },
    { value: 12345678901234567890n, want: '12345678901234567890' },
    { value: new Uint8Array([0xca, 0xfe]), want: '0xcafe' },
    { value: 'x'.repeat(250), want: 'x'.repeat(200) + '…' },
    { value: 'x'.repeat(199) + '😀' + 'y', want: 'x'.repeat(199) + '…' },
    { value: 'a\0b', want: 'a\u2400b' }, // PostgreSQL text cannot hold NUL, issues included
  ])('$value', ({ value, want }) => {
    expect(describeValue(value)).toBe(want)
  })
})

describe('quoteValue', () => {
  it.each([
    { value: null, want: 'NULL' },
    { value: undefined, want: 'absent' },
    { value: 'abc', want: "'abc'" },
    { value: 'a\0b\nc', want: "'a\u2400b\\nc'" },
    { value: 7, want: '7' },
    { value: new Uint8Array([1, 2]), want: '0x0102' },
  ])('$value → $want', ({ value, want }) => {
    expect(quoteValue(value)).toBe(want)
  })
})
