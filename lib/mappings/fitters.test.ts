import { describe, expect, it } from 'vitest'
import { fitters } from './fitters'
import { EXISTING, IMPORT_TIME, asStagedText, issueKeys, mapWith, uuid } from './testing'

const base = {
  ID: 1, UserID: 2, Name: "Mary O'Brien", Address: '1 Main St\nSuite 2', City: 'Lexington', State: 'KY', Zipcode: '40507',
  Country: 'USA', Phone: '+1 859 555 0100', Cellphone: null, Email: 'mary@example.com', Currency: 1, Deleted: 0,
}

describe('Fitters → fitters', () => {
  it('maps a row', () => {
    expect(mapWith(fitters, base, EXISTING)).toEqual({
      target: {
        id: uuid('Fitters', 1),
        legacyId: 1,
        userId: uuid('Credentials', 2),
        legacyUserId: 2,
        name: "Mary O'Brien",
        address: '1 Main St\nSuite 2',
        city: 'Lexington',
        state: 'KY',
        zipcode: '40507',
        country: 'USA',
        phone: '+1 859 555 0100',
        cellphone: null,
        email: 'mary@example.com',
        currency: 'USD',
        region: 'US',
        specializations: [],
        certifications: [],
        deletedAt: null,
        createdAt: IMPORT_TIME,
        updatedAt: IMPORT_TIME,
      },
      issues: [],
    })
    expect(mapWith(fitters, asStagedText(base), EXISTING)).toEqual(mapWith(fitters, base, EXISTING))
  })

  it.each([
    { Currency: 1, currency: 'USD', keys: [] },
    { Currency: 2, currency: 'EUR', keys: [] },
    { Currency: 3, currency: 'GBP', keys: [] },
    { Currency: 4, currency: 'AUD', keys: [] },
    { Currency: 5, currency: 'CAD', keys: [] },
    { Currency: 9, currency: null, keys: ['UNKNOWN_CURRENCY@Currency'] },
    { Currency: 0, currency: null, keys: ['UNKNOWN_CURRENCY@Currency'] },
  ])('Currency $Currency → $currency', ({ Currency, currency, keys }) => {
    const got = mapWith(fitters, { ...base, Currency }, EXISTING)
    expect(got.target?.currency).toBe(currency)
    expect(issueKeys(got.issues)).toEqual(keys)
  })

  it.each([
    { Country: 'USA', region: 'US', keys: [] },
    { Country: 'Germany', region: 'EU', keys: [] },
    { Country: 'United Kingdom', region: 'UK', keys: [] },
    { Country: 'Australia', region: 'AU', keys: [] },
    { Country: 'Canada', region: 'CA', keys: [] },
    { Country: 'New Zealand', region: null, keys: ['UNKNOWN_REGION@Country'] },
    { Country: '', region: null, keys: [] },
    { Country: null, region: null, keys: [] },
  ])('Country $Country → region $region', ({ Country, region, keys }) => {
    const got = mapWith(fitters, { ...base, Country }, EXISTING)
    expect(got.target).toMatchObject({ country: Country, region })
    expect(issueKeys(got.issues)).toEqual(keys)
  })

  it.each([
    { name: 'CRLF in the address', row: { Address: 'Hauptstraße 5\r\nHinterhaus' }, want: { address: 'Hauptstraße 5\r\nHinterhaus' }, keys: [] },
    { name: 'leading-zero zipcode stays text', row: { Zipcode: '00123' }, want: { zipcode: '00123' }, keys: [] },
    { name: 'zipcode typed as a number by a drifted dump', row: { Zipcode: 40507 }, want: { zipcode: '40507' }, keys: [] },
    { name: 'no user', row: { UserID: 0 }, want: { userId: null, legacyUserId: null }, keys: [] },
    { name: 'orphan user', row: { UserID: 999 }, want: { userId: null, legacyUserId: 999 }, keys: ['ORPHAN_REF@UserID'] },
    { name: 'double-encoded name', row: { Name: 'MÃ¼ller & Sons' }, want: { name: 'MÃ¼ller & Sons' }, keys: ['MOJIBAKE_SUSPECTED@Name'] },
    { name: 'deleted', row: { Deleted: 1 }, want: { deletedAt: IMPORT_TIME }, keys: [] },
  ])('$name', ({ row, want, keys }) => {
    const got = mapWith(fitters, { ...base, ...row }, EXISTING)
    expect(got.target).toMatchObject(want)
    expect(issueKeys(got.issues)).toEqual(keys)
  })

  it('gives every row its own empty arrays', () => {
    const a = mapWith(fitters, base, EXISTING).target
    const b = mapWith(fitters, base, EXISTING).target
    expect(a?.specializations).not.toBe(b?.specializations)
  })
})
