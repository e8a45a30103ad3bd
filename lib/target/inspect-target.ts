// What the target schema holds of the contract's tables, read from the catalog in a few queries:
// each table's columns with their types, nullability and defaults, which columns have a unique
// index of their own, which are indexed, and the foreign keys. check-target.ts judges it.

import type { ClientBase, Pool } from 'pg'
import { TARGET_TABLES } from './target-contract'

export interface ExistingColumn {
  name: string
  /** information_schema data_type: `uuid`, `integer`, `character varying`, `numeric`, … */
  dataType: string
  /** as PostgreSQL writes the type: `character varying(100)`, `numeric(12,2)` */
  formattedType: string
  /** varchar(n) / char(n): n */
  maxLength: number | null
  /** numeric(p,s): p and s; both null for an unconstrained numeric */
  precision: number | null
  scale: number | null
  notNull: boolean
  hasDefault: boolean
  /** GENERATED ALWAYS (identity or stored expression): a value cannot be written into it */
  generatedAlways: boolean
  /** an enum type's labels (a text column of the contract may be one), else null */
  enumLabels: string[] | null
}

export interface ExistingForeignKey {
  name: string
  column: string
  referencedTable: string
  referencedColumn: string
}

export interface ExistingTable {
  name: string
  /** in table order */
  columns: ExistingColumn[]
  /** columns with a unique index or constraint of their own (no predicate, no expression) */
  uniqueColumns: Set<string>
  /** columns that lead some index */
  indexedColumns: Set<string>
  /** unique keys of several columns, as column lists */
  uniqueKeys: string[][]
  /** single-column foreign keys */
  foreignKeys: ExistingForeignKey[]
  /** rows whose legacy_id is NULL or that have no legacy_id column: the new system's own rows (null: not counted) */
  rows?: { total: number; withoutLegacyId: number }
}

/** The contract's tables that exist in `schema`, by name. */
export async function inspectTarget(db: Pool | ClientBase, schema: string, names: readonly string[] = TARGET_TABLES.map((t) => t.name)): Promise<Map<string, ExistingTable>> {
  const tables = new Map<string, ExistingTable>()
  const columns = await db.query<{
    table_name: string
    column_name: string
    data_type: string
    formatted: string
    character_maximum_length: number | null
    numeric_precision: number | null
    numeric_scale: number | null
    not_null: boolean
    has_default: boolean
    generated_always: boolean
    enum_labels: string[] | null
  }>(
    `SELECT c.relname AS table_name, a.attname AS column_name,
            CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, NULL) ELSE ic.data_type END AS data_type,
            format_type(a.atttypid, a.atttypmod) AS formatted,
            ic.character_maximum_length::int, ic.numeric_precision::int, ic.numeric_scale::int,
            a.attnotnull AS not_null, a.atthasdef AS has_default,
            (a.attidentity = 'a' OR a.attgenerated = 's') AS generated_always,
            CASE WHEN t.typtype = 'e' THEN array(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) END AS enum_labels
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       JOIN pg_type t ON t.oid = a.atttypid
       JOIN information_schema.columns ic ON ic.table_schema = n.nspname AND ic.table_name = c.relname AND ic.column_name = a.attname
      WHERE n.nspname = $1 AND c.relname = ANY($2::text[]) AND c.relkind IN ('r', 'p')
      ORDER BY c.relname, a.attnum`,
    [schema, names],
  )
  for (const r of columns.rows) {
    let table = tables.get(r.table_name)
    if (!table) {
      table = { name: r.table_name, columns: [], uniqueColumns: new Set(), indexedColumns: new Set(), uniqueKeys: [], foreignKeys: [] }
      tables.set(r.table_name, table)
    }
    table.columns.push({
      name: r.column_name,
      dataType: r.data_type,
      formattedType: r.formatted,
      maxLength: r.character_maximum_length,
      precision: r.numeric_precision,
      scale: r.numeric_scale,
      notNull: r.not_null,
      hasDefault: r.has_default,
      generatedAlways: r.generated_always,
      enumLabels: r.enum_labels,
    })
  }
  if (tables.size === 0) return tables

  const indexes = await db.query<{ table_name: string; columns: string[]; unique: boolean; plain: boolean }>(
    `SELECT t.relname AS table_name, x.indisunique AS unique, (x.indpred IS NULL AND x.indexprs IS NULL) AS plain,
            array(SELECT a.attname FROM unnest(x.indkey[0:x.indnkeyatts - 1]) WITH ORDINALITY k(attnum, i)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.i)::text[] AS columns
       FROM pg_index x
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = $1 AND t.relname = ANY($2::text[])`,
    [schema, [...tables.keys()]],
  )
  for (const r of indexes.rows) {
    const table = tables.get(r.table_name)!
    if (r.columns.length > 0) table.indexedColumns.add(r.columns[0])
    if (!r.unique || !r.plain) continue
    if (r.columns.length === 1) table.uniqueColumns.add(r.columns[0])
    else table.uniqueKeys.push(r.columns)
  }

  const keys = await db.query<{ table_name: string; name: string; column_name: string; referenced_table: string; referenced_column: string }>(
    `SELECT t.relname AS table_name, k.conname AS name, a.attname AS column_name, rt.relname AS referenced_table, ra.attname AS referenced_column
       FROM pg_constraint k
       JOIN pg_class t ON t.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_class rt ON rt.oid = k.confrelid
       JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
       JOIN pg_attribute ra ON ra.attrelid = k.confrelid AND ra.attnum = k.confkey[1]
      WHERE k.contype = 'f' AND cardinality(k.conkey) = 1 AND n.nspname = $1 AND t.relname = ANY($2::text[])`,
    [schema, [...tables.keys()]],
  )
  for (const r of keys.rows) {
    tables.get(r.table_name)!.foreignKeys.push({ name: r.name, column: r.column_name, referencedTable: r.referenced_table, referencedColumn: r.referenced_column })
  }
  return tables
}
