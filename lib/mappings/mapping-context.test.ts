import { describe, expect, it } from 'vitest'
import { stableUuid } from '@/lib/convert/stable-uuid'
import { createMappingContext } from './mapping-context'

const ctx = createMappingContext({
  importTime: new Date('2025-06-01T12:00:00Z'),
  existingIds: new Map([['Saddles', new Set([1, 2])], ['Brands', new Set<number>()]]),
})

describe('createMappingContext', () => {
  it.each([
    { table: 'Saddles', id: 1, want: true },
    { table: 'Saddles', id: 3, want: false },
    { table: 'Brands', id: 1, want: false },
    { table: 'Factories', id: 1, want: false }, // a table without rows in the dump
    { table: 'saddles', id: 1, want: false }, // names are exact
  ])('exists($table, $id) → $want', ({ table, id, want }) => {
    expect(ctx.exists(table, id)).toBe(want)
  })

  it('gives the stable uuid and the import time', () => {
    expect(ctx.uuidFor('Saddles', 1)).toBe(stableUuid('Saddles', 1))
    expect(ctx.importTime.toISOString()).toBe('2025-06-01T12:00:00.000Z')
  })
})
