// Rehearsal → cutover: a run takes over the decisions of an earlier run. Each is copied (who made
// it and why stay theirs; the audit trail says who took them over), and the tables they concern are
// validated again: a decision about a row applies only where the row's source values are still
// those it was made on — otherwise it is stale, listed for review, and not applied. A decision
// about every row of a rule applies to the rows of that rule in the new dump.

import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { recordEvent } from '@/lib/import/run-table-state'
import { mappings } from '@/lib/mappings'
import { isRuleCode, type RuleCode } from '@/lib/mappings/rule-codes'
import { validateTable } from '@/lib/validate/validate-table'
import type { CheckedDecision, DecisionAction } from './decision-spec'
import { recordDecisions } from './record-decisions'

export interface TakeOverResult {
  taken: number
  /** the taken decisions that do not hold in this run's dump */
  stale: { id: string; legacyTable: string; legacyId: number | null; action: string; reason: string }[]
  tables: string[]
}

export async function takeOverDecisions({
  db,
  runId,
  fromRunId,
  actor = null,
  onTable,
}: {
  db: DatabaseClients
  runId: string
  fromRunId: string
  actor?: string | null
  onTable?: (legacyTable: string) => void
}): Promise<TakeOverResult> {
  if (runId === fromRunId) throw new AppError('INVALID_INPUT', 'A run takes over the decisions of another run')
  const already = await db.prisma.migrationDecision.count({ where: { runId, takenFrom: { not: null }, status: { not: 'undone' } } })
  if (already > 0) throw new AppError('CONFLICT', 'This run has taken over decisions already: undo them first to take over another run’s')
  const earlier = await db.prisma.migrationDecision.findMany({ where: { runId: fromRunId, status: 'active' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
  if (earlier.length === 0) throw new AppError('NOT_FOUND', 'The earlier run has no decision in force to take over')
  const states = new Map((await db.prisma.migrationRunTable.findMany({ where: { runId } })).map((s) => [s.legacyTable, s]))
  const usable = earlier.filter((d) => {
    const s = states.get(d.legacyTable)
    return s !== undefined && s.state !== 'missing'
  })
  const decisions: CheckedDecision[] = usable.map((d) => ({
    legacyTable: d.legacyTable,
    action: d.action as DecisionAction,
    legacyId: d.legacyId,
    rowNumber: d.rowNumber,
    rule: d.rule !== null && isRuleCode(d.rule) ? (d.rule as RuleCode) : null,
    targetColumn: d.targetColumn,
    value: d.value as CheckedDecision['value'],
    reason: d.reason,
  }))
  await recordDecisions({ db, runId, decisions, takenFrom: usable.map((d) => ({ id: d.id, sourceFingerprint: d.sourceFingerprint, createdBy: d.createdBy })) })
  await recordEvent(db.pool, { runId, legacyTable: null, type: 'decisions.taken_over', actor, data: { fromRunId, decisions: usable.length } })

  // Validated again, in dependency order: each pass applies what holds and marks the rest stale.
  const tables = mappings.map((m) => m.legacyTable).filter((t) => usable.some((d) => d.legacyTable === t) && states.get(t)?.state !== 'staged')
  for (const legacyTable of tables) {
    onTable?.(legacyTable)
    await validateTable({ db, runId, legacyTable, importTime: states.get(legacyTable)?.importTime ?? undefined })
  }
  const stale = await db.prisma.migrationDecision.findMany({ where: { runId, status: 'stale', takenFrom: { not: null } }, orderBy: { createdAt: 'asc' } })
  return {
    taken: usable.length,
    stale: stale.map((d) => ({ id: d.id, legacyTable: d.legacyTable, legacyId: d.legacyId, action: d.action, reason: d.staleReason ?? '' })),
    tables,
  }
}
