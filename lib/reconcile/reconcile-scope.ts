// What the collectors need to know about one run's database: where its staging tables are, which
// of them (and of the mapped__ tables validation wrote) exist, and their columns. Loaded once.

import type { Pool, QueryResult, QueryResultRow } from 'pg'
import { mappedTableName } from '@/lib/staging/staging-names'
import { quoteIdent, stagedTable } from '@/lib/staging/staging-names'
import { castGuardFor, sourceSql, type SourceSql } from './source-sql'

export interface ReconcileScope {
  pool: Pool
  runId: string
  schema: string
  /** columns of each table of the staging schema (staged legacy tables and mapped__ tables) */
  stagingColumns: ReadonlyMap<string, ReadonlyMap<string, string>>
  /** columns (name → information_schema data_type) of each target table, in table order */
  targetColumns: ReadonlyMap<string, ReadonlyMap<string, string>>
  /** how many example legacy ids a check lists */
  exampleLimit: number
  /** the source readings, with the cheapest cast guard this server has */
  sql: SourceSql
  /** how rows are hashed for the row-hash comparison */
  rowHash: RowHashMethod
}

/**
 * 'typed': hash_record_extended over the typed row (64 bits, no text: four to five times cheaper);
 * 'md5': md5 over a canonical text of the row, the same text on any server (portable).
 */
export type RowHashMethod = 'typed' | 'md5'

export async function loadReconcileScope(
  pool: Pool,
  runId: string,
  schema: string,
  options: { exampleLimit: number; rowHash: RowHashMethod; targetSchema: string },
): Promise<ReconcileScope> {
  const version = await pool.query<{ v: string }>(`select current_setting('server_version_num') as v`)
  const columns = await pool.query<{ table_schema: string; table_name: string; column_name: string; data_type: string }>(
    `select table_schema, table_name, column_name, data_type from information_schema.columns
      where table_schema in ($1, $2) order by table_schema, table_name, ordinal_position`,
    [schema, options.targetSchema],
  )
  const stagingColumns = new Map<string, Map<string, string>>()
  const targetColumns = new Map<string, Map<string, string>>()
  for (const row of columns.rows) {
    const into = row.table_schema === schema ? stagingColumns : targetColumns
    let table = into.get(row.table_name)
    if (!table) into.set(row.table_name, (table = new Map()))
    table.set(row.column_name, row.data_type)
  }
  const serverVersion = Number(version.rows[0].v)
  return {
    pool,
    runId,
    schema,
    stagingColumns,
    targetColumns,
    exampleLimit: options.exampleLimit,
    // records are hashable from PostgreSQL 14 on; before, only the md5 of their text is available
    rowHash: serverVersion < 140000 ? 'md5' : options.rowHash,
    sql: sourceSql(castGuardFor(serverVersion)),
  }
}

export function hasStaged(scope: ReconcileScope, legacyTable: string): boolean {
  return scope.stagingColumns.has(legacyTable)
}

export function hasMapped(scope: ReconcileScope, targetTable: string): boolean {
  return scope.stagingColumns.has(mappedTableName(targetTable))
}

export function stagedRef(scope: ReconcileScope, legacyTable: string): string {
  return stagedTable(scope.schema, legacyTable)
}

export function mappedRef(scope: ReconcileScope, targetTable: string): string {
  return stagedTable(scope.schema, mappedTableName(targetTable))
}

/**
 * A staged legacy column as SQL text through `alias`; a column the dump lacks (schema drift) reads
 * as NULL, as the mapping sees it. Binary columns are never legacy contract columns; should one be,
 * its bytes are read as escaped text.
 */
export function stagedColumn(scope: ReconcileScope, legacyTable: string, alias: string, column: string): string {
  const type = scope.stagingColumns.get(legacyTable)?.get(column)
  if (type === undefined) return 'NULL::text'
  const ref = `${alias}.${quoteIdent(column)}`
  return type === 'bytea' ? `encode(${ref}, 'escape')` : ref
}

export const toCount = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value))
export const toIds = (value: unknown): number[] => (Array.isArray(value) ? value.map(Number) : [])

/** Memory for the reconciliation's joins and aggregates (the server default, 4 MB, spills to disk). */
export const RECONCILE_WORK_MEM = '64MB'

/**
 * Runs one read-only query with the reconciliation's settings, on a connection of its own:
 * work_mem for hash joins of 600 000 rows without batches, and — for the grouped passes, whose
 * handful of groups the planner cannot foresee (it expects one per row and sorts them all) —
 * hash aggregation instead of a sort.
 */
export async function reconcileQuery<R extends QueryResultRow = QueryResultRow>(
  scope: Pick<ReconcileScope, 'pool'>,
  text: string,
  params: unknown[] = [],
  options: { hashAggregate?: boolean } = {},
): Promise<QueryResult<R>> {
  const client = await scope.pool.connect()
  try {
    await client.query('BEGIN READ ONLY')
    await client.query(`select set_config('work_mem', $1, true), set_config('enable_sort', $2, true)`, [RECONCILE_WORK_MEM, options.hashAggregate ? 'off' : 'on'])
    const result = await client.query<R>(text, params)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}
