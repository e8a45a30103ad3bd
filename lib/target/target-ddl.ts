// The SQL that makes the contract's target tables, or adds a part of one to an existing table
// (pure: names in, statements out). Types and names are those the project's Prisma migrations
// wrote before the target tables left them, so a database made by either is the same.

import { quoteIdent } from '@/lib/staging/staging-names'
import type { ContractColumn, ContractReference, ContractTable, ContractType } from './target-contract'

const SQL_TYPE: Record<ContractType, string> = {
  uuid: 'UUID',
  integer: 'INTEGER',
  text: 'TEXT',
  money: 'DECIMAL(12,2)',
  boolean: 'BOOLEAN',
  timestamptz: 'TIMESTAMPTZ(6)',
  jsonb: 'JSONB',
}

export function sqlType(type: ContractType): string {
  return SQL_TYPE[type]
}

/** `"schema"."table"` */
export function qualified(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`
}

function columnDefinition(column: ContractColumn, { notNull }: { notNull: boolean }): string {
  const parts = [quoteIdent(column.name), SQL_TYPE[column.type]]
  if (notNull && column.notNull) parts.push('NOT NULL')
  if (column.default !== null) parts.push(`DEFAULT ${column.default}`)
  return parts.join(' ')
}

export function uniqueIndexName(table: string, columns: readonly string[]): string {
  return `${table}_${columns.join('_')}_key`
}

export function indexName(table: string, columns: readonly string[]): string {
  return `${table}_${columns.join('_')}_idx`
}

export function foreignKeyName(table: string, column: string): string {
  return `${table}_${column}_fkey`
}

function columnList(columns: readonly string[]): string {
  return columns.map(quoteIdent).join(', ')
}

export function createUniqueIndexSql(schema: string, table: string, columns: readonly string[]): string {
  return `CREATE UNIQUE INDEX ${quoteIdent(uniqueIndexName(table, columns))} ON ${qualified(schema, table)}(${columnList(columns)});`
}

export function createIndexSql(schema: string, table: string, columns: readonly string[]): string {
  return `CREATE INDEX ${quoteIdent(indexName(table, columns))} ON ${qualified(schema, table)}(${columnList(columns)});`
}

export function addForeignKeySql(schema: string, table: string, reference: ContractReference): string {
  return (
    `ALTER TABLE ${qualified(schema, table)} ADD CONSTRAINT ${quoteIdent(foreignKeyName(table, reference.column))} ` +
    `FOREIGN KEY (${quoteIdent(reference.column)}) REFERENCES ${qualified(schema, reference.table)}("id") ON DELETE RESTRICT ON UPDATE CASCADE;`
  )
}

/**
 * A contract column added to an existing table: always nullable (the table holds rows of the new
 * system, which have no value for it; the import fills it for the legacy rows), with its default.
 */
export function addColumnSql(schema: string, table: string, column: ContractColumn): string {
  return `ALTER TABLE ${qualified(schema, table)} ADD COLUMN ${columnDefinition(column, { notNull: false })};`
}

/** Every index of a table besides its primary key: legacy_id, other unique keys, both halves of each pair, the rest. */
export function indexStatements(schema: string, table: ContractTable): string[] {
  return [
    createUniqueIndexSql(schema, table.name, ['legacy_id']),
    ...table.unique.map((columns) => createUniqueIndexSql(schema, table.name, columns)),
    ...table.references.flatMap((r) => [createIndexSql(schema, table.name, [r.column]), createIndexSql(schema, table.name, [r.legacyColumn])]),
    ...table.indexes.map((columns) => createIndexSql(schema, table.name, columns)),
  ]
}

/** CREATE TABLE with its primary key and indexes (foreign keys apart: the tables they reference may come later). */
export function createTableStatements(schema: string, table: ContractTable): string[] {
  const body = [...table.columns.map((c) => `    ${columnDefinition(c, { notNull: true })}`), `    CONSTRAINT ${quoteIdent(`${table.name}_pkey`)} PRIMARY KEY ("id")`]
  return [`CREATE TABLE ${qualified(schema, table.name)} (\n${body.join(',\n')}\n);`, ...indexStatements(schema, table)]
}

/** The statements that create `tables` (in the order given), then their foreign keys. */
export function createTablesScript(schema: string, tables: readonly ContractTable[]): string[] {
  return [
    ...tables.flatMap((t) => createTableStatements(schema, t)),
    ...tables.flatMap((t) => t.references.map((r) => addForeignKeySql(schema, t.name, r))),
  ]
}
