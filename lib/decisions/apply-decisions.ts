// What the operator's decisions make of one mapped row (pure): the row as it will be written — a
// value set, a double-encoded text repaired, nothing at all when the row is excluded — and its
// issues, each marked with the decision that answers it. The validation pass applies them to every
// row, so the preview, the import and the reconciliation all see the decided row.

import { snakeCase, type LegacyRow, type RowIssue } from '@/lib/mappings'
import { ruleSeverity, type RuleCode } from '@/lib/mappings/rule-codes'
import { removeNul } from '@/lib/convert/remove-nul'
import type { CheckedDecision } from './decision-spec'

/** A decision in force, with what it writes. */
export interface ActiveDecision extends CheckedDecision {
  id: string
  /** set: the value as the mapped row holds it (a text, a Date, money text; a reference resolved to its uuid) */
  mappedValue?: unknown
}

export type DecidedIssue = RowIssue & { decisionId?: string }

export interface DecidedRow {
  /** the row to write, or null (rejected, or excluded) */
  target: Record<string, unknown> | null
  issues: DecidedIssue[]
  /** target columns whose value a decision gave (the preview shows source and decided side by side) */
  decidedColumns: string[]
  /** the decisions that changed or answered something on this row */
  applied: string[]
  /** a `separate` decision: the row is not linked to an existing user */
  separate: boolean
}

/** The decisions of one table, indexed for the validation pass. */
export interface TableDecisions {
  byLegacyId: ReadonlyMap<number, readonly ActiveDecision[]>
  byRule: ReadonlyMap<RuleCode, readonly ActiveDecision[]>
  /** keep: legacy ID → the decision that says which row of it is imported */
  keep: ReadonlyMap<number, ActiveDecision>
  size: number
}

export const NO_DECISIONS: TableDecisions = { byLegacyId: new Map(), byRule: new Map(), keep: new Map(), size: 0 }

export function indexDecisions(decisions: readonly ActiveDecision[]): TableDecisions {
  const byLegacyId = new Map<number, ActiveDecision[]>()
  const byRule = new Map<RuleCode, ActiveDecision[]>()
  const keep = new Map<number, ActiveDecision>()
  for (const d of decisions) {
    if (d.action === 'keep') keep.set(d.legacyId!, d)
    else if (d.legacyId !== null) byLegacyId.set(d.legacyId, [...(byLegacyId.get(d.legacyId) ?? []), d])
    else byRule.set(d.rule!, [...(byRule.get(d.rule!) ?? []), d])
  }
  return { byLegacyId, byRule, keep, size: decisions.length }
}

/** The decisions that concern a row: its own, and those of the rules its issues report. */
export function decisionsForRow(decisions: TableDecisions, legacyId: number | null, issues: readonly RowIssue[]): ActiveDecision[] {
  if (decisions.size === 0) return []
  const out = legacyId === null ? [] : [...(decisions.byLegacyId.get(legacyId) ?? [])]
  if (decisions.byRule.size > 0) {
    const seen = new Set<RuleCode>()
    for (const issue of issues) {
      if (seen.has(issue.code)) continue
      seen.add(issue.code)
      out.push(...(decisions.byRule.get(issue.code) ?? []))
    }
  }
  return out
}

const ORDER: Record<string, number> = { exclude: 0, separate: 1, set: 2, repair: 3, accept: 4 }

/**
 * `mapped`: the mapping's row and issues; `raw`: the legacy row it came from (a repair finds the
 * target values that hold the double-encoded text). A decision that cannot apply (a set on a row
 * the mapping rejected) leaves the row as it is.
 */
export function applyDecisions(mapped: { target: Record<string, unknown> | null; issues: readonly RowIssue[] }, raw: LegacyRow, decisions: readonly ActiveDecision[]): DecidedRow {
  const issues: DecidedIssue[] = mapped.issues.map((i) => ({ ...i }))
  const result: DecidedRow = { target: mapped.target, issues, decidedColumns: [], applied: [], separate: false }
  if (decisions.length === 0) return result
  const mark = (decision: ActiveDecision, which: (issue: DecidedIssue) => boolean) => {
    for (const issue of issues) if (issue.decisionId === undefined && which(issue)) issue.decisionId = decision.id
  }
  const covers = (decision: ActiveDecision) => (issue: DecidedIssue) =>
    decision.rule !== null ? issue.code === decision.rule : decision.action === 'exclude' || issue.severity === 'warning'

  for (const decision of [...decisions].sort((a, b) => ORDER[a.action] - ORDER[b.action])) {
    switch (decision.action) {
      case 'exclude': {
        if (result.target === null) break // rejected already
        mark(decision, () => true)
        issues.push({
          severity: ruleSeverity('EXCLUDED'),
          code: 'EXCLUDED',
          column: null,
          message: `Excluded by the operator: ${decision.reason ?? 'no reason given'}. The row is not imported; rows that refer to it become orphans.`,
          decisionId: decision.id,
        })
        result.target = null
        result.decidedColumns = []
        result.applied.push(decision.id)
        return result
      }
      case 'separate':
        result.separate = true
        mark(decision, (i) => i.code === 'USER_LINKED')
        result.applied.push(decision.id)
        break
      case 'set': {
        if (result.target === null) break
        const field = camelField(decision.targetColumn!)
        result.target = { ...result.target, [field]: decision.mappedValue ?? null }
        if (!result.decidedColumns.includes(decision.targetColumn!)) result.decidedColumns.push(decision.targetColumn!)
        mark(decision, covers(decision))
        result.applied.push(decision.id)
        break
      }
      case 'repair': {
        if (result.target === null) break
        let repaired = false
        for (const issue of issues) {
          if (issue.code !== 'MOJIBAKE_SUSPECTED' || issue.repair === undefined || issue.column === null) continue
          const source = raw[issue.column]
          if (typeof source !== 'string') continue
          const text = removeNul(source)
          const next: Record<string, unknown> = { ...result.target }
          for (const [field, value] of Object.entries(next)) {
            if (value !== text) continue
            next[field] = issue.repair
            const column = snakeCase(field)
            if (!result.decidedColumns.includes(column)) result.decidedColumns.push(column)
            repaired = true
          }
          result.target = next
          if (issue.decisionId === undefined) issue.decisionId = decision.id
        }
        if (repaired) result.applied.push(decision.id)
        break
      }
      case 'accept':
        mark(decision, covers(decision))
        result.applied.push(decision.id)
        break
    }
  }
  return result
}

function camelField(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())
}
