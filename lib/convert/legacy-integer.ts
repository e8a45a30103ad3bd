// INT columns arrive as a number or bigint from the dump reader, or as decimal text from the
// staging area ('42'). Either way they become a JavaScript number that fits PostgreSQL `integer`.

import { InvalidValue } from './invalid-value'

export const PG_INT_MIN = -2147483648
export const PG_INT_MAX = 2147483647

const INTEGER_TEXT = /^[+-]?\d+$/

/** number | bigint | integer text → number in PostgreSQL `integer` range, or why it cannot be one. */
export function parseLegacyInteger(value: unknown): number | InvalidValue {
  let n: number
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return new InvalidValue('is not an integer')
    n = value
  } else if (typeof value === 'string') {
    if (!INTEGER_TEXT.test(value)) return new InvalidValue('is not an integer')
    if (value.length > 12) {
      // longer than any int32 (with sign and leading zeros aside): compare exactly
      const big = BigInt(value)
      if (big < BigInt(PG_INT_MIN) || big > BigInt(PG_INT_MAX)) return outOfRange()
      return Number(big)
    }
    n = Number(value)
  } else if (typeof value === 'bigint') {
    if (value < BigInt(PG_INT_MIN) || value > BigInt(PG_INT_MAX)) return outOfRange()
    return Number(value)
  } else {
    return new InvalidValue(value instanceof Uint8Array ? 'is binary data, not an integer' : 'is not an integer')
  }
  if (n < PG_INT_MIN || n > PG_INT_MAX) return outOfRange()
  return n === 0 ? 0 : n // no -0
}

function outOfRange(): InvalidValue {
  return new InvalidValue(`is outside the range of a PostgreSQL integer (${PG_INT_MIN} to ${PG_INT_MAX})`)
}
