import { describe, expect, it } from 'vitest'
import { brands } from './brands'
import { IMPORT_TIME, asStagedText, issueKeys, mapWith, uuid } from './testing'

describe('Brands → brands', () => {
  it('maps a row', () => {
    expect(mapWith(brands, { ID: 3, BrandName: 'Wolfgang', Active: 1 })).toEqual({
      target: { id: uuid('Brands', 3), legacyId: 3, brandName: 'Wolfgang', isActive: true, createdAt: IMPORT_TIME, updatedAt: IMPORT_TIME },
      issues: [],
    })
  })

  it.each([
    { name: 'active', row: { ID: 1, BrandName: 'Custom', Active: 1 }, want: { isActive: true }, keys: [] },
    { name: 'inactive, emoji and curly quotes', row: { ID: 4, BrandName: 'Bates 😀 “Classic”', Active: 0 }, want: { brandName: 'Bates 😀 “Classic”', isActive: false }, keys: [] },
    { name: 'Active as text', row: asStagedText({ ID: 2, BrandName: 'Icon', Active: 0 }), want: { legacyId: 2, isActive: false }, keys: [] },
    { name: 'Active absent (drift): default 1', row: { ID: 2, BrandName: 'Icon' }, want: { isActive: true }, keys: ['MISSING_VALUE@Active'] },
    { name: 'Active 3', row: { ID: 2, BrandName: 'Icon', Active: 3 }, want: { isActive: true }, keys: ['FLAG_OUT_OF_RANGE@Active'] },
  ])('$name', ({ row, want, keys }) => {
    const got = mapWith(brands, row)
    expect(got.target).toMatchObject(want)
    expect(issueKeys(got.issues)).toEqual(keys)
  })
})
