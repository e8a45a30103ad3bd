// The run's per-table bookkeeping (migration_run_tables) and audit trail (migration_events), read
// and written with SQL on the connection that holds the table lock, so that a state change, a
// batch and its checkpoint, and the audit entry commit together.

import type { ClientBase, Pool } from 'pg'
import type { AppError } from '@/lib/errors'
import type { TableState } from './check-dependencies'
import type { DeferredDefinition } from './deferred-indexes'

export interface RunTableRow extends TableState {
  legacyTable: string
  targetTable: string | null
  rowsStaged: number
  lastCommittedBatch: number | null
  resumeCursor: ResumeCursor | null
}

/** Where an interrupted import goes on: after `_row` afterRow, with these counts so far. */
export interface ResumeCursor {
  afterRow: number
  orphansNulled: number
  /** indexes and foreign keys a bulk load dropped, to restore when it ends (deferred-indexes.ts) */
  deferred?: DeferredDefinition[]
}

/**
 * The run's table states, locked (FOR UPDATE) until the transaction ends: imports and roll-backs
 * of one run decide on a consistent picture (a table cannot be rolled back between a dependent's
 * dependency check and its change to 'importing').
 */
export async function lockRunTables(client: ClientBase, runId: string): Promise<Map<string, RunTableRow>> {
  const { rows } = await client.query<{
    legacy_table: string
    target_table: string | null
    state: string
    rows_staged: number
    rows_imported: number
    last_committed_batch: number | null
    resume_cursor: ResumeCursor | null
  }>(
    `SELECT legacy_table, target_table, state, rows_staged, rows_imported, last_committed_batch, resume_cursor
       FROM migration_run_tables WHERE run_id = $1 ORDER BY legacy_table FOR UPDATE`,
    [runId],
  )
  return new Map(
    rows.map((r) => [
      r.legacy_table,
      {
        legacyTable: r.legacy_table,
        targetTable: r.target_table,
        state: r.state,
        rowsStaged: r.rows_staged,
        rowsImported: r.rows_imported,
        lastCommittedBatch: r.last_committed_batch,
        resumeCursor: r.resume_cursor,
      },
    ]),
  )
}

/**
 * One table's state and resume cursor, without locking its row: what an import or roll-back decides
 * before it locks the tables whose definitions it changes (it holds the table's own lock already).
 */
export async function readRunTable(client: ClientBase, runId: string, legacyTable: string): Promise<Pick<RunTableRow, 'state' | 'resumeCursor'> | null> {
  const { rows } = await client.query<{ state: string; resume_cursor: ResumeCursor | null }>(
    'SELECT state, resume_cursor FROM migration_run_tables WHERE run_id = $1 AND legacy_table = $2',
    [runId, legacyTable],
  )
  return rows[0] ? { state: rows[0].state, resumeCursor: rows[0].resume_cursor } : null
}

/** An import that crashed or failed after committed batches: the next import continues after them. */
export function isResumable(table: Pick<RunTableRow, 'state' | 'resumeCursor'>): boolean {
  return (table.state === 'importing' || table.state === 'failed') && table.resumeCursor !== null
}

/** Sets counts_by_rule, warning_count and error_count from the issues as they now are. */
export async function refreshIssueCounts(client: ClientBase | Pool, runId: string, legacyTable: string): Promise<void> {
  await client.query(
    `WITH counts AS (
       SELECT code, severity, count(*)::int AS n FROM migration_row_issues
        WHERE run_id = $1 AND legacy_table = $2 GROUP BY code, severity)
     UPDATE migration_run_tables SET
       counts_by_rule = coalesce((SELECT jsonb_object_agg(code, n) FROM (SELECT code, sum(n)::int AS n FROM counts GROUP BY code) c), '{}'::jsonb),
       warning_count = coalesce((SELECT sum(n)::int FROM counts WHERE severity = 'warning'), 0),
       error_count = coalesce((SELECT sum(n)::int FROM counts WHERE severity = 'error'), 0)
     WHERE run_id = $1 AND legacy_table = $2`,
    [runId, legacyTable],
  )
}

export type ImportEventType =
  | 'table.import_started'
  | 'table.imported'
  | 'table.import_failed'
  | 'table.import_refused'
  | 'table.rolled_back'
  | 'table.rollback_refused'
  | 'table.validation_refused'
  | 'target.prepared'
  | 'target.pruned'
  | 'decision.made'
  | 'decision.undone'
  | 'decisions.taken_over'

export interface ImportEvent {
  runId: string | null
  legacyTable: string | null
  type: ImportEventType
  actor?: string | null
  data: Record<string, unknown>
}

/** One audit entry (migration_events); inside the caller's transaction when there is one. */
export async function recordEvent(client: ClientBase | Pool, event: ImportEvent): Promise<void> {
  await client.query('INSERT INTO migration_events (run_id, legacy_table, type, actor, data) VALUES ($1, $2, $3, $4, $5::jsonb)', [
    event.runId,
    event.legacyTable,
    event.type,
    event.actor ?? null,
    JSON.stringify(event.data),
  ])
}

/** The audit entry of a refused import or roll-back: nothing else changed. */
export async function recordRefusal(client: ClientBase | Pool, event: Omit<ImportEvent, 'data'>, refusal: AppError): Promise<void> {
  await recordEvent(client, { ...event, data: { code: refusal.code, reason: refusal.message, ...refusal.details } })
}
