// The declared references, money and time columns against the mappings themselves: a reference the
// mapping builds with ctx.ref is a pair here, under the same columns, and nothing is forgotten.

import { describe, expect, it } from 'vitest'
import { mapRow, mappingFor, mappings, snakeCase } from '@/lib/mappings'
import { contextWith } from '@/lib/mappings/testing'
import { LEGACY_FIXTURE_ROWS } from '@/lib/testing/legacy-fixture'
import { legacyTable } from '@/lib/testing/legacy-schema'
import { MONEY, REFERENCES, TIMES, referenceUuidColumns, targetTableOf } from './reconcile-specs'

function fixtureRow(table: string): Record<string, unknown> {
  const rows = LEGACY_FIXTURE_ROWS[table as keyof typeof LEGACY_FIXTURE_ROWS]
  return Object.fromEntries(legacyTable(table).columns.map((c, i) => [c.name, rows[0][i]]))
}

/** Every legacy id 1..9 of every table exists, so that the fixture row resolves. */
const everything = Object.fromEntries(mappings.map((m) => [m.legacyTable, [1, 2, 3, 4, 5, 6, 7, 8, 9]]))

function mapWithValue(table: string, column: string, value: number, existing = everything) {
  const mapping = mappingFor(table)!
  const target = mapRow(mapping, { ...fixtureRow(table), [column]: value } as never, contextWith(existing)).target as Record<string, unknown> | null
  expect(target, `${table} with ${column} = ${value}`).not.toBeNull()
  return target!
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

describe('REFERENCES', () => {
  it.each(REFERENCES.map((r) => ({ ...r, name: `${r.legacyTable}.${r.legacyColumn}` })))('$name is where the mapping puts it', (spec) => {
    expect(mappingFor(spec.legacyTable)!.dependsOn).toContain(spec.referencedLegacyTable)
    const orphan = mapWithValue(spec.legacyTable, spec.legacyColumn, 987654)
    const resolved = mapWithValue(spec.legacyTable, spec.legacyColumn, 3)
    const none = mapWithValue(spec.legacyTable, spec.legacyColumn, 0)
    if (spec.kind === 'pair') {
      const uuid = camel(spec.targetColumn)
      const legacy = camel(spec.legacyTargetColumn)
      expect([orphan[uuid], orphan[legacy]]).toEqual([null, 987654])
      expect(resolved[uuid]).toEqual(expect.any(String))
      expect(resolved[legacy]).toBe(3)
      expect([none[uuid], none[legacy]]).toEqual([null, null])
    } else {
      const json = (row: Record<string, unknown>) => (row[camel(spec.targetColumn)] as Record<string, unknown>)[spec.legacyTargetColumn]
      expect([json(orphan), json(resolved), json(none)]).toEqual([987654, 3, null])
    }
  })

  it.each(mappings.map((m) => ({ table: m.legacyTable })))('covers every uuid column of $table', ({ table }) => {
    const target = mapWithValue(table, 'ID', 1)
    const uuidFields = Object.keys(target).filter((k) => k.endsWith('Id') && !k.startsWith('legacy') && k !== 'id' && k !== 'recordId')
    expect(uuidFields.map(snakeCase).sort()).toEqual(referenceUuidColumns(targetTableOf(table)).sort())
  })
})

describe('MONEY and TIMES', () => {
  it.each(MONEY.map((m) => ({ table: m.legacyTable, spec: m })))('$table reads columns the legacy table has', ({ table, spec }) => {
    const columns = mappingFor(table)!.legacyColumns
    for (const m of spec.measures) for (const c of m.legacyColumns) expect(columns).toContain(c.replace(/^-/, ''))
    if (spec.currencyColumn) expect(columns).toContain(spec.currencyColumn.legacy)
  })

  it.each(TIMES.map((t) => ({ name: `${t.legacyTable} ${t.targetColumn}`, spec: t })))('$name is a time column of the target row', ({ spec }) => {
    const target = mapWithValue(spec.legacyTable, 'ID', 1)
    expect(Object.keys(target)).toContain(camel(spec.targetColumn))
    if (spec.rule.kind === 'unix' || spec.rule.kind === 'datetime') expect(mappingFor(spec.legacyTable)!.legacyColumns).toContain(spec.rule.column)
  })
})
