import { describe, expect, it } from 'vitest'
import { optionsItems } from './options-items'
import { EXISTING, IMPORT_TIME, asStagedText, issueKeys, mapWith, uuid } from './testing'

const base = { ID: 3, OptionID: 2, ItemName: 'Kneeroll – large', Price: '120.50', Sequence: 1, Deleted: 0 }

describe('OptionsItems → option_items', () => {
  it('maps a row', () => {
    expect(mapWith(optionsItems, base, EXISTING)).toEqual({
      target: {
        id: uuid('OptionsItems', 3),
        legacyId: 3,
        optionId: uuid('Options', 2),
        legacyOptionId: 2,
        name: 'Kneeroll – large',
        price: '120.50',
        sequence: 1,
        deletedAt: null,
        createdAt: IMPORT_TIME,
        updatedAt: IMPORT_TIME,
      },
      issues: [],
    })
    expect(mapWith(optionsItems, asStagedText(base), EXISTING)).toEqual(mapWith(optionsItems, base, EXISTING))
  })

  it.each([
    { name: 'negative price, deleted', row: { ItemName: 'Ösen', Price: '-10.00', Deleted: 1 }, want: { name: 'Ösen', price: '-10.00', deletedAt: IMPORT_TIME }, keys: [] },
    { name: 'orphan option', row: { OptionID: 88 }, want: { optionId: null, legacyOptionId: 88 }, keys: ['ORPHAN_REF@OptionID'] },
    { name: 'inch mark in the name', row: { ItemName: '17.5"' }, want: { name: '17.5"' }, keys: [] },
    { name: 'price NULL', row: { Price: null }, want: { price: '0.00' }, keys: ['MISSING_VALUE@Price'] },
  ])('$name', ({ row, want, keys }) => {
    const got = mapWith(optionsItems, { ...base, ...row }, EXISTING)
    expect(got.target).toMatchObject(want)
    expect(issueKeys(got.issues)).toEqual(keys)
  })
})
