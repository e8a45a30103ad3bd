// The mapping framework: one `defineMapping` per legacy table (legacy-table.ts), and `mapRow`, which
// turns one raw legacy row into the target row plus its issues. Pure: no database, no clock, no
// randomness — ids, the import time and "does legacy row X exist" come from the MappingContext.
//
// mapRow, in order:
//   1. a NULL/absent value in a NOT NULL legacy column takes the legacy DEFAULT (MISSING_VALUE);
//   2. the row's schema parses every mapped column (extra, drifted columns are ignored); a column
//      that cannot be its type rejects the row: target null, one error per column. The columns'
//      own parse functions are called directly (see columns.ts; the zod object is the declaration
//      and runs the same functions, at a fifth of the speed);
//   3. text columns lose their NUL characters (NUL_REMOVED) and are checked for mojibake
//      (MOJIBAKE_SUSPECTED, with the suggested repair; the value is never changed);
//   4. `map(row, ctx)` builds the target row, reporting through ctx (ctx.ref → ORPHAN_REF, …).
//      A mapping may report an error (e.g. a computed total beyond numeric(12,2)): the row is then
//      rejected too. An exception thrown by `map` is a bug, reported as MAPPING_FAILED.

import type { z } from 'zod'
import type { SqlValue } from '@/lib/dump/types'
import { describeValue, quoteValue } from '@/lib/convert/describe-value'
import { countNul, removeNul } from '@/lib/convert/remove-nul'
import { looksLikeMojibake, mojibakeExcerpt, suggestMojibakeRepair } from '@/lib/convert/mojibake'
import { flagToBoolean, isCanonicalFlag } from '@/lib/convert/legacy-flag'
import { formatMoney, type Money } from '@/lib/convert/money'
import { softDeletedAt } from '@/lib/convert/soft-delete'
import { InvalidValue } from '@/lib/convert/invalid-value'
import { type ColumnIssueParams, columnRuleCode, getColumnInfo } from './columns'
import { type RuleCode, type Severity, ruleSeverity } from './rule-codes'

export interface RowIssue {
  severity: Severity
  code: RuleCode
  /** the LEGACY column name (`OrderTime`), or null for a row-level issue */
  column: string | null
  /** a sentence the operator understands */
  message: string
  /** the source value as text (truncated to ~200 characters, NUL shown as ␀); null for NULL */
  value?: string | null
  /** MOJIBAKE_SUSPECTED: the whole value as it would read repaired (never applied) */
  repair?: string
}

/** What a mapping may ask of the world; supplied by the validation pass (see mapping-context.ts). */
export interface MappingContext {
  readonly importTime: Date
  /** the stable uuid of a legacy row (uuid v5 of `${legacyTable}:${legacyId}`) */
  uuidFor(legacyTable: string, legacyId: number): string
  /** whether legacy row `legacyId` of `legacyTable` is present in the dump */
  exists(legacyTable: string, legacyId: number): boolean
}

/** A raw legacy row keyed by legacy column names; absent columns are undefined. */
export type LegacyRow = Readonly<Record<string, SqlValue | undefined>>

/** Every target row has these; the rest are the camelCase of TARGET-SCHEMA.md's columns. */
export interface TargetRowBase {
  id: string
  legacyId: number
  createdAt: Date
  updatedAt: Date
}

export type LegacyName<T extends string> = `legacy${Capitalize<T>}`
export type RefPair<T extends string, L extends string> = { [K in T]: string | null } & { [K in L]: number | null }

/** The context `map` receives: MappingContext plus the row's issue list and reporting helpers. */
export interface RowContext extends MappingContext {
  readonly issues: RowIssue[]
  warn(code: RuleCode, column: string | null, message: string, value?: unknown, repair?: string): void
  error(code: RuleCode, column: string | null, message: string, value?: unknown): void
  /**
   * A legacy reference as the pair `{ [targetColumn]: uuid | null, [legacyTargetColumn]: number | null }`.
   * 0 or NULL → both null; present → uuid + legacy id; orphan → uuid null, legacy id kept, ORPHAN_REF.
   * `legacyTargetColumn` defaults to 'legacy' + TargetColumn (`modelId` → `legacyModelId`).
   */
  ref<T extends string, L extends string = LegacyName<T>>(
    targetColumn: T,
    legacyColumn: string,
    legacyTable: string,
    value: number | null,
    legacyTargetColumn?: L,
  ): RefPair<T, L>
  /** exact money text ('12.50'); MONEY_ROUNDED when the source had more than two decimals */
  money(column: string, value: Money): string
  /** a 0/1 flag as boolean (non-zero is true); FLAG_OUT_OF_RANGE for values other than 0 and 1 */
  flag(column: string, value: number): boolean
  /** soft delete: Deleted → lastChange ?? import time, else null */
  deletedAt(deleted: number, lastChange?: Date | null): Date | null
}

