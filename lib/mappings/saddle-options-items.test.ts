import { describe, expect, it } from 'vitest'
import { saddleOptionsItems } from './saddle-options-items'
import { EXISTING, IMPORT_TIME, asStagedText, issueKeys, mapWith, uuid } from './testing'

const base = { ID: 2, SaddleID: 1, OptionID: 2, OptionItemID: 3, Price: '110.00', Sequence: 2 }

describe('SaddleOptionsItems → model_option_items', () => {
  it('maps a row', () => {
    expect(mapWith(saddleOptionsItems, base, EXISTING)).toEqual({
      target: {
        id: uuid('SaddleOptionsItems', 2),
        legacyId: 2,
        modelId: uuid('Saddles', 1),
        legacyModelId: 1,
        optionId: uuid('Options', 2),
        legacyOptionId: 2,
        optionItemId: uuid('OptionsItems', 3),
        legacyOptionItemId: 3,
        price: '110.00',
        sequence: 2,
        createdAt: IMPORT_TIME,
        updatedAt: IMPORT_TIME,
      },
      issues: [],
    })
    expect(mapWith(saddleOptionsItems, asStagedText(base), EXISTING)).toEqual(mapWith(saddleOptionsItems, base, EXISTING))
  })

  it.each([
    { name: 'zero option and item', row: { OptionID: 0, OptionItemID: 0 }, want: { optionId: null, legacyOptionId: null, optionItemId: null, legacyOptionItemId: null }, keys: [] },
    { name: 'orphan model and item', row: { SaddleID: 99, OptionItemID: 55 }, want: { modelId: null, legacyModelId: 99, optionItemId: null, legacyOptionItemId: 55 }, keys: ['ORPHAN_REF@SaddleID', 'ORPHAN_REF@OptionItemID'] },
    { name: 'negative price', row: { Price: '-5.10' }, want: { price: '-5.10' }, keys: [] },
  ])('$name', ({ row, want, keys }) => {
    const got = mapWith(saddleOptionsItems, { ...base, ...row }, EXISTING)
    expect(got.target).toMatchObject(want)
    expect(issueKeys(got.issues)).toEqual(keys)
  })
})
