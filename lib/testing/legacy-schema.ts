// The legacy contract (lib/legacy/ordermys-schema.sql) as data for test support: table names,
// column names and types, and each CREATE TABLE as `SHOW CREATE TABLE` (and so mariadb-dump)
// prints it. Reads the repository copy, so it works wherever CI clones the repository.

import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const LEGACY_SCHEMA_PATH = fileURLToPath(new URL('../legacy/ordermys-schema.sql', import.meta.url))

/** The 21 legacy tables, in the order of the schema file (parents before children). */
export const LEGACY_TABLES = [
  'UserTypes',
  'Credentials',
  'Brands',
  'Factories',
  'FactoryEmployees',
  'Fitters',
  'Customers',
  'Saddles',
  'LeatherTypes',
  'SaddleLeathers',
  'Options',
  'OptionsItems',
  'SaddleOptionsItems',
  'Presets',
  'PresetsItems',
  'Statuses',
  'Orders',
  'OrdersInfo',
  'ClientConfirmation',
  'DBlog',
  'Log',
] as const

export type LegacyTable = (typeof LEGACY_TABLES)[number]

export interface LegacyColumn {
  name: string
  /** as written in the schema, lower-case: `int(11)`, `decimal(10,2)`, `mediumtext` */
  type: string
  baseType: string
  nullable: boolean
}

export interface LegacyTableSchema {
  name: string
  columns: LegacyColumn[]
  /** the CREATE TABLE statement as SHOW CREATE TABLE prints it for an empty table (no trailing `;`) */
  showCreate: string
}

let cachedText: string | null = null

/** The schema file's text. */
export function legacySchemaSql(): string {
  cachedText ??= readFileSync(LEGACY_SCHEMA_PATH, 'utf8')
  return cachedText
}

let cachedTables: Map<string, LegacyTableSchema> | null = null

/** Every table of the schema file, parsed line by line (the file is small and regular). */
export function legacySchema(): Map<string, LegacyTableSchema> {
  if (cachedTables) return cachedTables
  const tables = new Map<string, LegacyTableSchema>()
  let current: { name: string; columns: LegacyColumn[]; lines: string[] } | null = null
  for (const raw of legacySchemaSql().split('\n')) {
    // Strip the `-- comment` the contract puts after column definitions (never inside quotes here).
    const line = raw.replace(/\s+--\s.*$/, '').replace(/\s+$/, '')
    if (current === null) {
      const start = /^CREATE TABLE `(\w+)` \($/.exec(line)
      if (start) current = { name: start[1], columns: [], lines: [line] }
      continue
    }
    if (line.startsWith(')')) {
      current.lines.push(line.replace(/;$/, ''))
      tables.set(current.name, { name: current.name, columns: current.columns, showCreate: current.lines.join('\n') })
      current = null
      continue
    }
    const column = /^ {2}`(\w+)` ([a-z]+(?:\([0-9,]+\))?)(.*)$/.exec(line)
    if (column) {
      const [, name, type, rest] = column
      const nullable = !rest.includes('NOT NULL')
      current.columns.push({ name, type, baseType: type.replace(/\(.*$/, ''), nullable })
      // SHOW CREATE TABLE spells out the implicit default of a nullable column.
      const shown = nullable && !rest.includes('DEFAULT') ? line.replace(/,$/, ' DEFAULT NULL,') : line
      current.lines.push(shown)
    } else {
      current.lines.push(line)
    }
  }
  for (const name of LEGACY_TABLES) if (!tables.has(name)) throw new Error(`legacy schema lacks table ${name}`)
  cachedTables = tables
  return tables
}

export function legacyTable(name: string): LegacyTableSchema {
  const table = legacySchema().get(name)
  if (!table) throw new Error(`no legacy table ${name}`)
  return table
}

/** SHOW CREATE TABLE text with the AUTO_INCREMENT=N a non-empty table shows (N = next id). */
export function showCreateTable(name: string, nextAutoIncrement: number | null): string {
  const text = legacyTable(name).showCreate
  if (nextAutoIncrement === null || nextAutoIncrement <= 1) return text
  return text.replace(') ENGINE=InnoDB DEFAULT', `) ENGINE=InnoDB AUTO_INCREMENT=${nextAutoIncrement} DEFAULT`)
}
