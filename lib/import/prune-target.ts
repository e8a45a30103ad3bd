// Pruning: the target rows an earlier import wrote that this run's dump no longer has, or that this
// run does not import (a row rejected or excluded since), are removed, so that after a cutover the
// target holds the final dump and nothing else. Only legacy rows are touched: rows without
// legacy_id are the new system's and stay; a user of the new system a legacy user was linked to
// is unlinked, not deleted. Tables go children first; a legacy row of another table that still
// refers to a pruned row loses the uuid half of that reference (its legacy half stays: an orphan,
// as the dump now says), and a row of the new system that refers to one keeps it from being
// pruned (it is listed instead). One transaction; audited.

import type { PoolClient } from 'pg'
import { stableUuid } from '@/lib/convert/stable-uuid'
import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { mappings } from '@/lib/mappings'
import { mappedTableName, quoteIdent, stagedTable } from '@/lib/staging/staging-names'
import { REFERENCES, targetTableOf } from '@/lib/reconcile/reconcile-specs'
import { lockForDefinitionChanges } from './deferred-indexes'
import { recordEvent } from './run-table-state'

export interface PrunedTable {
  legacyTable: string
  targetTable: string
  /** legacy rows whose ID is not in this run's dump */
  gone: number
  /** legacy rows whose ID is in the dump but that this run does not import (rejected, excluded) */
  withdrawn: number
  /** of those, users of the new system that were linked: unlinked, not deleted */
  unlinked: number
  /** rows kept because a row of the new system refers to them */
  keptReferenced: number
}

export interface PruneResult {
  tables: PrunedTable[]
  /** references from other legacy rows emptied (uuid half NULL, legacy half kept) */
  referencesEmptied: number
  dryRun: boolean
}

export interface PruneTargetOptions {
  db: DatabaseClients
  runId: string
  /** legacy tables to prune (default: every table this run imported) */
  tables?: readonly string[]
  /** count only: what would be removed (the confirmation) */
  dryRun?: boolean
  actor?: string | null
}

