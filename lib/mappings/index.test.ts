import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { LEGACY_TABLES, legacyTable } from '@/lib/testing/legacy-schema'
import { LEGACY_FIXTURE_ROWS } from '@/lib/testing/legacy-fixture'
import { legacyTableNames, mappingFor, mappings } from './index'
import { mapRow } from './define-mapping'
import { createMappingContext } from './mapping-context'
import { mapWith } from './testing'

describe('mappings index', () => {
  it('has one mapping per legacy table of the contract', () => {
    expect([...legacyTableNames].sort()).toEqual([...LEGACY_TABLES].sort())
    expect(new Set(legacyTableNames).size).toBe(21)
  })

  it('lists the mappings in a valid topological order', () => {
    const seen = new Set<string>()
    for (const m of mappings) {
      for (const dep of m.dependsOn) expect(seen, `${m.legacyTable} depends on ${dep}, listed later`).toContain(dep)
      seen.add(m.legacyTable)
    }
  })

  it.each(mappings.map((m) => ({ table: m.legacyTable, dependsOn: m.dependsOn })))('$table depends only on known tables', ({ table, dependsOn }) => {
    for (const dep of dependsOn) {
      expect(legacyTableNames).toContain(dep)
      expect(dep).not.toBe(table)
    }
  })

  // The validation pass loads the existing ids of the dependsOn tables only: a mapping must not ask
  // about any other table.
  it.each(mappings.map((m) => ({ mapping: m, table: m.legacyTable })))('$table asks only about the tables it depends on', ({ mapping, table }) => {
    const asked = new Set<string>()
    const base = createMappingContext({ importTime: new Date(0), existingIds: new Map() })
    const ctx = { ...base, exists: (t: string, id: number) => (asked.add(t), base.exists(t, id)) }
    const columns = legacyTable(table).columns
    for (const row of LEGACY_FIXTURE_ROWS[table as keyof typeof LEGACY_FIXTURE_ROWS]) {
      mapRow(mapping, Object.fromEntries(columns.map((c, i) => [c.name, row[i]])), ctx)
    }
    for (const t of asked) expect(mapping.dependsOn).toContain(t)
  })

  it.each([
    { table: 'OptionsItems', targetTable: 'option_items', targetModel: 'OptionItem' },
    { table: 'DBlog', targetTable: 'db_change_logs', targetModel: 'DbChangeLog' },
    { table: 'Saddles', targetTable: 'models', targetModel: 'Model' },
  ])('finds $table by its legacy name', ({ table, targetTable, targetModel }) => {
    expect(mappingFor(table)).toMatchObject({ legacyTable: table, targetTable, targetModel })
  })

  it.each([{ table: 'Invoices' }, { table: 'optionsitems' }, { table: 'constructor' }])('finds no mapping for $table', ({ table }) => {
    expect(mappingFor(table)).toBeUndefined()
  })
})

// ---------------------------------------------------------------------------------------------
// The mappings against the legacy schema: every column read, defaults as in CREATE TABLE

/** Columns named …ID that are no reference: DBlog.RecordID is the id of a row of any table (record_id, plain). */
const PLAIN_ID_COLUMNS = new Set(['DBlog.RecordID'])
const REFERENCE_COLUMNS = new Set(['UserType', 'FactoryUS', 'FactoryEU', 'FactoryUK', 'FactoryAU', 'OrderStatus'])
const TEXT_HANDLED_BY_MAP = new Set(['Orders.OrderData', 'Credentials.Password'])

function legacyDefault(table: string, column: string): string | null {
  const line = legacyTable(table).showCreate.split('\n').find((l) => l.startsWith(`  \`${column}\` `))
  const m = line && /DEFAULT ('(?:[^']*)'|\S+?),?$/.exec(line)
  return m ? m[1].replace(/^'|'$/g, '') : null
}

