// The target check: every contract table against the target schema, with what a run's mapped rows
// need of it measured where the table's own definition makes it matter (a varchar's length, a
// NOT NULL the contract does not have, an enumeration's labels). Shown on the run overview before
// the first import, printed by `npm run migrate -- --check-target`, and asked again by every
// import of an existing table, which is refused while a finding blocks it.

import type { ClientBase, Pool } from 'pg'
import { AppError } from '@/lib/errors'
import { mappedTableName, quoteIdent, stagedTable } from '@/lib/staging/staging-names'
import { evaluateTargetTable, type ColumnNeeds, type TableNeeds, type TargetFinding } from './evaluate-target'
import { inspectTarget, type ExistingTable } from './inspect-target'
import { contractTable, TARGET_TABLES, type ContractTable } from './target-contract'

export interface TargetCheck {
  schema: string
  findings: TargetFinding[]
  /** contract tables absent from the target schema */
  absentTables: string[]
  /** true when some finding blocks an import */
  blocking: boolean
}

export interface CheckTargetOptions {
  db: Pool | ClientBase
  /** the target schema */
  schema: string
  /** the run's staging schema: its mapped rows are measured where a column's definition makes it matter */
  stagingSchema?: string | null
  /** only these target tables (default: all 21) */
  tables?: readonly string[]
}

export async function checkTarget(options: CheckTargetOptions): Promise<TargetCheck> {
  const { db, schema } = options
  const contract = options.tables ? options.tables.map((t) => contractTable(t)!).filter(Boolean) : [...TARGET_TABLES]
  // Every contract table is inspected (a reference's table may lie outside `tables`).
  const existing = await inspectTarget(db, schema)
  const absent = new Set(TARGET_TABLES.filter((t) => !existing.has(t.name)).map((t) => t.name))
  const referenceable = new Set([...absent, ...[...existing.values()].filter(hasUuidKey).map((t) => t.name)])
  const findings: TargetFinding[] = []
  for (const table of contract) {
    const present = existing.get(table.name)
    const needs = present && options.stagingSchema ? await measureNeeds(db, options.stagingSchema, table, present) : undefined
    findings.push(...evaluateTargetTable(table, present, { schema, needs, absentTables: absent, referenceableTables: referenceable }))
  }
  return {
    schema,
    findings,
    absentTables: contract.filter((t) => absent.has(t.name)).map((t) => t.name),
    blocking: findings.some((f) => f.severity === 'blocking'),
  }
}

function hasUuidKey(table: ExistingTable): boolean {
  return table.uniqueColumns.has('id') && table.columns.some((c) => c.name === 'id' && c.dataType === 'uuid')
}

/**
 * What the run's mapped rows of `table` need of the columns whose definition limits them, in one
 * scan; undefined when the table has no mapped rows yet (not validated) or nothing to measure.
 */
export async function measureNeeds(db: Pool | ClientBase, stagingSchema: string, table: ContractTable, existing: ExistingTable): Promise<TableNeeds | undefined> {
  const mapped = stagedTable(stagingSchema, mappedTableName(table.name))
  const exists = await db.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [mapped])
  if (!exists.rows[0].t) return undefined
  const byName = new Map(existing.columns.map((c) => [c.name, c]))
  const selects: string[] = []
  const params: string[][] = []
  const readers: ((row: Record<string, unknown>, needs: Map<string, ColumnNeeds>) => void)[] = []
  table.columns.forEach((column, i) => {
    const present = byName.get(column.name)
    if (!present) return
    const c = quoteIdent(column.name)
    const needs = (all: Map<string, ColumnNeeds>) => all.get(column.name) ?? all.set(column.name, {}).get(column.name)!
    if (column.type === 'text' && (present.maxLength !== null || present.enumLabels)) {
      selects.push(`max(char_length(${c}))::int AS len_${i}`)
      readers.push((row, all) => void (needs(all).maxLength = (row[`len_${i}`] as number | null) ?? 0))
    }
    if (column.type === 'text' && present.enumLabels) {
      params.push(present.enumLabels)
      const labels = `$${params.length}::text[]`
      selects.push(`(SELECT array_agg(DISTINCT v) FROM (SELECT ${c} AS v FROM ${mapped} WHERE ${c} IS NOT NULL AND ${c} <> ALL(${labels}) LIMIT 1000) x)::text[] AS labels_${i}`)
      readers.push((row, all) => void (needs(all).unknownLabels = ((row[`labels_${i}`] as string[] | null) ?? []).slice(0, 10)))
    }
    if (present.notNull && !column.notNull) {
      selects.push(`count(*) FILTER (WHERE ${c} IS NULL)::int AS nulls_${i}`)
      readers.push((row, all) => void (needs(all).nulls = row[`nulls_${i}`] as number))
    }
  })
  if (selects.length === 0) return undefined
  const { rows } = await db.query(`SELECT ${selects.join(', ')} FROM ${mapped}`, params)
  const needs = new Map<string, ColumnNeeds>()
  for (const read of readers) read(rows[0], needs)
  return needs
}

/**
 * The target table can take the run's rows: no finding of the target check blocks it (a column
 * missing, too narrow, NOT NULL where the dump has no value, …). Refused with the findings otherwise.
 */
export async function assertTargetTableReady(db: Pool | ClientBase, options: { schema: string; stagingSchema: string; table: string }): Promise<void> {
  const check = await checkTarget({ db, schema: options.schema, stagingSchema: options.stagingSchema, tables: [options.table] })
  const blocking = check.findings.filter((f) => f.severity === 'blocking')
  if (blocking.length === 0) return
  throw new AppError(
    'CONFLICT',
    `${options.table} cannot take the rows as it is: ${blocking.map((f) => `${f.column ?? 'the table'}: needs ${f.needs}, has ${f.found}`).join('; ')}. ` +
      'Prepare the target (run overview, or --prepare-target), or change the table by hand.',
    { targetTable: options.table, findings: blocking },
  )
}
