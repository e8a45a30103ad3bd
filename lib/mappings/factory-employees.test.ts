import { describe, expect, it } from 'vitest'
import { factoryEmployees } from './factory-employees'
import { EXISTING, IMPORT_TIME, asStagedText, issueKeys, mapWith, uuid } from './testing'

const base = { ID: 1, FactoryID: 1, UserID: 3, Name: 'Jose\u0301 Silva', Deleted: 0 }

describe('FactoryEmployees → supplier_employees', () => {
  it('maps a row', () => {
    expect(mapWith(factoryEmployees, base, EXISTING)).toEqual({
      target: {
        id: uuid('FactoryEmployees', 1),
        legacyId: 1,
        supplierId: uuid('Factories', 1),
        legacySupplierId: 1,
        userId: uuid('Credentials', 3),
        legacyUserId: 3,
        name: 'Jose\u0301 Silva',
        deletedAt: null,
        createdAt: IMPORT_TIME,
        updatedAt: IMPORT_TIME,
      },
      issues: [],
    })
    expect(mapWith(factoryEmployees, asStagedText(base), EXISTING)).toEqual(mapWith(factoryEmployees, base, EXISTING))
  })

  it.each([
    { name: 'no user', row: { UserID: 0 }, want: { userId: null, legacyUserId: null }, keys: [] },
    { name: 'orphan factory and user', row: { FactoryID: 77, UserID: 424242 }, want: { supplierId: null, legacySupplierId: 77, userId: null, legacyUserId: 424242 }, keys: ['ORPHAN_REF@FactoryID', 'ORPHAN_REF@UserID'] },
    { name: 'deleted', row: { Deleted: 1 }, want: { deletedAt: IMPORT_TIME }, keys: [] },
  ])('$name', ({ row, want, keys }) => {
    const got = mapWith(factoryEmployees, { ...base, ...row }, EXISTING)
    expect(got.target).toMatchObject(want)
    expect(issueKeys(got.issues)).toEqual(keys)
  })
})