export interface MappingDefinition<S extends z.ZodObject, T extends TargetRowBase> {
  /** legacy table name verbatim: 'OptionsItems' */
  legacyTable: string
  /** PostgreSQL table: 'option_items' */
  targetTable: string
  /** Prisma model: 'OptionItem' */
  targetModel: string
  /** legacy tables this one references (import order) */
  dependsOn: readonly string[]
  /**
   * The time one row's validation takes against a plain row's (default 1). Only orders the work of
   * the validation threads (the most work first, so that they end together).
   */
  validationCost?: number
  /** zod schema of the legacy row (legacy column names; see columns.ts) */
  row: S
  /** pure: the target row keyed by Prisma field names */
  map(row: z.output<S>, ctx: RowContext): T
}

export interface Mapping<S extends z.ZodObject = z.ZodObject, T extends TargetRowBase = TargetRowBase>
  extends MappingDefinition<S, T> {
  /** the legacy columns the mapping reads (any other column of the dump is drift) */
  readonly legacyColumns: readonly string[]
  readonly notNullDefaults: readonly (readonly [column: string, value: SqlValue])[]
  readonly textColumns: readonly (readonly [column: string, checkMojibake: boolean])[]
  /** every column's parse function, when all columns are columns.ts schemas (else null: zod parses) */
  readonly columnParsers: readonly (readonly [column: string, parse: (value: unknown) => unknown])[] | null
}

export interface MappedRow<T = Record<string, unknown>> {
  /** the target row, or null when the row is rejected (then `issues` holds at least one error) */
  target: T | null
  issues: RowIssue[]
}

export function defineMapping<S extends z.ZodObject, T extends TargetRowBase>(definition: MappingDefinition<S, T>): Mapping<S, T> {
  const notNullDefaults: [string, SqlValue][] = []
  const textColumns: [string, boolean][] = []
  let columnParsers: [string, (value: unknown) => unknown][] | null = []
  const shape = definition.row.shape as Record<string, z.ZodType>
  for (const [column, schema] of Object.entries(shape)) {
    const info = getColumnInfo(schema)
    if (info?.notNullDefault !== undefined) notNullDefaults.push([column, info.notNullDefault])
    if (info?.text) textColumns.push([column, info.text.mojibake])
    if (info?.parse && columnParsers) columnParsers.push([column, info.parse])
    else columnParsers = null
  }
  return { ...definition, legacyColumns: Object.keys(shape), notNullDefaults, textColumns, columnParsers }
}

function issue(code: RuleCode, column: string | null, message: string, value?: unknown, repair?: string): RowIssue {
  const out: RowIssue = { severity: ruleSeverity(code), code, column, message }
  if (value !== undefined) out.value = describeValue(value)
  if (repair !== undefined) out.repair = repair
  return out
}

const legacyNames = new Map<string, string>()
function legacyNameFor(targetColumn: string): string {
  let name = legacyNames.get(targetColumn)
  if (name === undefined) {
    name = 'legacy' + targetColumn.charAt(0).toUpperCase() + targetColumn.slice(1)
    legacyNames.set(targetColumn, name)
  }
  return name
}

/** `legacyModelId` → `legacy_model_id`: target columns are named as in TARGET-SCHEMA.md in messages. */
export function snakeCase(field: string): string {
  return field.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())
}

// The uuids of referenced rows, memoised per context: an Orders row refers to six parents, and the
// same customers, fitters and saddles come back row after row (a uuid costs ~0.5 µs of SHA-1).
// Bounded per table; pure (uuidFor is deterministic), so a cleared cache only costs time.
const REF_CACHE_LIMIT = 1 << 16
type RefCache = Map<string, Map<number, string>>
const refCaches = new WeakMap<MappingContext, RefCache>()