describe.each(mappings.map((m) => ({ mapping: m, table: m.legacyTable })))('$table against the legacy schema', ({ mapping, table }) => {
  const columns = legacyTable(table).columns

  it('reads every legacy column', () => {
    expect(mapping.legacyColumns).toEqual(columns.map((c) => c.name))
  })

  it('substitutes the legacy DEFAULT exactly for NOT NULL columns', () => {
    const defaults = new Map(mapping.notNullDefaults.map(([c, v]) => [c, String(v)]))
    for (const column of columns) {
      if (column.nullable) {
        expect(defaults.has(column.name), `${column.name} is nullable`).toBe(false)
      } else if (PLAIN_ID_COLUMNS.has(`${table}.${column.name}`)) {
        // named like a reference but a plain column in TARGET-SCHEMA.md: its NOT NULL default applies
        expect(defaults.get(column.name), column.name).toBe(legacyDefault(table, column.name))
      } else if (column.name === 'ID' || column.name.endsWith('ID') || REFERENCE_COLUMNS.has(column.name)) {
        expect(defaults.has(column.name), `${column.name} is a reference: NULL means none`).toBe(false)
      } else {
        expect(defaults.get(column.name), column.name).toBe(legacyDefault(table, column.name))
      }
    }
  })

  it('sends every text column through NUL removal', () => {
    const text = new Set(mapping.textColumns.map(([c]) => c))
    for (const column of columns) {
      const isText = ['varchar', 'text', 'mediumtext'].includes(column.baseType)
      if (TEXT_HANDLED_BY_MAP.has(`${table}.${column.name}`)) expect(text.has(column.name)).toBe(false)
      else expect(text.has(column.name), column.name).toBe(isText)
    }
  })
})

// ---------------------------------------------------------------------------------------------
// The mappings against TARGET-SCHEMA.md: table names and Prisma field names (camelCase of the
// contract's snake_case columns, mechanically)

const contract = readFileSync(new URL('../legacy/TARGET-SCHEMA.md', import.meta.url), 'utf8')

function camelCase(column: string): string {
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
}

function contractColumns(table: string): { targetTable: string; fields: string[] } {
  const always = ['id', 'legacy_id', 'created_at', 'updated_at']
  const row = contract.split('\n').find((l) => l.startsWith(`| ${table} |`))
  if (!row) throw new Error(`no contract row for ${table}`)
  const [, , target, cell] = row.split('|').map((s) => s.trim())
  const targetTable = /`([a-z_]+)`/.exec(target)?.[1] ?? target
  let columns: string[]
  if (table === 'Orders') {
    const paragraph = contract.slice(contract.indexOf('`orders`: `order_number`'), contract.indexOf('Every source row is accounted for'))
    columns = [...paragraph.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]).filter((c) => c !== 'orders')
  } else {
    columns = [...cell.matchAll(/`([a-z_]+)`/g)].map((m) => m[1])
    if (cell.includes('(+ legacy pairs)')) {
      columns.push(...columns.filter((c) => c.endsWith('_id') && !c.startsWith('legacy_')).map((c) => `legacy_${c}`))
    }
  }
  return { targetTable, fields: [...new Set([...always, ...columns])].map(camelCase).sort() }
}

describe.each(mappings.map((m) => ({ mapping: m, table: m.legacyTable })))('$table against TARGET-SCHEMA.md', ({ mapping, table }) => {
  it('writes the contract table with exactly its columns, named as Prisma fields', () => {
    const { targetTable, fields } = contractColumns(table)
    expect(mapping.targetTable).toBe(targetTable)
    const rows = LEGACY_FIXTURE_ROWS[table as keyof typeof LEGACY_FIXTURE_ROWS]
    const raw = Object.fromEntries(legacyTable(table).columns.map((c, i) => [c.name, rows[0][i]]))
    const target = mapWith(mapping, raw).target
    expect(target).not.toBeNull()
    expect(Object.keys(target ?? {}).sort()).toEqual(fields)
  })
})