export async function pruneTarget(options: PruneTargetOptions): Promise<PruneResult> {
  const { db, runId } = options
  const run = await db.prisma.migrationRun.findUnique({ where: { id: runId }, include: { tables: true } })
  if (!run?.stagingSchema) throw new AppError('NOT_FOUND', 'This run has no staged dump')
  const schema = run.stagingSchema
  const imported = new Set(run.tables.filter((t) => t.state === 'imported').map((t) => t.legacyTable))
  const wanted = options.tables ? new Set(options.tables) : imported
  for (const t of wanted) {
    if (!imported.has(t)) throw new AppError('CONFLICT', `${t} is not imported in this run: only imported tables are pruned (their rows are what the target keeps)`)
  }
  // children first: a table after every table that refers to it
  const order = [...mappings].reverse().filter((m) => wanted.has(m.legacyTable))

  const client = await db.pool.connect()
  const result: PruneResult = { tables: [], referencesEmptied: 0, dryRun: options.dryRun === true }
  try {
    await client.query('BEGIN')
    if (!options.dryRun) {
      for (const m of order) await lockForDefinitionChanges(client, m.targetTable, [])
    }
    for (const mapping of order) {
      const pruned = await pruneTable(client, { runId, schema, legacyTable: mapping.legacyTable, targetTable: mapping.targetTable, dryRun: options.dryRun === true })
      result.tables.push(pruned.table)
      result.referencesEmptied += pruned.referencesEmptied
    }
    if (options.dryRun) {
      await client.query('ROLLBACK')
      return result
    }
    await recordEvent(client, { runId, legacyTable: null, type: 'target.pruned', actor: options.actor, data: { ...result } })
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}

async function pruneTable(
  client: PoolClient,
  { runId, schema, legacyTable, targetTable, dryRun }: { runId: string; schema: string; legacyTable: string; targetTable: string; dryRun: boolean },
): Promise<{ table: PrunedTable; referencesEmptied: number }> {
  const T = quoteIdent(targetTable)
  const mapped = stagedTable(schema, mappedTableName(targetTable))
  const staged = stagedTable(schema, legacyTable)
  // The rows to go: legacy rows this run does not import, with why and whether a legacy user was linked.
  await client.query(`CREATE TEMP TABLE IF NOT EXISTS prune_rows (id uuid PRIMARY KEY, legacy_id bigint, gone boolean, linked boolean) ON COMMIT DROP`)
  await client.query('TRUNCATE prune_rows')
  await client.query(
    `INSERT INTO prune_rows (id, legacy_id, gone, linked)
     SELECT t.id, t.legacy_id, NOT EXISTS (SELECT 1 FROM ${staged} s WHERE s._legacy_id = t.legacy_id), false
       FROM ${T} t
      WHERE t.legacy_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${mapped} m WHERE m.legacy_id = t.legacy_id)`,
  )
  if (targetTable === 'users') {
    // a row whose id is not the one derived from its legacy id was the new system's: linked, not made here
    const { rows } = await client.query<{ id: string; legacy_id: string }>('SELECT id::text, legacy_id::text FROM prune_rows')
    const linked = rows.filter((r) => r.id !== stableUuid(legacyTable, Number(r.legacy_id))).map((r) => r.id)
    if (linked.length > 0) await client.query('UPDATE prune_rows SET linked = true WHERE id = ANY($1::uuid[])', [linked])
  }
  // Rows of the new system that refer to a row to go keep it: the new system's data is never changed.
  const referencing = REFERENCES.filter((r) => r.kind === 'pair' && r.referencedLegacyTable === legacyTable).map((r) => ({
    legacyTable: r.legacyTable,
    table: targetTableOf(r.legacyTable),
    column: r.targetColumn,
    legacyColumn: r.legacyTargetColumn,
    sourceColumn: r.legacyColumn,
  }))
  let keptReferenced = 0
  for (const ref of referencing) {
    const kept = await client.query(
      `DELETE FROM prune_rows p WHERE NOT p.linked AND EXISTS (SELECT 1 FROM ${quoteIdent(ref.table)} x WHERE x.${quoteIdent(ref.column)} = p.id AND x.legacy_id IS NULL)`,
    )
    keptReferenced += kept.rowCount ?? 0
  }
  const counts = await client.query<{ gone: number; withdrawn: number; unlinked: number }>(
    `SELECT count(*) FILTER (WHERE gone AND NOT linked)::int AS gone, count(*) FILTER (WHERE NOT gone AND NOT linked)::int AS withdrawn,
            count(*) FILTER (WHERE linked)::int AS unlinked FROM prune_rows`,
  )
  let referencesEmptied = 0
  if (!dryRun) {
    for (const ref of referencing) {
      // emptied, and reported as the orphans they now are on the rows of this run that hold them
      const referencingMapped = stagedTable(schema, mappedTableName(ref.table))
      const hasMapped = (await client.query('SELECT to_regclass($1) AS t', [referencingMapped])).rows[0].t !== null
      const emptied = await client.query(
        `WITH emptied AS (
           UPDATE ${quoteIdent(ref.table)} x SET ${quoteIdent(ref.column)} = NULL FROM prune_rows p
            WHERE x.${quoteIdent(ref.column)} = p.id AND NOT p.linked AND x.legacy_id IS NOT NULL
           RETURNING x.legacy_id, x.${quoteIdent(ref.legacyColumn)} AS legacy_value)
         ${
           hasMapped
             ? `INSERT INTO migration_row_issues (run_id, legacy_table, legacy_id, row_number, column_name, severity, code, message, source_value)
                SELECT $1::uuid, $2, e.legacy_id, m._row, $3, 'warning', 'ORPHAN_REF',
                       $3 || ' ' || e.legacy_value || ' points at ' || $4 || ' row ' || e.legacy_value || ', which this run does not import (rejected, or excluded): ' || $5 || ' is left empty and ' || $6 || ' keeps ' || e.legacy_value || '.',
                       e.legacy_value::text
                  FROM emptied e JOIN ${referencingMapped} m ON m.legacy_id = e.legacy_id
                RETURNING 1`
             : 'SELECT 1 FROM emptied'
         }`,
        hasMapped ? [runId, ref.legacyTable, ref.sourceColumn, legacyTable, ref.column, ref.legacyColumn] : [],
      )
      referencesEmptied += emptied.rowCount ?? 0
    }
    await client.query(`DELETE FROM ${T} t USING prune_rows p WHERE t.id = p.id AND NOT p.linked`)
    if (targetTable === 'users') {
      await client.query(`UPDATE ${T} t SET legacy_id = NULL, legacy_role_id = NULL FROM prune_rows p WHERE t.id = p.id AND p.linked`)
    }
  }
  return { table: { legacyTable, targetTable, ...counts.rows[0], keptReferenced }, referencesEmptied }
}