function refCacheOf(ctx: MappingContext): RefCache {
  let cache = refCaches.get(ctx)
  if (cache === undefined) {
    cache = new Map()
    refCaches.set(ctx, cache)
  }
  return cache
}

class RowContextImpl implements RowContext {
  constructor(
    private readonly base: MappingContext,
    readonly issues: RowIssue[],
    private readonly refCache: RefCache,
  ) {}

  private refUuid(legacyTable: string, legacyId: number): string {
    let byId = this.refCache.get(legacyTable)
    if (byId === undefined) {
      byId = new Map()
      this.refCache.set(legacyTable, byId)
    }
    let uuid = byId.get(legacyId)
    if (uuid === undefined) {
      uuid = this.base.uuidFor(legacyTable, legacyId)
      if (byId.size >= REF_CACHE_LIMIT) byId.clear()
      byId.set(legacyId, uuid)
    }
    return uuid
  }

  get importTime(): Date {
    return this.base.importTime
  }

  uuidFor(legacyTable: string, legacyId: number): string {
    return this.base.uuidFor(legacyTable, legacyId)
  }

  exists(legacyTable: string, legacyId: number): boolean {
    return this.base.exists(legacyTable, legacyId)
  }

  warn(code: RuleCode, column: string | null, message: string, value?: unknown, repair?: string): void {
    this.issues.push(issue(code, column, message, value, repair))
  }

  error(code: RuleCode, column: string | null, message: string, value?: unknown): void {
    this.issues.push(issue(code, column, message, value))
  }

  ref<T extends string, L extends string = LegacyName<T>>(
    targetColumn: T,
    legacyColumn: string,
    legacyTable: string,
    value: number | null,
    legacyTargetColumn?: L,
  ): RefPair<T, L> {
    const legacyKey = legacyTargetColumn ?? legacyNameFor(targetColumn)
    const pair: Record<string, string | number | null> = {}
    if (value === null || value === 0) {
      pair[targetColumn] = null
      pair[legacyKey] = null
    } else if (this.base.exists(legacyTable, value)) {
      pair[targetColumn] = this.refUuid(legacyTable, value)
      pair[legacyKey] = value
    } else {
      this.warn(
        'ORPHAN_REF',
        legacyColumn,
        `${legacyColumn} ${value} points at no row of ${legacyTable}; ${snakeCase(targetColumn)} is left empty and ${snakeCase(legacyKey)} keeps ${value}.`,
        value,
      )
      pair[targetColumn] = null
      pair[legacyKey] = value
    }
    return pair as RefPair<T, L>
  }

  money(column: string, value: Money): string {
    const text = formatMoney(value.cents)
    if (value.rounded) {
      const source = value.source === undefined ? '' : ` ${value.source}`
      this.warn('MONEY_ROUNDED', column, `${column}${source} has more than two decimals; stored rounded as ${text}.`, value.source)
    }
    return text
  }

  flag(column: string, value: number): boolean {
    if (!isCanonicalFlag(value)) {
      this.warn('FLAG_OUT_OF_RANGE', column, `${column} is ${value}, not 0 or 1; read as true (non-zero), as the legacy application did.`, value)
    }
    return flagToBoolean(value)
  }

  deletedAt(deleted: number, lastChange: Date | null = null): Date | null {
    return softDeletedAt(this.flag('Deleted', deleted), lastChange, this.base.importTime)
  }
}

/** "Name looks double-encoded: 'MÃ¼ller' probably reads 'Müller'; imported unchanged." (long values: the changed part) */
export function mojibakeMessage(column: string, text: string, repair: string): string {
  const { before, after } = mojibakeExcerpt(text, repair)
  const quote = (s: string): string => `'${s.replace(/\0/g, '\u2400').replace(/\r/g, '\\r').replace(/\n/g, '\\n')}'`
  return `${column} looks double-encoded: ${quote(before)} probably reads ${quote(after)}; imported unchanged.`
}

/** The error that rejects a row because `column` cannot hold `raw`; `why` completes "<column> <value> …". */
function rejectionIssue(code: RuleCode, column: string | null, raw: unknown, why: string): RowIssue {
  if (code === 'MISSING_ID') {
    const what = raw === undefined ? 'absent from the dump' : raw === null ? 'NULL' : 'empty'
    return issue(code, column, `The row has no ${column} (${what}); it cannot be imported.`, raw ?? null)
  }
  const subject = column === null ? 'The row' : `${column} ${quoteValue(raw)}`
  return issue(code, column, `${subject} ${why}; the row cannot be imported.`, raw ?? null)
}

