// A decision as the operator states it — in the decisions file of the command line, and as the app
// exports a run's decisions — and its check against the contract (pure: no database). What it
// names must exist: the legacy table, the rule, the target column; a value must be one the column
// takes (an enumeration's value, a time, a number, text; a reference's uuid half takes the legacy
// id, or the uuid, of an existing target row, which the database check resolves).
//
// {"decisions": [
//   {"table": "Customers", "legacyId": 152, "action": "repair"},
//   {"table": "Customers", "rule": "MOJIBAKE_SUSPECTED", "action": "repair"},
//   {"table": "Orders", "legacyId": 231, "action": "set", "column": "status", "value": "on_hold", "reason": "99 means on hold"},
//   {"table": "Log", "legacyId": 6462, "action": "exclude", "reason": "a test entry"},
//   {"table": "Customers", "legacyId": 7, "action": "keep", "row": 2},
//   {"table": "Fitters", "rule": "UNKNOWN_REGION", "action": "accept"},
//   {"table": "Credentials", "legacyId": 12, "action": "separate", "reason": "not the same person"}
// ]}

import { z } from 'zod'
import { mappingFor } from '@/lib/mappings'
import { isRuleCode, ruleSeverity, type RuleCode } from '@/lib/mappings/rule-codes'
import { requireContractTable, type ContractColumn } from '@/lib/target/target-contract'

/**
 * repair: apply MOJIBAKE_SUSPECTED's suggested repair; set: a target column's value; exclude: the
 * row is not imported; keep: which row of a repeated ID is imported; accept: a warning acknowledged
 * without a change; separate: a legacy user the import would link to an existing user (USER_LINKED)
 * is imported as a user of its own.
 */
export const DECISION_ACTIONS = ['repair', 'set', 'exclude', 'keep', 'accept', 'separate'] as const
export type DecisionAction = (typeof DECISION_ACTIONS)[number]

const legacyId = z.number().int().positive().max(2147483647)
const reason = z.string().trim().min(1, 'a reason is required').max(2000)
const value = z.union([z.string().max(100_000), z.number(), z.boolean(), z.null()])

export const decisionSpec = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('repair'), table: z.string(), legacyId: legacyId.optional(), rule: z.string().optional(), reason: reason.optional() }),
  z.strictObject({ action: z.literal('set'), table: z.string(), legacyId: legacyId.optional(), rule: z.string().optional(), column: z.string(), value, reason }),
  z.strictObject({ action: z.literal('exclude'), table: z.string(), legacyId: legacyId.optional(), rule: z.string().optional(), reason }),
  z.strictObject({ action: z.literal('keep'), table: z.string(), legacyId, row: z.number().int().positive(), reason: reason.optional() }),
  z.strictObject({ action: z.literal('accept'), table: z.string(), legacyId: legacyId.optional(), rule: z.string().optional(), reason: reason.optional() }),
  z.strictObject({ action: z.literal('separate'), table: z.string(), legacyId, reason: reason.optional() }),
])
export type DecisionSpec = z.infer<typeof decisionSpec>

export const decisionsFile = z.strictObject({ decisions: z.array(z.unknown()) })

/** A decision checked against the contract: what the stored decision holds. */
export interface CheckedDecision {
  legacyTable: string
  action: DecisionAction
  /** null: every row of `rule` */
  legacyId: number | null
  rowNumber: number | null
  rule: RuleCode | null
  /** set: the target column */
  targetColumn: string | null
  /** set: the value as the decision states it (a reference: the legacy id or uuid it names) */
  value: string | number | boolean | null
  reason: string | null
}

export class DecisionError extends Error {}

/** The columns a decision may set: the contract's, but the keys, the legacy halves and jsonb. */
export function settableColumn(targetTable: string, column: string): ContractColumn | null {
  const table = requireContractTable(targetTable)
  const found = table.columns.find((c) => c.name === column)
  if (!found) return null
  if (['id', 'legacy_id'].includes(column) || found.type === 'jsonb') return null
  if (table.references.some((r) => r.legacyColumn === column)) return null // the legacy half keeps the source's word
  return found
}

