import { describe, expect, it } from 'vitest'
import { saddles } from './saddles'
import { EXISTING, IMPORT_TIME, asStagedText, issueKeys, mapWith, uuid } from './testing'

const base = { ID: 1, BrandID: 1, SaddleName: 'Custom Jump 17"', Type: 0, FactoryUS: 1, FactoryEU: 2, FactoryUK: 3, FactoryAU: 0, Sequence: 1, Active: 1 }

describe('Saddles → models', () => {
  it('maps a row', () => {
    expect(mapWith(saddles, base, EXISTING)).toEqual({
      target: {
        id: uuid('Saddles', 1),
        legacyId: 1,
        brandId: uuid('Brands', 1),
        legacyBrandId: 1,
        modelName: 'Custom Jump 17"',
        type: 'jump',
        factoryAssignments: { US: 1, EU: 2, UK: 3, AU: null },
        sequence: 1,
        isActive: true,
        createdAt: IMPORT_TIME,
        updatedAt: IMPORT_TIME,
      },
      issues: [],
    })
    expect(mapWith(saddles, asStagedText(base), EXISTING)).toEqual(mapWith(saddles, base, EXISTING))
  })

  it.each([
    { Type: 0, type: 'jump', keys: [] },
    { Type: 1, type: 'dressage', keys: [] },
    { Type: 2, type: 'all_purpose', keys: [] },
    { Type: 3, type: 'endurance', keys: [] },
    { Type: 7, type: null, keys: ['UNKNOWN_MODEL_TYPE@Type'] },
  ])('Type $Type → $type', ({ Type, type, keys }) => {
    const got = mapWith(saddles, { ...base, Type }, EXISTING)
    expect(got.target?.type).toBe(type)
    expect(issueKeys(got.issues)).toEqual(keys)
  })

  it.each([
    { name: 'no factories', row: { FactoryUS: 0, FactoryEU: 0, FactoryUK: 0, FactoryAU: 0 }, want: { US: null, EU: null, UK: null, AU: null }, keys: [] },
    { name: 'NULL factory', row: { FactoryUS: null }, want: { US: null, EU: 2, UK: 3, AU: null }, keys: [] },
    { name: 'every region', row: { FactoryAU: 4 }, want: { US: 1, EU: 2, UK: 3, AU: 4 }, keys: [] },
    { name: 'orphan factory id is kept', row: { FactoryUS: 55 }, want: { US: 55, EU: 2, UK: 3, AU: null }, keys: ['ORPHAN_REF@FactoryUS'] },
  ])('factory assignments: $name', ({ row, want, keys }) => {
    const got = mapWith(saddles, { ...base, ...row }, EXISTING)
    expect(got.target?.factoryAssignments).toEqual(want)
    expect(issueKeys(got.issues)).toEqual(keys)
  })

  it('explains an orphan factory', () => {
    expect(mapWith(saddles, { ...base, FactoryUS: 55 }, EXISTING).issues[0].message).toBe(
      'FactoryUS 55 points at no row of Factories; factory_assignments.US keeps 55.',
    )
  })

  it.each([
    { name: 'orphan brand', row: { BrandID: 42 }, want: { brandId: null, legacyBrandId: 42 }, keys: ['ORPHAN_REF@BrandID'] },
    { name: 'no brand', row: { BrandID: 0 }, want: { brandId: null, legacyBrandId: null }, keys: [] },
    { name: 'negative sequence', row: { Sequence: -1 }, want: { sequence: -1 }, keys: [] },
    { name: 'largest sequence', row: { Sequence: 2147483647 }, want: { sequence: 2147483647 }, keys: [] },
    { name: 'inactive', row: { Active: 0 }, want: { isActive: false }, keys: [] },
  ])('$name', ({ row, want, keys }) => {
    const got = mapWith(saddles, { ...base, ...row }, EXISTING)
    expect(got.target).toMatchObject(want)
    expect(issueKeys(got.issues)).toEqual(keys)
  })
})