export type ParsedLegacyRow = { ok: true; row: Record<string, unknown> } | { ok: false; issues: RowIssue[] }

/** The legacy row through the mapping's zod schema (the declaration; slow path). */
export function parseRowWithZod(mapping: Mapping, input: LegacyRow): ParsedLegacyRow {
  const parsed = mapping.row.safeParse(input)
  if (parsed.success) return { ok: true, row: parsed.data as Record<string, unknown> }
  return {
    ok: false,
    issues: parsed.error.issues.map((zodIssue) => {
      const column = zodIssue.path.length > 0 ? String(zodIssue.path[0]) : null
      const params = zodIssue.code === 'custom' ? (zodIssue.params as ColumnIssueParams | undefined) : undefined
      return rejectionIssue(params?.ruleCode ?? 'INVALID_VALUE', column, column === null ? undefined : input[column], params ? zodIssue.message : `is invalid (${zodIssue.message})`)
    }),
  }
}

/** The legacy row through the columns' parse functions directly (the same functions zod runs). */
export function parseRowDirect(mapping: Mapping, input: LegacyRow): ParsedLegacyRow {
  const parsers = mapping.columnParsers
  if (parsers === null) return parseRowWithZod(mapping, input)
  const row: Record<string, unknown> = {}
  let issues: RowIssue[] | null = null
  for (let i = 0; i < parsers.length; i++) {
    const [column, parse] = parsers[i]
    const raw = input[column]
    const out = parse(raw)
    if (out instanceof InvalidValue) (issues ??= []).push(rejectionIssue(columnRuleCode(out), column, raw, out.reason))
    else row[column] = out
  }
  return issues === null ? { ok: true, row } : { ok: false, issues }
}

/** Map one raw legacy row: the target row (null when rejected) and every issue found. */
export function mapRow<S extends z.ZodObject, T extends TargetRowBase>(
  mapping: Mapping<S, T>,
  raw: LegacyRow,
  ctx: MappingContext,
): MappedRow<T> {
  const issues: RowIssue[] = []
  let input: Record<string, SqlValue | undefined> = raw
  for (const [column, fallback] of mapping.notNullDefaults) {
    const value = raw[column]
    if (value === null || value === undefined) {
      if (input === raw) input = { ...raw }
      input[column] = fallback
      const what = value === null ? 'is NULL' : 'is absent from the dump'
      issues.push(issue('MISSING_VALUE', column, `${column} ${what} although the legacy column is NOT NULL; its legacy default ${quoteValue(fallback)} was used.`, value ?? null))
    }
  }

  const parsed = parseRowDirect(mapping as Mapping, input)
  if (!parsed.ok) {
    issues.push(...parsed.issues)
    return { target: null, issues }
  }
  const row = parsed.row

  for (const [column, checkMojibake] of mapping.textColumns) {
    const value = row[column]
    if (typeof value !== 'string') continue
    let text = value
    if (text.indexOf('\0') !== -1) {
      const count = countNul(text)
      text = removeNul(text)
      row[column] = text
      issues.push(issue('NUL_REMOVED', column, `${column} contained ${count === 1 ? 'a NUL character' : `${count} NUL characters`}, which PostgreSQL text cannot hold; removed.`, value))
    }
    if (checkMojibake && looksLikeMojibake(text)) {
      const repair = suggestMojibakeRepair(text)
      if (repair !== null) {
        issues.push(issue('MOJIBAKE_SUSPECTED', column, mojibakeMessage(column, text, repair), value, repair))
      }
    }
  }

  let target: T
  try {
    target = mapping.map(row as z.output<S>, new RowContextImpl(ctx, issues, refCacheOf(ctx)))
  } catch (err) {
    issues.push(issue('MAPPING_FAILED', null, `Mapping ${mapping.legacyTable} failed on this row: ${err instanceof Error ? err.message : String(err)}.`))
    return { target: null, issues }
  }
  for (const i of issues) if (i.severity === 'error') return { target: null, issues }
  return { target, issues }
}