/** The uuid half of a reference pair, with the table it points into; null for another column. */
export function referenceOf(targetTable: string, column: string): { table: string; legacyColumn: string } | null {
  const reference = requireContractTable(targetTable).references.find((r) => r.column === column)
  return reference ? { table: reference.table, legacyColumn: reference.legacyColumn } : null
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The value a set decision writes into the mapped row, as the mappings' own values are typed
 * (text and uuids strings, money decimal text, times Dates); a reference's uuid half is resolved
 * by the caller. Throws a DecisionError naming why the column refuses it.
 */
export function settableValue(column: ContractColumn, raw: string | number | boolean | null, where: string): string | number | boolean | Date | null {
  if (raw === null) {
    if (column.notNull) throw new DecisionError(`${where}: ${column.name} cannot be empty (the contract's column is NOT NULL)`)
    return null
  }
  const refuse = (why: string): never => {
    throw new DecisionError(`${where}: ${column.name} refuses ${JSON.stringify(raw)}: ${why}`)
  }
  switch (column.type) {
    case 'text': {
      if (typeof raw !== 'string') return refuse('it takes text')
      if (column.values && !column.values.includes(raw)) return refuse(`it takes one of ${column.values.join(', ')}`)
      return raw
    }
    case 'integer': {
      const n = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw
      if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < -2147483648 || n > 2147483647) return refuse('it takes a whole number')
      return n
    }
    case 'money': {
      const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : refuse('it takes an amount')
      const match = /^(-?)(\d{1,10})(?:\.(\d{1,2}))?$/.exec(text)
      if (!match) return refuse('it takes an amount of at most 10 digits and 2 decimals (numeric(12,2))')
      return `${match[1]}${match[2].replace(/^0+(?=\d)/, '')}.${(match[3] ?? '').padEnd(2, '0')}`
    }
    case 'boolean':
      if (typeof raw === 'boolean') return raw
      if (raw === 'true' || raw === 'false') return raw === 'true'
      return refuse('it takes true or false')
    case 'timestamptz': {
      if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.test(raw.trim())) {
        return refuse('it takes a time, 2016-03-04T10:00:00Z (UTC unless an offset is given)')
      }
      const text = raw.trim()
      const date = new Date(/[Zz]|[+-]\d{2}:?\d{2}$/.test(text) || text.length === 10 ? text : `${text.replace(' ', 'T')}Z`)
      if (Number.isNaN(date.getTime())) return refuse('it is not a real time')
      return date
    }
    case 'uuid':
      if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw > 0) return raw // a legacy id, resolved by the caller
      if (typeof raw === 'string' && UUID.test(raw)) return raw.toLowerCase()
      return refuse('it takes the legacy ID or the id (uuid) of an existing row')
    default:
      return refuse('a decision cannot set it')
  }
}

/** A decision of the file or the app, checked against the contract; throws DecisionError naming what is wrong. */
export function checkDecision(input: unknown, where: string): CheckedDecision {
  const parsed = decisionSpec.safeParse(input)
  if (!parsed.success) {
    throw new DecisionError(`${where}: ${parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')}`)
  }
  const spec = parsed.data
  const mapping = mappingFor(spec.table)
  if (!mapping) throw new DecisionError(`${where}: there is no legacy table ${JSON.stringify(spec.table)} (the migration maps UserTypes, Credentials, … Log)`)
  const rule = 'rule' in spec && spec.rule !== undefined ? spec.rule : null
  if (rule !== null && !isRuleCode(rule)) throw new DecisionError(`${where}: there is no rule ${JSON.stringify(rule)}`)
  const legacy = 'legacyId' in spec && spec.legacyId !== undefined ? spec.legacyId : null
  if (legacy === null && rule === null) throw new DecisionError(`${where}: name the row (legacyId) or the rule (rule) it is about`)
  if (spec.action === 'repair' && rule !== null && rule !== 'MOJIBAKE_SUSPECTED') {
    throw new DecisionError(`${where}: a repair applies the suggested repair of MOJIBAKE_SUSPECTED, not of ${rule}`)
  }
  if (spec.action === 'accept' && rule !== null && ruleSeverity(rule as RuleCode) !== 'warning') {
    throw new DecisionError(`${where}: ${rule} is an error (the row is rejected): only a warning can be accepted`)
  }
  if (spec.action === 'separate' && mapping.targetTable !== 'users') throw new DecisionError(`${where}: only a legacy user (Credentials) can be kept apart from an existing user`)
  let targetColumn: string | null = null
  let value: CheckedDecision['value'] = null
  if (spec.action === 'set') {
    const column = settableColumn(mapping.targetTable, spec.column)
    if (!column) {
      const known = requireContractTable(mapping.targetTable).columns.some((c) => c.name === spec.column)
      throw new DecisionError(
        `${where}: ${known ? `${mapping.targetTable}.${spec.column} cannot be set (a key, a legacy half, or jsonb)` : `${mapping.targetTable} has no column ${JSON.stringify(spec.column)}`}`,
      )
    }
    settableValue(column, spec.value, where) // refuses what the column does not take
    targetColumn = spec.column
    value = spec.value
  }
  return {
    legacyTable: spec.table,
    action: spec.action,
    legacyId: legacy,
    rowNumber: spec.action === 'keep' ? spec.row : null,
    rule: rule as RuleCode | null,
    targetColumn,
    value,
    reason: 'reason' in spec ? (spec.reason ?? null) : null,
  }
}

/** A stored decision as the decisions file states it (the app's export). */
export function toDecisionSpec(d: CheckedDecision): DecisionSpec {
  const base = { table: d.legacyTable, ...(d.legacyId !== null ? { legacyId: d.legacyId } : {}), ...(d.rule !== null && d.action !== 'keep' && d.action !== 'separate' ? { rule: d.rule } : {}) }
  const why = d.reason !== null ? { reason: d.reason } : {}
  switch (d.action) {
    case 'set':
      return { action: 'set', ...base, column: d.targetColumn!, value: d.value, reason: d.reason ?? '' }
    case 'exclude':
      return { action: 'exclude', ...base, reason: d.reason ?? '' }
    case 'keep':
      return { action: 'keep', table: d.legacyTable, legacyId: d.legacyId!, row: d.rowNumber!, ...why }
    case 'separate':
      return { action: 'separate', table: d.legacyTable, legacyId: d.legacyId!, ...why }
    default:
      return { action: d.action, ...base, ...why }
  }
}
