// DATETIME text as MariaDB writes it ('2012-03-04 05:06:07', DATETIME values are UTC by contract).
// The zero date '0000-00-00 00:00:00' — and dates with a zero month or day ('2012-00-00'), which
// MariaDB stores when NO_ZERO_IN_DATE is off — are "unknown" → null; the caller reports ZERO_DATE.
// Anything else that is not a real calendar date cannot be a timestamptz → InvalidValue.

import { InvalidValue } from './invalid-value'

const DATETIME_TEXT = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?)?$/

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function daysInMonth(year: number, month: number): number {
  if (month === 2 && (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return 29
  return DAYS_IN_MONTH[month - 1]
}

/** 'YYYY-MM-DD[ HH:MM:SS[.ffffff]]' (UTC) → Date; zero date / zero-in-date → null. */
export function parseMysqlDatetime(text: string): Date | null | InvalidValue {
  const m = DATETIME_TEXT.exec(text)
  if (m === null) return new InvalidValue('is not a date and time (YYYY-MM-DD HH:MM:SS)')
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  const hour = m[4] === undefined ? 0 : Number(m[4])
  const minute = m[5] === undefined ? 0 : Number(m[5])
  const second = m[6] === undefined ? 0 : Number(m[6])
  const fraction = m[7] ?? ''
  if (year === 0 || month === 0 || day === 0) return null
  if (month > 12 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return new InvalidValue('is not a valid calendar date and time')
  }
  // JavaScript dates hold milliseconds; a DATETIME(6) with sub-millisecond digits would lose them.
  if (fraction.length > 3 && /[^0]/.test(fraction.slice(3))) {
    return new InvalidValue('has sub-millisecond digits, which cannot be kept exactly')
  }
  const ms = fraction === '' ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'))
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms))
  date.setUTCFullYear(year) // Date.UTC maps years 0–99 to 1900–1999
  return date
}
