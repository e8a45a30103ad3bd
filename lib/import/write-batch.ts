// One batch of an import, written by one of two methods, committed together with its checkpoint
// (the resume cursor in migration_run_tables) and its ORPHAN_REF issues: after a crash the target
// holds exactly the committed batches, and the cursor says where they end.
//
// - 'insert-select': one INSERT … SELECT … ON CONFLICT (legacy_id) DO UPDATE from the mapped table,
//   run on the pool connection holding the table lock; the rows never leave PostgreSQL.
// - 'copy': the rows leave through COPY … TO STDOUT and come back through COPY … FROM STDIN on the
//   same pool (pg-copy-streams); rows already in the target are refreshed by an UPDATE first.
// Rows linked to an existing row of the new system (users) get their legacy id first, either way.
// bench/import.ts measures both; importTable uses the faster by default. (Prisma's createMany was
// a third, 20–70 times slower, measured while the target tables were Prisma models; they are not
// any more: the backend's own tables cannot be models of this app.)

import { pipeline } from 'node:stream/promises'
import type { PoolClient } from 'pg'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'
import type { DatabaseClients } from '@/lib/db/prisma'
import { ALL_ROWS, type ImportStatements, type RowRange } from './import-sql'
import type { ResumeCursor } from './run-table-state'

export const IMPORT_METHODS = ['insert-select', 'copy'] as const
export type ImportMethod = (typeof IMPORT_METHODS)[number]

export interface BatchTarget {
  db: DatabaseClients
  /** the connection holding the table lock */
  client: PoolClient
  runId: string
  legacyTable: string
  statements: ImportStatements
}

export interface BatchCheckpoint {
  batch: number
  /** rows of this run in the target once this batch is committed */
  rowsImported: number
  /** ORPHAN_REF issues written by the import before this batch */
  orphansBefore: number
}

// Merged into the cursor: what beginImport put there besides the position (deferred indexes) stays.
const CHECKPOINT = `UPDATE migration_run_tables
    SET last_committed_batch = $3, resume_cursor = coalesce(resume_cursor, '{}'::jsonb) || $4::jsonb, rows_imported = $5, updated_at = now()
  WHERE run_id = $1::uuid AND legacy_table = $2`

function checkpointParams(target: BatchTarget, range: RowRange, checkpoint: BatchCheckpoint, orphans: number): unknown[] {
  const cursor: ResumeCursor = { afterRow: range.lastRow, orphansNulled: checkpoint.orphansBefore + orphans }
  return [target.runId, target.legacyTable, checkpoint.batch, JSON.stringify(cursor), checkpoint.rowsImported]
}

/** Writes rows `range` of the mapped table and commits them with the checkpoint; returns the orphans NULLed. */
export async function writeBatch(method: ImportMethod, target: BatchTarget, range: RowRange, checkpoint: BatchCheckpoint): Promise<number> {
  const { client, statements } = target
  await client.query('BEGIN')
  try {
    if (statements.linkExisting) await client.query(statements.linkExisting(range))
    if (method === 'insert-select') {
      await client.query(statements.upsert(range))
    } else {
      await client.query(statements.updateExisting(range))
      await copyNewRows(target, range)
    }
    const orphans = statements.orphanIssues ? ((await client.query(statements.orphanIssues(range), [target.runId, target.legacyTable])).rowCount ?? 0) : 0
    await client.query(CHECKPOINT, checkpointParams(target, range, checkpoint, orphans))
    await client.query('COMMIT')
    return orphans
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

/**
 * A bulk load: every mapped row in one transaction — the rows linked to the new system's users,
 * one INSERT … SELECT of all the others, their orphans reported by one statement — committed with
 * its checkpoint. `truncate`: the table is empty and this load defers its keys (no other table
 * refers to it meanwhile); TRUNCATE in the same transaction lets PostgreSQL (wal_level=minimal)
 * write the rows without WAL. A crash leaves nothing: the next import loads it again.
 */
export async function writeAll(target: BatchTarget, options: { truncate: boolean; lastRow: number; rows: number }): Promise<number> {
  const { client, statements } = target
  await client.query('BEGIN')
  try {
    if (options.truncate) await client.query(`TRUNCATE ${statements.target}`)
    if (statements.linkExisting) await client.query(statements.linkExisting(ALL_ROWS))
    await client.query(statements.insertAll)
    const orphans = statements.orphanIssues ? ((await client.query(statements.orphanIssues(ALL_ROWS), [target.runId, target.legacyTable])).rowCount ?? 0) : 0
    await client.query(CHECKPOINT, checkpointParams(target, { afterRow: 0, lastRow: options.lastRow }, { batch: 1, rowsImported: options.rows, orphansBefore: 0 }, orphans))
    await client.query('COMMIT')
    return orphans
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

/** COPY out of the mapped table (reader connection) piped into COPY into the target (the lock's). */
async function copyNewRows(target: BatchTarget, range: RowRange): Promise<void> {
  const reader = await target.db.pool.connect()
  try {
    await pipeline(reader.query(copyTo(`COPY (${target.statements.selectNew(range)}) TO STDOUT`)), target.client.query(copyFrom(target.statements.copyIn)))
    reader.release()
  } catch (error) {
    reader.release(true) // may be mid-COPY
    throw error
  }
}
