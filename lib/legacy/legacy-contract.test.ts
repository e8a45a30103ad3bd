import { describe, expect, it } from 'vitest'
import { mappings } from '@/lib/mappings'
import { loadLegacyContract } from './legacy-contract'

describe('the legacy contract', () => {
  it('holds the 21 legacy tables, each with an ID column, and every one has a mapping', async () => {
    const tables = await loadLegacyContract()
    expect(tables).toHaveLength(21)
    for (const table of tables) expect(table.columns.map((c) => c.name)).toContain('ID')
    expect(new Set(tables.map((t) => t.name))).toEqual(new Set(mappings.map((m) => m.legacyTable)))
  })
})
