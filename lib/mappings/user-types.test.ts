import { describe, expect, it } from 'vitest'
import { userTypes } from './user-types'
import { EXISTING, IMPORT_TIME, asStagedText, issueKeys, mapWith, uuid } from './testing'

describe('UserTypes → roles', () => {
  it('maps a row', () => {
    expect(mapWith(userTypes, { ID: 1, TypeName: 'Administrator' }, EXISTING)).toEqual({
      target: { id: uuid('UserTypes', 1), legacyId: 1, name: 'Administrator', code: 'administrator', createdAt: IMPORT_TIME, updatedAt: IMPORT_TIME },
      issues: [],
    })
  })

  it.each([
    { ID: 1, TypeName: 'Administrator', code: 'administrator', keys: [] },
    { ID: 2, TypeName: 'Fitter', code: 'fitter', keys: [] },
    { ID: 3, TypeName: 'Factory', code: 'factory', keys: [] },
    { ID: 4, TypeName: 'Supervisor', code: 'supervisor', keys: [] },
    { ID: 5, TypeName: 'Customer service', code: 'customer_service', keys: [] },
    { ID: 9, TypeName: 'Fitter', code: 'fitter', keys: [] }, // the name decides, not the id
    { ID: 2, TypeName: 'Sattler', code: 'fitter', keys: ['UNKNOWN_ROLE@TypeName'] }, // unknown name: documented id
    { ID: 6, TypeName: '', code: null, keys: ['UNKNOWN_ROLE@TypeName'] },
    { ID: 7, TypeName: 'Guest', code: null, keys: ['UNKNOWN_ROLE@TypeName'] },
  ])('$ID $TypeName → $code', ({ ID, TypeName, code, keys }) => {
    const got = mapWith(userTypes, asStagedText({ ID, TypeName }), EXISTING)
    expect(got.target).toMatchObject({ name: TypeName, code })
    expect(issueKeys(got.issues)).toEqual(keys)
  })

  it('explains an unknown role', () => {
    expect(mapWith(userTypes, { ID: 2, TypeName: 'Sattler' }).issues[0].message).toBe(
      "TypeName 'Sattler' is not a known role; code 'fitter' taken from the documented ID 2.",
    )
    expect(mapWith(userTypes, { ID: 6, TypeName: '' }).issues[0].message).toBe(
      "TypeName '' is not a known role and ID 6 is not one of the documented 1–5; code is left empty.",
    )
  })

  it.each([
    { name: 'no ID', row: { ID: null, TypeName: 'x' }, keys: ['MISSING_ID@ID'] },
    { name: 'NULL name', row: { ID: 1, TypeName: null }, keys: ['MISSING_VALUE@TypeName', 'UNKNOWN_ROLE@TypeName'] },
  ])('$name', ({ row, keys }) => {
    expect(issueKeys(mapWith(userTypes, row).issues)).toEqual(keys)
  })
})
