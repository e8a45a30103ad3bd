import type { Pool, PoolClient } from 'pg'
import { AppError } from '@/lib/errors'
import { recordRefusal } from './run-table-state'

// One import or roll-back of a target table at a time, across processes and runs: a session-level
// PostgreSQL advisory lock on (namespace, target table), held by a connection of the pool for the
// whole operation. A crashed process (kill -9) loses its connection and with it the lock, so
// nothing has to be cleaned up by hand; a flag in a table or in memory would have to be.

/** First key of the two-key advisory lock: hashtext of this text (keeps clear of other users' locks). */
const LOCK_NAMESPACE = 'ordermys-migrate:table'

export interface TableLock {
  /** the connection holding the lock; the operation runs its statements on it */
  client: PoolClient
  /** unlocks and returns the connection (destroys it after an error, `broken`) */
  release(broken?: boolean): Promise<void>
}

export type LockAttempt = { locked: true; lock: TableLock } | { locked: false; holderPid: number | null }

/** Tries to lock `targetTable`; never waits. */
export async function tryLockTable(pool: Pool, targetTable: string): Promise<LockAttempt> {
  const client = await pool.connect()
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS locked', [
      LOCK_NAMESPACE,
      targetTable,
    ])
    if (!rows[0].locked) {
      const holder = await client.query<{ pid: number }>(
        `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2
            AND classid = hashtext($1)::oid AND objid = hashtext($2)::oid LIMIT 1`,
        [LOCK_NAMESPACE, targetTable],
      )
      client.release()
      return { locked: false, holderPid: holder.rows[0]?.pid ?? null }
    }
  } catch (error) {
    client.release(true)
    throw error
  }
  let released = false
  return {
    locked: true,
    lock: {
      client,
      async release(broken = false) {
        if (released) return
        released = true
        if (broken) {
          // Closing the connection ends the session, and the session's locks with it.
          client.release(true)
          return
        }
        try {
          await client.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [LOCK_NAMESPACE, targetTable])
          client.release()
        } catch {
          client.release(true)
        }
      },
    },
  }
}

export interface LockTableOptions {
  runId: string
  legacyTable: string
  targetTable: string
  actor?: string | null
  /** the audit entry of a refusal */
  refusedEvent: 'table.import_refused' | 'table.rollback_refused' | 'table.validation_refused'
}

/**
 * Locks the table for an import or roll-back; when another session holds it, records the refusal
 * and throws it (CONFLICT, naming the PostgreSQL process that holds it).
 */
export async function lockTable(pool: Pool, options: LockTableOptions): Promise<TableLock> {
  const attempt = await tryLockTable(pool, options.targetTable)
  if (attempt.locked) return attempt.lock
  const { runId, legacyTable, targetTable, actor } = options
  const refusal = new AppError(
    'CONFLICT',
    `${legacyTable} (${targetTable}) is being imported or rolled back by another session` +
      `${attempt.holderPid === null ? '' : ` (PostgreSQL process ${attempt.holderPid})`}; try again when it has finished.`,
    { legacyTable, holderPid: attempt.holderPid },
  )
  await recordRefusal(pool, { runId, legacyTable, type: options.refusedEvent, actor }, refusal)
  throw refusal
}
