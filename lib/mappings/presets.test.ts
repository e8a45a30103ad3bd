import { describe, expect, it } from 'vitest'
import { presets } from './presets'
import { EXISTING, IMPORT_TIME, asStagedText, issueKeys, mapWith, uuid } from './testing'

const base = { ID: 2, SaddleID: 2, PresetName: 'Dressage "pro"', Deleted: 0 }

describe('Presets → presets', () => {
  it('maps a row', () => {
    expect(mapWith(presets, base, EXISTING)).toEqual({
      target: { id: uuid('Presets', 2), legacyId: 2, modelId: uuid('Saddles', 2), legacyModelId: 2, name: 'Dressage "pro"', deletedAt: null, createdAt: IMPORT_TIME, updatedAt: IMPORT_TIME },
      issues: [],
    })
    expect(mapWith(presets, asStagedText(base), EXISTING)).toEqual(mapWith(presets, base, EXISTING))
  })

  it.each([
    { name: 'no saddle, deleted', row: { SaddleID: 0, Deleted: 1 }, want: { modelId: null, legacyModelId: null, deletedAt: IMPORT_TIME }, keys: [] },
    { name: 'orphan saddle', row: { SaddleID: 5 }, want: { modelId: null, legacyModelId: 5 }, keys: ['ORPHAN_REF@SaddleID'] },
  ])('$name', ({ row, want, keys }) => {
    const got = mapWith(presets, { ...base, ...row }, EXISTING)
    expect(got.target).toMatchObject(want)
    expect(issueKeys(got.issues)).toEqual(keys)
  })
})
