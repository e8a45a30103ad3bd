import { describe, expect, it } from 'vitest'
import { InvalidValue } from './invalid-value'
import { parseLegacyInteger } from './legacy-integer'

describe('parseLegacyInteger', () => {
  it.each([
    { raw: 42, want: 42 },
    { raw: '42', want: 42 },
    { raw: 0, want: 0 },
    { raw: '0', want: 0 },
    { raw: '-0', want: 0 },
    { raw: '+7', want: 7 },
    { raw: '007', want: 7 },
    { raw: -5, want: -5 },
    { raw: '-2147483648', want: -2147483648 },
    { raw: 2147483647, want: 2147483647 },
    { raw: 2147483647n, want: 2147483647 },
    { raw: '0000000000000000042', want: 42 },
  ])('$raw → $want', ({ raw, want }) => {
    expect(parseLegacyInteger(raw)).toBe(want)
  })

  it.each([
    { raw: 'abc', reason: 'is not an integer' },
    { raw: '', reason: 'is not an integer' },
    { raw: ' 42', reason: 'is not an integer' },
    { raw: '12.50', reason: 'is not an integer' },
    { raw: '1e3', reason: 'is not an integer' },
    { raw: 1.5, reason: 'is not an integer' },
    { raw: Number.NaN, reason: 'is not an integer' },
    { raw: null, reason: 'is not an integer' },
    { raw: new Uint8Array([1]), reason: 'is binary data, not an integer' },
    { raw: 2147483648, reason: 'is outside the range of a PostgreSQL integer (-2147483648 to 2147483647)' },
    { raw: '4294967295', reason: 'is outside the range of a PostgreSQL integer (-2147483648 to 2147483647)' },
    { raw: '99999999999999999999', reason: 'is outside the range of a PostgreSQL integer (-2147483648 to 2147483647)' },
    { raw: 9007199254740993n, reason: 'is outside the range of a PostgreSQL integer (-2147483648 to 2147483647)' },
  ])('$raw is refused: $reason', ({ raw, reason }) => {
    expect(parseLegacyInteger(raw)).toEqual(new InvalidValue(reason))
  })
})
