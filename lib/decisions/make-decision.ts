// One decision of the operator, from the app: checked (contract, then dump), stored, its rows
// validated again at once, what it changed recorded with it (before → after), and audited. Undone
// the same way: marked undone (never deleted), its rows validated again.

import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { recordEvent } from '@/lib/import/run-table-state'
import { mappingFor } from '@/lib/mappings'
import type { RuleCode } from '@/lib/mappings/rule-codes'
import { MAPPED_DECIDED, mappedTableName, quoteIdent, stagedTable, STAGING_ROW } from '@/lib/staging/staging-names'
import { revalidateRows } from '@/lib/validate/revalidate-rows'
import { checkDecision, DecisionError, type CheckedDecision } from './decision-spec'
import { recordDecisions } from './record-decisions'

export interface DecisionEffect {
  legacyId: number | null
  rowNumber: number
  /** a target column, or '(row)' when the row is imported or not */
  column: string
  before: string | null
  after: string | null
}

/** How many rows' changes a decision keeps to show (its `rows` counts them all). */
const EFFECT_ROWS = 20

export interface MakeDecisionResult {
  id: string
  rows: number
  effect: DecisionEffect[]
}

export async function makeDecision({ db, runId, input, actor = null }: { db: DatabaseClients; runId: string; input: unknown; actor?: string | null }): Promise<MakeDecisionResult> {
  let decision: CheckedDecision
  try {
    decision = checkDecision(input, 'The decision')
  } catch (error) {
    if (error instanceof DecisionError) throw new AppError('INVALID_INPUT', error.message)
    throw error
  }
  const scope = await scopeOf(db, runId, decision)
  const before = await snapshot(db, scope)
  const [id] = await recordDecisions({ db, runId, decisions: [decision], actor })
  try {
    await revalidateRows({ db, runId, legacyTable: decision.legacyTable, legacyIds: scope.legacyIds, rules: scope.rules })
  } catch (error) {
    // it never took effect: it is not kept
    await db.pool.query('DELETE FROM migration_decisions WHERE id = $1', [id])
    throw error
  }
  const effect = diff(before, await snapshot(db, scope))
  const { rows } = await db.pool.query<{ rows: number; status: string; stale_reason: string | null }>(
    'UPDATE migration_decisions SET effect = $2::jsonb WHERE id = $1 RETURNING rows, status, stale_reason',
    [id, JSON.stringify(effect)],
  )
  await recordEvent(db.pool, { runId, legacyTable: decision.legacyTable, type: 'decision.made', actor, data: { id, ...decision, rows: rows[0].rows } })
  return { id, rows: rows[0].rows, effect }
}

export async function undoDecision({ db, runId, decisionId, actor = null }: { db: DatabaseClients; runId: string; decisionId: string; actor?: string | null }): Promise<{ rows: number }> {
  const found = await db.prisma.migrationDecision.findFirst({ where: { id: decisionId, runId } })
  if (!found) throw new AppError('NOT_FOUND', 'There is no such decision in this run')
  if (found.status === 'undone') throw new AppError('CONFLICT', 'This decision is undone already')
  await db.prisma.migrationDecision.update({ where: { id: decisionId }, data: { status: 'undone', undoneBy: actor, undoneAt: new Date() } })
  const result = await revalidateRows({
    db,
    runId,
    legacyTable: found.legacyTable,
    legacyIds: found.legacyId === null ? [] : [found.legacyId],
    rules: found.legacyId === null && found.rule ? [found.rule as RuleCode] : [],
  })
  await recordEvent(db.pool, { runId, legacyTable: found.legacyTable, type: 'decision.undone', actor, data: { id: decisionId, action: found.action } })
  return result
}

interface DecisionScope {
  runId: string
  legacyTable: string
  mappedTable: string
  stagedTable: string
  legacyIds: number[]
  rules: RuleCode[]
}

