import { describe, expect, it } from 'vitest'
import { factories } from './factories'
import { EXISTING, IMPORT_TIME, asStagedText, issueKeys, mapWith, uuid } from './testing'

const base = { ID: 1, FactoryName: 'Fábrica São Paulo', Region: 'US', Email: 'sp@example.com', Deleted: 0 }

describe('Factories → suppliers', () => {
  it('maps a row', () => {
    expect(mapWith(factories, base, EXISTING)).toEqual({
      target: { id: uuid('Factories', 1), legacyId: 1, name: 'Fábrica São Paulo', region: 'US', email: 'sp@example.com', deletedAt: null, createdAt: IMPORT_TIME, updatedAt: IMPORT_TIME },
      issues: [],
    })
    expect(mapWith(factories, asStagedText(base), EXISTING)).toEqual(mapWith(factories, base, EXISTING))
  })

  it.each([
    { name: 'deleted → import time', row: { Deleted: 1 }, want: { deletedAt: IMPORT_TIME }, keys: [] },
    { name: 'Deleted 2 (truthy)', row: { Deleted: 2 }, want: { deletedAt: IMPORT_TIME }, keys: ['FLAG_OUT_OF_RANGE@Deleted'] },
    { name: 'quotes in the name', row: { FactoryName: 'Walsall "Leather" Ltd' }, want: { name: 'Walsall "Leather" Ltd' }, keys: [] },
    { name: 'empty region kept as is', row: { Region: '' }, want: { region: '' }, keys: [] },
    { name: 'email NULL', row: { Email: null }, want: { email: null }, keys: [] },
    { name: 'email empty', row: { Email: '' }, want: { email: '' }, keys: [] },
    { name: 'NUL in the name', row: { FactoryName: 'Sattlerei\0' }, want: { name: 'Sattlerei' }, keys: ['NUL_REMOVED@FactoryName'] },
  ])('$name', ({ row, want, keys }) => {
    const got = mapWith(factories, { ...base, ...row }, EXISTING)
    expect(got.target).toMatchObject(want)
    expect(issueKeys(got.issues)).toEqual(keys)
  })
})
