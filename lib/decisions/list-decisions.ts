import type { DatabaseClients } from '@/lib/db/prisma'
import { isRuleCode, type RuleCode } from '@/lib/mappings/rule-codes'
import { toDecisionSpec, type CheckedDecision, type DecisionAction, type DecisionSpec } from './decision-spec'
import type { DecisionEffect } from './make-decision'

export interface DecisionListItem {
  id: string
  legacyTable: string
  action: DecisionAction
  legacyId: number | null
  rowNumber: number | null
  rule: RuleCode | null
  targetColumn: string | null
  value: unknown
  reason: string | null
  rows: number
  status: 'active' | 'stale' | 'undone'
  staleReason: string | null
  effect: DecisionEffect[]
  createdBy: string | null
  createdAt: string
  undoneBy: string | null
  undoneAt: string | null
  takenFrom: string | null
}

/** A run's decisions, newest first (undone ones too: the audit of what was decided). */
export async function listDecisions({ db, runId, legacyTable }: { db: DatabaseClients; runId: string; legacyTable?: string }): Promise<DecisionListItem[]> {
  const rows = await db.prisma.migrationDecision.findMany({
    where: { runId, ...(legacyTable ? { legacyTable } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  })
  return rows.map((d) => ({
    id: d.id,
    legacyTable: d.legacyTable,
    action: d.action as DecisionAction,
    legacyId: d.legacyId,
    rowNumber: d.rowNumber,
    rule: d.rule !== null && isRuleCode(d.rule) ? d.rule : null,
    targetColumn: d.targetColumn,
    value: d.value,
    reason: d.reason,
    rows: d.rows,
    status: d.status as DecisionListItem['status'],
    staleReason: d.staleReason,
    effect: (d.effect as DecisionEffect[] | null) ?? [],
    createdBy: d.createdBy,
    createdAt: d.createdAt.toISOString(),
    undoneBy: d.undoneBy,
    undoneAt: d.undoneAt?.toISOString() ?? null,
    takenFrom: d.takenFrom,
  }))
}

/** The decisions in force, in the decisions file's format (`npm run migrate -- --decisions FILE` takes it). */
export async function exportDecisions({ db, runId }: { db: DatabaseClients; runId: string }): Promise<{ decisions: DecisionSpec[] }> {
  const active = (await listDecisions({ db, runId })).filter((d) => d.status === 'active').reverse()
  return {
    decisions: active.map((d) =>
      toDecisionSpec({
        legacyTable: d.legacyTable,
        action: d.action,
        legacyId: d.legacyId,
        rowNumber: d.rowNumber,
        rule: d.rule,
        targetColumn: d.targetColumn,
        value: d.value as CheckedDecision['value'],
        reason: d.reason,
      }),
    ),
  }
}