/** The rows a decision concerns, after checking that the table is validated and that a set has a row to set. */
async function scopeOf(db: DatabaseClients, runId: string, decision: CheckedDecision): Promise<DecisionScope> {
  const run = await db.prisma.migrationRun.findUnique({ where: { id: runId }, select: { stagingSchema: true } })
  if (!run?.stagingSchema) throw new AppError('NOT_FOUND', 'This run has no staged dump')
  const mapping = mappingFor(decision.legacyTable)!
  const mappedTable = stagedTable(run.stagingSchema, mappedTableName(mapping.targetTable))
  const exists = await db.pool.query('SELECT to_regclass($1) AS t', [mappedTable])
  if (!exists.rows[0].t) throw new AppError('CONFLICT', `${decision.legacyTable} is not validated yet: decisions are about validated rows`)
  if (decision.legacyId !== null && (decision.action === 'set' || decision.action === 'repair')) {
    const { rows } = await db.pool.query(`SELECT 1 FROM ${mappedTable} WHERE legacy_id = $1`, [decision.legacyId])
    if (rows.length === 0) {
      throw new AppError('CONFLICT', `Row ${decision.legacyId} of ${decision.legacyTable} is rejected: a decision can ${decision.action} the values of a row that is imported (a rejected row can be excluded, or another row of its ID kept)`)
    }
  }
  return {
    runId,
    legacyTable: decision.legacyTable,
    mappedTable,
    stagedTable: stagedTable(run.stagingSchema, decision.legacyTable),
    legacyIds: decision.legacyId === null ? [] : [decision.legacyId],
    rules: decision.legacyId === null && decision.rule ? [decision.rule] : [],
  }
}

type Snapshot = Map<number, { legacyId: number | null; values: Record<string, string | null> | null }>

/** The concerned rows as mapped now (the first EFFECT_ROWS; a row absent: not imported). */
async function snapshot(db: DatabaseClients, scope: DecisionScope): Promise<Snapshot> {
  const { rows } = await db.pool.query<{ row: string; legacy_id: string | null; mapped: Record<string, unknown> | null }>(
    `SELECT s._row::text AS row, s._legacy_id::text AS legacy_id, to_jsonb(m) - '${STAGING_ROW}' - '${MAPPED_DECIDED}' - '_decisions' - '_link_id' AS mapped
       FROM ${scope.stagedTable} s LEFT JOIN ${scope.mappedTable} m ON m.${quoteIdent(STAGING_ROW)} = s._row
      WHERE s._legacy_id = ANY($1::bigint[])
         OR s._row IN (SELECT row_number FROM migration_row_issues WHERE run_id = $4 AND legacy_table = $2 AND code = ANY($3::text[]) AND row_number IS NOT NULL)
      ORDER BY s._row LIMIT ${EFFECT_ROWS}`,
    [scope.legacyIds, scope.legacyTable, scope.rules, scope.runId],
  )
  const out: Snapshot = new Map()
  for (const r of rows) {
    const values = r.mapped === null ? null : Object.fromEntries(Object.entries(r.mapped).map(([k, v]) => [k, v === null ? null : typeof v === 'string' ? v : JSON.stringify(v)]))
    out.set(Number(r.row), { legacyId: r.legacy_id === null ? null : Number(r.legacy_id), values })
  }
  return out
}

function diff(before: Snapshot, after: Snapshot): DecisionEffect[] {
  const out: DecisionEffect[] = []
  for (const [rowNumber, was] of before) {
    const now = after.get(rowNumber)
    if (!now) continue
    if ((was.values === null) !== (now.values === null)) {
      out.push({ legacyId: was.legacyId, rowNumber, column: '(row)', before: was.values === null ? 'not imported' : 'imported', after: now.values === null ? 'not imported' : 'imported' })
      continue
    }
    if (!was.values || !now.values) continue
    for (const [column, value] of Object.entries(now.values)) {
      if (was.values[column] !== value) out.push({ legacyId: was.legacyId, rowNumber, column, before: was.values[column] ?? null, after: value })
    }
  }
  return out
}
