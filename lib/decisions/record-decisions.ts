// Decisions into a run: checked against the contract (decision-spec.ts) and against the run's dump
// (the row they name is there, the repeated ID's row exists, a reference's uuid names a target
// row), then stored with what the operator saw: the digest of the row's source values, so that a
// later run takes a decision over only while its row is unchanged. All of them, or none: a file of
// decisions with one bad entry is refused whole, naming the entry and why.

import { readFile } from 'node:fs/promises'
import type { PoolClient } from 'pg'
import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { recordEvent } from '@/lib/import/run-table-state'
import { mappingFor } from '@/lib/mappings'
import { stagedTable } from '@/lib/staging/staging-names'
import { checkDecision, decisionsFile, DecisionError, type CheckedDecision } from './decision-spec'
import { mappedValueOf } from './load-table-decisions'
import { stagedRowFingerprints } from './staged-fingerprints'

/** The decisions of a decisions file, checked against the contract; the first problems named with their place. */
export async function readDecisionsFile(file: string): Promise<CheckedDecision[]> {
  let json: unknown
  try {
    json = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new DecisionError(`${file} is not a decisions file: ${error instanceof Error ? error.message : String(error)}`)
  }
  const parsed = decisionsFile.safeParse(json)
  if (!parsed.success) throw new DecisionError(`${file} is not a decisions file: it is {"decisions": [ … ]}`)
  return checkDecisions(parsed.data.decisions)
}

/** Every decision checked; all problems at once, each with its place ("decision 3 (Orders 231)"). */
export function checkDecisions(inputs: readonly unknown[]): CheckedDecision[] {
  const problems: string[] = []
  const checked: CheckedDecision[] = []
  inputs.forEach((input, i) => {
    try {
      checked.push(checkDecision(input, describeEntry(input, i)))
    } catch (error) {
      if (!(error instanceof DecisionError)) throw error
      problems.push(error.message)
    }
  })
  if (problems.length > 0) throw new DecisionError(problems.join('\n'))
  return checked
}

function describeEntry(input: unknown, index: number): string {
  const entry = (input ?? {}) as { table?: unknown; legacyId?: unknown; rule?: unknown }
  const what = [entry.table, entry.legacyId ?? entry.rule].filter((x) => typeof x === 'string' || typeof x === 'number').join(' ')
  return `decision ${index + 1}${what ? ` (${what})` : ''}`
}

export interface RecordDecisionsOptions {
  db: DatabaseClients
  runId: string
  decisions: readonly CheckedDecision[]
  actor?: string | null
  /** the decision of an earlier run each one was taken over from (same order), with its source digest */
  takenFrom?: readonly { id: string; sourceFingerprint: string | null; createdBy: string | null }[]
}

/** Stores the decisions (after checking them against the run's dump); returns their ids, in order. */
export async function recordDecisions(options: RecordDecisionsOptions): Promise<string[]> {
  const { db, runId, decisions } = options
  const run = await db.prisma.migrationRun.findUnique({ where: { id: runId }, select: { stagingSchema: true } })
  if (!run?.stagingSchema) throw new AppError('CONFLICT', 'This run has no staged dump: decisions are about its rows')
  const client = await db.pool.connect()
  try {
    await client.query('BEGIN')
    const problems: string[] = []
    const ids: string[] = []
    for (const [i, decision] of decisions.entries()) {
      const where = `decision ${i + 1} (${decision.legacyTable} ${decision.legacyId ?? decision.rule})`
      try {
        const fingerprint = options.takenFrom ? options.takenFrom[i].sourceFingerprint : await checkAgainstDump(client, run.stagingSchema, decision, where)
        const { rows } = await client.query<{ id: string }>(
          `INSERT INTO migration_decisions (run_id, legacy_table, action, legacy_id, row_number, rule, target_column, value, reason, source_fingerprint, taken_from, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12) RETURNING id`,
          [
            runId,
            decision.legacyTable,
            decision.action,
            decision.legacyId,
            decision.rowNumber,
            decision.rule,
            decision.targetColumn,
            decision.action === 'set' ? JSON.stringify(decision.value) : null,
            decision.reason,
            fingerprint,
            options.takenFrom?.[i].id ?? null,
            options.takenFrom?.[i].createdBy ?? options.actor ?? null,
          ],
        )
        ids.push(rows[0].id)
      } catch (error) {
        if (!(error instanceof DecisionError)) throw error
        problems.push(error.message)
      }
    }
    if (problems.length > 0) throw new DecisionError(problems.join('\n'))
    await client.query('COMMIT')
    return ids
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    if (error instanceof DecisionError) throw new AppError('INVALID_INPUT', error.message)
    throw error
  } finally {
    client.release()
  }
}

/** The row a decision names is in the dump; returns the digest of its source values (null for a rule). */
async function checkAgainstDump(client: PoolClient, stagingSchema: string, decision: CheckedDecision, where: string): Promise<string | null> {
  const mapping = mappingFor(decision.legacyTable)!
  const exists = await client.query('SELECT to_regclass($1) AS t', [stagedTable(stagingSchema, decision.legacyTable)])
  if (!exists.rows[0].t) throw new DecisionError(`${where}: the dump has no table ${decision.legacyTable}`)
  if (decision.action === 'set') await mappedValueOf(client, mapping.targetTable, decision).catch((error: unknown) => {
    throw error instanceof DecisionError ? new DecisionError(`${where}: ${error.message}`) : error
  })
  if (decision.legacyId === null) return null
  const rows = await stagedRowFingerprints(client, stagingSchema, decision.legacyTable, [decision.legacyId])
  if (rows.length === 0) throw new DecisionError(`${where}: ${decision.legacyTable} has no row with ID ${decision.legacyId} in this dump`)
  if (decision.action === 'keep') {
    const kept = rows.find((r) => r.rowNumber === decision.rowNumber)
    if (rows.length < 2) throw new DecisionError(`${where}: ID ${decision.legacyId} is not repeated in ${decision.legacyTable}: there is nothing to choose`)
    if (!kept) throw new DecisionError(`${where}: row ${decision.rowNumber} of ${decision.legacyTable} does not have ID ${decision.legacyId} (rows ${rows.map((r) => r.rowNumber).join(', ')} do)`)
    return kept.fingerprint
  }
  return rows[0].fingerprint
}

/** Audit entry of decisions recorded by the command line (the app's actions audit their own). */
export async function auditDecisions(db: DatabaseClients, runId: string, ids: readonly string[], actor: string | null, source: string): Promise<void> {
  await recordEvent(db.pool, { runId, legacyTable: null, type: 'decision.made', actor, data: { source, decisions: ids } })
}
