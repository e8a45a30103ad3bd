import { describe, expect, it } from 'vitest'
import { presetsItems } from './presets-items'
import { EXISTING, IMPORT_TIME, asStagedText, issueKeys, mapWith, uuid } from './testing'

const base = { ID: 1, PresetID: 1, OptionID: 1, OptionItemID: 2 }

describe('PresetsItems → preset_items', () => {
  it('maps a row', () => {
    expect(mapWith(presetsItems, base, EXISTING)).toEqual({
      target: {
        id: uuid('PresetsItems', 1),
        legacyId: 1,
        presetId: uuid('Presets', 1),
        legacyPresetId: 1,
        optionId: uuid('Options', 1),
        legacyOptionId: 1,
        optionItemId: uuid('OptionsItems', 2),
        legacyOptionItemId: 2,
        createdAt: IMPORT_TIME,
        updatedAt: IMPORT_TIME,
      },
      issues: [],
    })
    expect(mapWith(presetsItems, asStagedText(base), EXISTING)).toEqual(mapWith(presetsItems, base, EXISTING))
  })

  it.each([
    { name: 'orphan preset, zero option and item', row: { PresetID: 9, OptionID: 0, OptionItemID: 0 }, want: { presetId: null, legacyPresetId: 9, optionId: null, legacyOptionId: null, optionItemId: null, legacyOptionItemId: null }, keys: ['ORPHAN_REF@PresetID'] },
  ])('$name', ({ row, want, keys }) => {
    const got = mapWith(presetsItems, { ...base, ...row }, EXISTING)
    expect(got.target).toMatchObject(want)
    expect(issueKeys(got.issues)).toEqual(keys)
  })
})
