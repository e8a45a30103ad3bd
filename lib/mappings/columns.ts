// zod schemas of legacy column values. A value comes typed from the dump reader (number, bigint,
// string, Uint8Array, null) or as text from the staging area ('42', '12.50', null); each schema
// accepts both and yields the canonical type. A value that cannot become its column's type is a zod
// issue, which rejects the row (INVALID_VALUE, or MISSING_ID for the ID).
//
// Each schema also carries what `mapRow` needs to know about its column (kept in a WeakMap, read once
// by `defineMapping`): the legacy DEFAULT that stands in for a NULL/absent value of a NOT NULL
// column (reported as MISSING_VALUE), whether the column is text that goes through NUL removal
// and the mojibake check, and its plain parse function. mapRow calls those parse functions
// directly when every column of a row schema has one: the zod object would run the very same
// functions, wrapped in per-column transform machinery that cost ~0.5 µs per column (Orders:
// 95k rows/s for safeParse alone). The zod schema stays the declaration, and a test checks that
// both paths agree.

import { z } from 'zod'
import type { SqlValue } from '@/lib/dump/types'
import { InvalidValue } from '@/lib/convert/invalid-value'
import { parseLegacyInteger } from '@/lib/convert/legacy-integer'
import { parseLegacyText } from '@/lib/convert/legacy-text'
import { type Money, parseMoney } from '@/lib/convert/money'
import { fromUnixSeconds } from '@/lib/convert/unix-time'
import { parseMysqlDatetime } from '@/lib/convert/mysql-datetime'
import type { RuleCode } from './rule-codes'

export interface ColumnInfo {
  /** the column's converter: the value to map, or why it cannot be stored */
  parse?: (value: unknown) => unknown
  /** the legacy DEFAULT used when a NOT NULL column is NULL or absent (undefined: no substitution) */
  notNullDefault?: SqlValue
  /** text stored as PostgreSQL text: NUL removed (NUL_REMOVED), mojibake checked unless false */
  text?: { mojibake: boolean }
}

const columnInfo = new WeakMap<z.ZodType, ColumnInfo>()

export function getColumnInfo(schema: z.ZodType): ColumnInfo | undefined {
  return columnInfo.get(schema)
}

/** Marks a zod issue raised by a column schema; mapRow turns it into a RowIssue with this code. */
export interface ColumnIssueParams {
  ruleCode: RuleCode
}

/** The ID is absent: MISSING_ID rather than INVALID_VALUE. */
class MissingValue extends InvalidValue {}

/** The rule a column's InvalidValue breaks. */
export function columnRuleCode(invalid: InvalidValue): RuleCode {
  return invalid instanceof MissingValue ? 'MISSING_ID' : 'INVALID_VALUE'
}

function column<T>(parse: (value: unknown) => T | InvalidValue, info: ColumnInfo = {}) {
  // .optional() before the transform: an absent column (a drifted dump without it) reaches the
  // transform as undefined, like NULL, instead of failing as a missing key (zod 4 "nonoptional")
  const schema = z.unknown().optional().transform((value, ctx): T => {
    const out = parse(value)
    if (out instanceof InvalidValue) {
      ctx.issues.push({ code: 'custom', message: out.reason, input: value, params: { ruleCode: columnRuleCode(out) } satisfies ColumnIssueParams })
      return z.NEVER
    }
    return out
  })
  columnInfo.set(schema, { ...info, parse })
  return schema
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === ''
}

/** `ID`: a positive integer. NULL/empty/absent → MISSING_ID; 0 (the legacy "none") or negative → INVALID_VALUE. */
export const legacyId = column<number>((value) => {
  if (isBlank(value)) return new MissingValue('is missing')
  const n = parseLegacyInteger(value)
  if (n instanceof InvalidValue) return n
  if (n <= 0) return new InvalidValue('is not a positive integer (0 is the legacy "none")')
  return n
})

/** A reference `XxxID`: NULL/absent → null, else an integer (0 = none is decided by `ctx.ref`). */
export const legacyRef = column<number | null>((value) => (value === null || value === undefined ? null : parseLegacyInteger(value)))

/** An INT column; `default` is its legacy DEFAULT, used for NULL/absent. */
export function legacyInt(options: { default: number }) {
  return column<number>(parseLegacyInteger, { notNullDefault: options.default })
}

/** A tinyint(1) flag → the integer (ctx.flag makes it boolean and reports values other than 0/1). */
export function legacyFlag(options: { default: 0 | 1 }) {
  return column<number>(parseLegacyInteger, { notNullDefault: options.default })
}

/** An INT column of UNIX seconds → Date (UTC), 0 → null. */
export function unixSeconds(options: { default: number } = { default: 0 }) {
  return column<Date | null>((value) => {
    const n = parseLegacyInteger(value)
    return n instanceof InvalidValue ? n : fromUnixSeconds(n)
  }, { notNullDefault: options.default })
}

export interface LegacyDatetime {
  /** null for the zero date and dates with a zero month or day */
  date: Date | null
  /** the source text, for messages */
  text: string
}

/** A DATETIME column ('2012-03-04 05:06:07', UTC) → { date, text }; zero dates → date null. */
export function legacyDatetime(options: { default: string }) {
  return column<LegacyDatetime>((value) => {
    const text = parseLegacyText(value)
    if (text instanceof InvalidValue) return text
    if (text === null) return new InvalidValue('is not a date and time')
    const date = parseMysqlDatetime(text)
    return date instanceof InvalidValue ? date : { date, text }
  }, { notNullDefault: options.default })
}

/** A DECIMAL(10,2) column → exact cents (ctx.money formats it and reports rounding). */
export function legacyMoney(options: { default: string }) {
  return column<Money>(parseMoney, { notNullDefault: options.default })
}

/**
 * A VARCHAR/TEXT column → string (NULL → null when nullable). The NUL characters are removed and the
 * mojibake check is run by mapRow, with warnings, before `map` sees the row.
 */
export function legacyText(options: { default: string; mojibake?: boolean }): z.ZodType<string, unknown>
export function legacyText(options?: { mojibake?: boolean }): z.ZodType<string | null, unknown>
export function legacyText(options: { default?: string; mojibake?: boolean } = {}): z.ZodType<string | null, unknown> {
  const info: ColumnInfo = { text: { mojibake: options.mojibake ?? true } }
  if (options.default !== undefined) {
    info.notNullDefault = options.default
    return column<string>((value) => {
      const text = parseLegacyText(value)
      return text === null ? new InvalidValue('is NULL') : text
    }, info)
  }
  return column<string | null>(parseLegacyText, info)
}

/**
 * Text that `map` handles itself, untouched: no automatic NUL removal or mojibake check
 * (Orders.OrderData: PHP string lengths count the NULs; Credentials.Password: never quoted in issues).
 */
export function legacyRawText(options: { default: string }): z.ZodType<string, unknown>
export function legacyRawText(): z.ZodType<string | null, unknown>
export function legacyRawText(options: { default?: string } = {}): z.ZodType<string | null, unknown> {
  if (options.default !== undefined) {
    return column<string>((value) => {
      const text = parseLegacyText(value)
      return text === null ? new InvalidValue('is NULL') : text
    }, { notNullDefault: options.default })
  }
  return column<string | null>(parseLegacyText)
}
