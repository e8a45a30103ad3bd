// The decisions in force for one table of a run, as the validation pass applies them: each set
// value checked again by its column's rules and typed as the mapped row holds it, a reference's
// legacy id resolved to the id of its target row, and a keep decision tied to the row it chose.

import type { ClientBase, Pool } from 'pg'
import { stableUuid } from '@/lib/convert/stable-uuid'
import { mappingFor } from '@/lib/mappings'
import { isRuleCode, type RuleCode } from '@/lib/mappings/rule-codes'
import { quoteIdent } from '@/lib/staging/staging-names'
import { legacyTableOf } from '@/lib/target/target-contract'
import type { ActiveDecision } from './apply-decisions'
import { DecisionError, referenceOf, settableColumn, settableValue, type DecisionAction } from './decision-spec'
import { stagedRowFingerprints } from './staged-fingerprints'

export interface StoredDecision extends ActiveDecision {
  sourceFingerprint: string | null
}

interface DecisionRow {
  id: string
  action: DecisionAction
  legacy_id: number | null
  row_number: number | null
  rule: string | null
  target_column: string | null
  value: string | number | boolean | null
  reason: string | null
  source_fingerprint: string | null
}

/** The active decisions of a table (not undone, not stale), oldest first: a later one wins where two set the same column. */
export async function loadTableDecisions(db: Pool | ClientBase, runId: string, legacyTable: string): Promise<StoredDecision[]> {
  const mapping = mappingFor(legacyTable)
  if (!mapping) return []
  const { rows } = await db.query<DecisionRow>(
    `SELECT id, action, legacy_id, row_number, rule, target_column, value, reason, source_fingerprint
       FROM migration_decisions WHERE run_id = $1 AND legacy_table = $2 AND status = 'active' ORDER BY created_at, id`,
    [runId, legacyTable],
  )
  const decisions: StoredDecision[] = []
  for (const row of rows) {
    const decision: StoredDecision = {
      id: row.id,
      legacyTable,
      action: row.action,
      legacyId: row.legacy_id,
      rowNumber: row.row_number,
      rule: row.rule !== null && isRuleCode(row.rule) ? (row.rule as RuleCode) : null,
      targetColumn: row.target_column,
      value: row.value,
      reason: row.reason,
      sourceFingerprint: row.source_fingerprint,
    }
    if (decision.action === 'set') decision.mappedValue = await mappedValueOf(db, mapping.targetTable, decision)
    decisions.push(decision)
  }
  return decisions
}

/**
 * The value a set decision writes into the mapped row. A reference's uuid half is named by the
 * legacy id of the referenced row (its target row's id: the derived one, or that of an existing
 * row of the new system it was linked to) or by a uuid, which must be a row of the target.
 */
export async function mappedValueOf(db: Pool | ClientBase, targetTable: string, decision: Pick<ActiveDecision, 'targetColumn' | 'value'>): Promise<unknown> {
  const column = settableColumn(targetTable, decision.targetColumn!)
  if (!column) throw new DecisionError(`${targetTable}.${decision.targetColumn} cannot be set`)
  const value = settableValue(column, decision.value, `${targetTable}.${decision.targetColumn}`)
  const reference = referenceOf(targetTable, column.name)
  if (!reference || value === null) return value
  if (typeof value === 'number') {
    const { rows } = await db.query<{ id: string }>(`SELECT id::text FROM ${quoteIdent(reference.table)} WHERE legacy_id = $1`, [value])
    if (rows.length > 0) return rows[0].id
    return stableUuid(legacyTableOf(reference.table), value)
  }
  const { rows } = await db.query(`SELECT 1 FROM ${quoteIdent(reference.table)} WHERE id = $1`, [value])
  if (rows.length === 0) throw new DecisionError(`${reference.table} has no row with id ${value}`)
  return value
}

/**
 * Which row of each repeated ID a keep decision imports, in this run's dump: the row whose source
 * values are those the decision was made on (a later dump numbers its rows differently), or, for a
 * decision without them (the decisions file), the row number it names. A keep whose row is not
 * there is stale: the first row of the ID is imported, as without a decision.
 */
export async function resolveKeeps(
  db: Pool | ClientBase,
  stagingSchema: string,
  legacyTable: string,
  keeps: readonly StoredDecision[],
): Promise<{ kept: Map<number, { rowNumber: number; decision: StoredDecision }>; stale: { decision: StoredDecision; reason: string }[] }> {
  const kept = new Map<number, { rowNumber: number; decision: StoredDecision }>()
  const stale: { decision: StoredDecision; reason: string }[] = []
  if (keeps.length === 0) return { kept, stale }
  const rows = await stagedRowFingerprints(db, stagingSchema, legacyTable, keeps.map((k) => k.legacyId!))
  for (const decision of keeps) {
    const candidates = rows.filter((r) => r.legacyId === decision.legacyId)
    const match = decision.sourceFingerprint
      ? candidates.find((r) => r.fingerprint === decision.sourceFingerprint)
      : candidates.find((r) => r.rowNumber === decision.rowNumber)
    if (candidates.length < 2) stale.push({ decision, reason: `ID ${decision.legacyId} is no longer repeated in this dump` })
    else if (!match) stale.push({ decision, reason: `none of the rows with ID ${decision.legacyId} has the source values of the row that was kept` })
    else kept.set(decision.legacyId!, { rowNumber: match.rowNumber, decision })
  }
  return { kept, stale }
}
