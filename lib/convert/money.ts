// Money: legacy DECIMAL(10,2) → PostgreSQL numeric(12,2), exact. Values are held as bigint cents
// and written as text ('12.50'); no float is ever involved. The dump reader gives DECIMAL literals as
// their exact text ('12.50', '-0.5'); the staging area gives the same text; a bare integer literal
// may come as a number or bigint.

import { InvalidValue } from './invalid-value'

/** numeric(12,2) holds |x| ≤ 9999999999.99. */
export const MONEY_MAX_CENTS = 999_999_999_999n

export interface Money {
  /** the amount in cents, rounded half away from zero to two decimals (as PostgreSQL rounds numeric) */
  cents: bigint
  /** true when the source had non-zero digits beyond the second decimal */
  rounded: boolean
  /** the source text, kept when it was rounded (for the warning) */
  source?: string
}

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/
// what DECIMAL(10,2) columns hold almost always: at most 10 integer digits and exactly two decimals
const PLAIN_CENTS = /^-?\d{1,10}\.\d\d$/
const MAX_EXPONENT = 400

/** Exact decimal text / integer → cents, or why it cannot be a numeric(12,2). */
export function parseMoney(value: unknown): Money | InvalidValue {
  if (typeof value === 'bigint') return fromCents(value * 100n, false)
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return fromCents(BigInt(value) * 100n, false)
    // A float was handed to us (never by the dump reader): its shortest decimal text is the
    // closest we can get to the value the caller meant.
    if (!Number.isFinite(value)) return new InvalidValue('is not a decimal number')
    return parseMoney(String(value))
  }
  if (typeof value !== 'string') return new InvalidValue('is not a decimal number')
  if (PLAIN_CENTS.test(value)) {
    // '12.50' → 1250n: the digits without the dot are the cents (at most 12 digits: in range)
    const dot = value.length - 3
    const cents = BigInt(value.slice(0, dot) + value.slice(dot + 1))
    return { cents: cents === -0n ? 0n : cents, rounded: false }
  }
  const m = DECIMAL_TEXT.exec(value)
  if (m === null) return new InvalidValue('is not a decimal number')
  const [, sign, intPart, fracPart = '', expPart] = m
  if (intPart === '' && fracPart === '') return new InvalidValue('is not a decimal number')
  const exponent = expPart === undefined ? 0 : Number(expPart)
  if (Math.abs(exponent) > MAX_EXPONENT) return new InvalidValue(outOfRangeReason())
  // value = digits × 10^(exponent − fracPart.length); we want value × 100
  const digits = (intPart + fracPart).replace(/^0+/, '')
  if (digits === '') return { cents: 0n, rounded: false }
  const shift = exponent - fracPart.length + 2
  let cents: bigint
  let rounded = false
  if (shift >= 0) {
    if (digits.length + shift > 13) return new InvalidValue(outOfRangeReason())
    cents = BigInt(digits) * 10n ** BigInt(shift)
  } else {
    const drop = -shift
    if (drop > digits.length) {
      // the whole value is below a thousandth of a unit (< 0.1 cent): rounds to 0.00
      cents = 0n
      rounded = true
    } else {
      const kept = digits.slice(0, digits.length - drop)
      const dropped = digits.slice(digits.length - drop)
      if (kept.length > 13) return new InvalidValue(outOfRangeReason())
      cents = kept === '' ? 0n : BigInt(kept)
      if (/[^0]/.test(dropped)) {
        rounded = true
        if (dropped.charCodeAt(0) >= 0x35) cents += 1n
      }
    }
  }
  const money = fromCents(sign === '-' ? -cents : cents, rounded)
  if (rounded && !(money instanceof InvalidValue)) money.source = value
  return money
}

function fromCents(cents: bigint, rounded: boolean): Money | InvalidValue {
  if (cents > MONEY_MAX_CENTS || cents < -MONEY_MAX_CENTS) return new InvalidValue(outOfRangeReason())
  return { cents: cents === -0n ? 0n : cents, rounded }
}

function outOfRangeReason(): string {
  return 'is outside the range of numeric(12,2) (at most ±9999999999.99)'
}

/** cents → '12.50', '-0.05', '0.00' */
export function formatMoney(cents: bigint): string {
  const negative = cents < 0n
  const abs = negative ? -cents : cents
  const text = abs.toString().padStart(3, '0')
  return (negative ? '-' : '') + text.slice(0, -2) + '.' + text.slice(-2)
}

/** Whether a computed amount (a sum, a difference) still fits numeric(12,2). */
export function moneyInRange(cents: bigint): boolean {
  return cents <= MONEY_MAX_CENTS && cents >= -MONEY_MAX_CENTS
}
