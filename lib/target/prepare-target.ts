// Preparing the target: what the contract needs and the target's tables lack, added — the
// missing tables, then the `legacy_id` columns, the halves of reference pairs and the other
// contract columns, their unique keys and indexes, and the foreign keys of the columns it adds:
// what the migration plan's phase 1 does by hand with ALTER TABLE … ADD COLUMN. Nothing is ever
// dropped, renamed or narrowed; what only a person can resolve (a varchar too short, a column of
// the backend's own that is NOT NULL without a default) stays a blocking finding.
//
// The same statements can be written as a migration file instead, for the backend's own migration
// tool to apply (then the backend owns the change; the import checks the result as usual).

import type { Pool } from 'pg'
import { AppError } from '@/lib/errors'
import { recordEvent } from '@/lib/import/run-table-state'
import { checkTarget, type TargetCheck } from './check-target'
import { preparationStatements } from './evaluate-target'

export interface PrepareTargetOptions {
  pool: Pool
  targetSchema: string
  /** the run whose mapped rows are measured (and whose audit trail gets the event); optional */
  runId?: string | null
  stagingSchema?: string | null
  /** who asked, for the audit trail */
  actor?: string | null
}

export interface PrepareTargetResult {
  /** the statements run, in order (none when the target lacked nothing that can be added) */
  statements: string[]
  /** target tables created */
  createdTables: string[]
  /** the target check after preparing */
  after: TargetCheck
}

/** The statements preparing the target would run now (for the confirmation, and for a migration file). */
export async function planTargetPreparation(options: Omit<PrepareTargetOptions, 'actor'>): Promise<{ check: TargetCheck; statements: string[] }> {
  const check = await checkTarget({ db: options.pool, schema: options.targetSchema, stagingSchema: options.stagingSchema })
  return { check, statements: preparationStatements(check.findings) }
}

/**
 * Runs the preparation in one transaction (all of it or nothing), records the tables it created
 * as the app's, and writes a `target.prepared` audit event with every statement.
 * `expected`: the statements the operator confirmed; when the target changed since (another
 * preparation, the backend's own migration), nothing is run and the refusal says so.
 */
export async function prepareTarget(options: PrepareTargetOptions & { expected?: readonly string[] }): Promise<PrepareTargetResult> {
  const { pool, targetSchema } = options
  const { check, statements } = await planTargetPreparation(options)
  if (options.expected && !sameStatements(options.expected, statements)) {
    throw new AppError('CONFLICT', 'The target changed since these statements were shown: look at them again before preparing.')
  }
  const createdTables = check.absentTables
  if (statements.length > 0) {
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      // One preparation at a time, and none while an import changes a table's definition.
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('ordermys-migrate:table-definitions'))`)
      for (const statement of statements) await client.query(statement)
      if (createdTables.length > 0) {
        await client.query(
          `INSERT INTO migration_target_tables (table_name, created_by) SELECT unnest($1::text[]), $2 ON CONFLICT (table_name) DO NOTHING`,
          [createdTables, options.actor ?? null],
        )
      }
      await recordEvent(client, {
        runId: options.runId ?? null,
        legacyTable: null,
        type: 'target.prepared',
        actor: options.actor,
        data: { schema: targetSchema, statements, createdTables },
      })
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw new AppError('INTERNAL', `Preparing the target failed, nothing was changed: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      client.release()
    }
  }
  const after = await checkTarget({ db: pool, schema: targetSchema, stagingSchema: options.stagingSchema })
  return { statements, createdTables, after }
}

function sameStatements(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i])
}

/**
 * The statements as a migration file for the backend's own migration tool: plain SQL in one
 * transaction, with a header that says where it came from.
 */
export function renderTargetMigration(statements: readonly string[], options: { targetSchema: string; generatedAt: Date }): string {
  const header = [
    '-- Prepares the target tables for the ordermys-migrate import (lib/legacy/TARGET-SCHEMA.md):',
    `-- adds what the contract needs and schema "${options.targetSchema}" lacks. Nothing is dropped,`,
    '-- renamed or narrowed. Written by ordermys-migrate ' + options.generatedAt.toISOString() + '.',
    '',
  ]
  if (statements.length === 0) return [...header, '-- The target lacks nothing that can be added.', ''].join('\n')
  return [...header, 'BEGIN;', '', ...statements.map((s) => `${s}\n`), 'COMMIT;', ''].join('\n')
}
