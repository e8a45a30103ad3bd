// One batch of an import, written by one of three methods, committed together with its checkpoint
// (the resume cursor in migration_run_tables) and its ORPHAN_REF issues: after a crash the target
// holds exactly the committed batches, and the cursor says where they end.
//
// - 'insert-select': one INSERT … SELECT … ON CONFLICT (legacy_id) DO UPDATE from the mapped table,
//   run on the pool connection holding the table lock; the rows never leave PostgreSQL.
// - 'copy': the rows leave through COPY … TO STDOUT and come back through COPY … FROM STDIN on the
//   same pool (pg-copy-streams); rows already in the target are refreshed by an UPDATE first.
// - 'create-many': the rows are read with pg and written by Prisma's createMany in an interactive
//   transaction (Prisma's adapter uses the same pool); existing rows are refreshed as for COPY.
// bench/import.ts measures the three; importTable uses the fastest by default.

import { pipeline } from 'node:stream/promises'
import type { PoolClient } from 'pg'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'
import type { DatabaseClients } from '@/lib/db/prisma'
import { Prisma } from '@/lib/generated/prisma/client'
import type { TargetColumn } from '@/lib/validate/target-columns'
import type { ImportStatements, RowRange } from './import-sql'
import type { ResumeCursor } from './run-table-state'

export const IMPORT_METHODS = ['insert-select', 'copy', 'create-many'] as const
export type ImportMethod = (typeof IMPORT_METHODS)[number]

export interface BatchTarget {
  db: DatabaseClients
  /** the connection holding the table lock */
  client: PoolClient
  runId: string
  legacyTable: string
  statements: ImportStatements
  columns: readonly TargetColumn[]
  /** Prisma model of the target table ('Order') */
  model: string
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
  if (method === 'create-many') return writeWithCreateMany(target, range, checkpoint)
  const { client, statements } = target
  await client.query('BEGIN')
  try {
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

type CreateManyDelegate = { createMany(args: { data: Record<string, unknown>[]; skipDuplicates?: boolean }): Promise<{ count: number }> }

async function writeWithCreateMany(target: BatchTarget, range: RowRange, checkpoint: BatchCheckpoint): Promise<number> {
  const { statements } = target
  // Read outside the transaction: the table lock keeps anyone else from writing these rows.
  const { rows } = await target.db.pool.query<Record<string, unknown>>(statements.selectNew(range))
  const data = rows.map((row) => toCreateInput(row, target.columns))
  const delegateName = target.model.charAt(0).toLowerCase() + target.model.slice(1)
  return target.db.prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(statements.updateExisting(range))
      const delegate = (tx as unknown as Record<string, CreateManyDelegate>)[delegateName]
      if (data.length > 0) await delegate.createMany({ data, skipDuplicates: true })
      const orphans = statements.orphanIssues ? await tx.$executeRawUnsafe(statements.orphanIssues(range), target.runId, target.legacyTable) : 0
      await tx.$executeRawUnsafe(CHECKPOINT, ...checkpointParams(target, range, checkpoint, orphans))
      return orphans
    },
    { timeout: 300_000, maxWait: 30_000 },
  )
}

/** A row as pg reads it (numeric as text, jsonb parsed, timestamptz as Date) → createMany input. */
export function toCreateInput(row: Record<string, unknown>, columns: readonly TargetColumn[]): Record<string, unknown> {
  const data: Record<string, unknown> = {}
  for (const column of columns) {
    const value = row[column.name]
    // A nullable Json field takes Prisma.DbNull for SQL NULL (a plain null is refused).
    data[column.field] = value === null && (column.dataType === 'jsonb' || column.dataType === 'json') ? Prisma.DbNull : value
  }
  return data
}
