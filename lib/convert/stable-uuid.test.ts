import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { v5 } from 'uuid'
import { LEGACY_ID_NAMESPACE, stableUuid, uuidV5 } from './stable-uuid'

describe('stableUuid', () => {
  it('keeps the namespace it was derived from', () => {
    expect(v5('https://github.com/ordermys-migrate/legacy-id', v5.URL)).toBe(LEGACY_ID_NAMESPACE)
  })

  it.each([
    { table: 'Orders', id: 42 },
    { table: 'Orders', id: 1 },
    { table: 'Saddles', id: 2147483647 },
    { table: 'UserTypes', id: 5 },
    { table: 'Credentials', id: 1 },
  ])('$table:$id is uuid v5 of "$table:$id"', ({ table, id }) => {
    expect(stableUuid(table, id)).toBe(v5(`${table}:${id}`, LEGACY_ID_NAMESPACE))
  })

  it('is stable and differs by table and id', () => {
    expect(stableUuid('Orders', 42)).toBe(stableUuid('Orders', 42))
    expect(stableUuid('Orders', 42)).not.toBe(stableUuid('Orders', 43))
    expect(stableUuid('Orders', 42)).not.toBe(stableUuid('Customers', 42))
  })

  it.each([
    { name: '' },
    { name: 'x'.repeat(39) }, // longest name that fits the first block with its padding
    { name: 'x'.repeat(40) }, // first name that needs a second block
    { name: 'x'.repeat(300) },
    { name: 'Müller:1' },
    { name: '😀:7' },
  ])('name of length $name.length matches uuid', ({ name }) => {
    expect(uuidV5(name)).toBe(v5(name, LEGACY_ID_NAMESPACE))
  })

  it('matches uuid v5 for any name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (name) => {
        expect(uuidV5(name)).toBe(v5(name, LEGACY_ID_NAMESPACE))
      }),
      { numRuns: 500 },
    )
  })
})
