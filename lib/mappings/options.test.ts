import { describe, expect, it } from 'vitest'
import { options } from './options'
import { IMPORT_TIME, asStagedText, issueKeys, mapWith, uuid } from './testing'

const base = { ID: 2, OptionName: 'Extras', OptionType: 1, Sequence: 2, Deleted: 0 }

describe('Options → options', () => {
  it('maps a row', () => {
    expect(mapWith(options, base)).toEqual({
      target: { id: uuid('Options', 2), legacyId: 2, name: 'Extras', kind: 'extra', sequence: 2, deletedAt: null, createdAt: IMPORT_TIME, updatedAt: IMPORT_TIME },
      issues: [],
    })
    expect(mapWith(options, asStagedText(base))).toEqual(mapWith(options, base))
  })

  it.each([
    { OptionType: 0, kind: 'single', keys: [] },
    { OptionType: 1, kind: 'extra', keys: [] },
    { OptionType: 2, kind: 'text', keys: [] },
    { OptionType: 5, kind: null, keys: ['UNKNOWN_OPTION_TYPE@OptionType'] },
  ])('OptionType $OptionType → $kind', ({ OptionType, kind, keys }) => {
    const got = mapWith(options, { ...base, OptionType })
    expect(got.target?.kind).toBe(kind)
    expect(issueKeys(got.issues)).toEqual(keys)
  })

  it('soft-deletes', () => {
    expect(mapWith(options, { ...base, Deleted: 1 }).target?.deletedAt).toEqual(IMPORT_TIME)
  })
})
