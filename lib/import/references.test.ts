// The reference list the import works from, against the mappings that build the same pairs: every
// listed pair is what the mapping writes, and every reference a mapping makes is listed.

import { describe, expect, it } from 'vitest'
import { stableUuid } from '@/lib/convert/stable-uuid'
import { createMappingContext, mapRow, mappings } from '@/lib/mappings'
import { LEGACY_FIXTURE_ROWS } from '@/lib/testing/legacy-fixture'
import { legacyTable, type LegacyTable } from '@/lib/testing/legacy-schema'
import { referencedTargetTable, referencesOf } from './references'

const everythingExists = createMappingContext({
  importTime: new Date('2025-06-01T12:00:00Z'),
  existingIds: new Map(mappings.map((m) => [m.legacyTable, { has: () => true } as unknown as ReadonlySet<number>])),
})
const nothingExists = createMappingContext({ importTime: new Date('2025-06-01T12:00:00Z'), existingIds: new Map() })

function fixtureRows(table: string) {
  const columns = legacyTable(table).columns
  return LEGACY_FIXTURE_ROWS[table as LegacyTable].map((row) => Object.fromEntries(columns.map((c, i) => [c.name, row[i]])))
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

describe('references', () => {
  it.each(mappings.map((m) => ({ table: m.legacyTable, mapping: m })))('$table: pairs as the mapping writes them', ({ table, mapping }) => {
    const references = referencesOf(table)
    for (const reference of references) {
      expect(mapping.dependsOn).toContain(reference.legacyTable)
      const rows = fixtureRows(table).filter((r) => typeof r[reference.sourceColumn] === 'number' && r[reference.sourceColumn] !== 0)
      expect(rows.length, `a fixture row of ${table} with ${reference.sourceColumn} set`).toBeGreaterThan(0)
      for (const row of rows) {
        const target = mapRow(mapping, row, everythingExists).target as Record<string, unknown> | null
        const value = row[reference.sourceColumn] as number
        expect(target![camel(reference.column)]).toBe(stableUuid(reference.legacyTable, value))
        expect(target![camel(reference.legacyColumn)]).toBe(value)
      }
    }
  })

  // Saddles' factories are legacy ids inside factory_assignments (jsonb): orphans, but no uuid pair.
  const jsonReferences: Record<string, string[]> = { Saddles: ['FactoryUS', 'FactoryEU', 'FactoryUK', 'FactoryAU'] }

  it.each(mappings.map((m) => ({ table: m.legacyTable, mapping: m })))('$table: every orphan the mapping reports is a listed reference', ({ table, mapping }) => {
    const listed = new Set([...referencesOf(table).map((r) => r.sourceColumn), ...(jsonReferences[table] ?? [])])
    for (const row of fixtureRows(table)) {
      const { issues } = mapRow(mapping, row, nothingExists)
      for (const issue of issues.filter((i) => i.code === 'ORPHAN_REF')) expect(listed, `${table}.${issue.column}`).toContain(issue.column)
    }
  })

  it('knows the target table each reference points into', () => {
    expect(referencesOf('Orders').map(referencedTargetTable)).toEqual(['customers', 'fitters', 'models', 'leather_types', 'suppliers', 'order_statuses'])
    expect(referencesOf('Brands')).toEqual([])
  })
})
