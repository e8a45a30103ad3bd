import { describe, expect, it } from 'vitest'
import { customers } from './customers'
import { EXISTING, IMPORT_TIME, asStagedText, issueKeys, mapWith, uuid } from './testing'

const base = {
  ID: 1, FitterID: 1, Name: 'Anne Rider', Email: 'anne@example.com', Address: '2 Farm Rd', City: 'Paris', State: 'KY',
  Zipcode: '40361', Country: 'USA', Phone: '555-0101', Cellphone: null, HorseName: '🐴 Star', Deleted: 0,
}

describe('Customers → customers', () => {
  it('maps a row', () => {
    expect(mapWith(customers, base, EXISTING)).toEqual({
      target: {
        id: uuid('Customers', 1),
        legacyId: 1,
        fitterId: uuid('Fitters', 1),
        legacyFitterId: 1,
        name: 'Anne Rider',
        email: 'anne@example.com',
        address: '2 Farm Rd',
        city: 'Paris',
        state: 'KY',
        zipcode: '40361',
        country: 'USA',
        phone: '555-0101',
        cellphone: null,
        horseName: '🐴 Star',
        status: 'active',
        deletedAt: null,
        createdAt: IMPORT_TIME,
        updatedAt: IMPORT_TIME,
      },
      issues: [],
    })
    expect(mapWith(customers, asStagedText(base), EXISTING)).toEqual(mapWith(customers, base, EXISTING))
  })

  it.each([
    { name: 'deleted → inactive', row: { Deleted: 1 }, want: { status: 'inactive', deletedAt: IMPORT_TIME }, keys: [] },
    { name: 'Deleted 5 → inactive, reported', row: { Deleted: 5 }, want: { status: 'inactive', deletedAt: IMPORT_TIME }, keys: ['FLAG_OUT_OF_RANGE@Deleted'] },
    { name: 'no fitter (0)', row: { FitterID: 0 }, want: { fitterId: null, legacyFitterId: null }, keys: [] },
    { name: 'no fitter (NULL)', row: { FitterID: null }, want: { fitterId: null, legacyFitterId: null }, keys: [] },
    { name: 'orphan fitter', row: { FitterID: 999 }, want: { fitterId: null, legacyFitterId: 999 }, keys: ['ORPHAN_REF@FitterID'] },
    { name: "the string 'NULL' is not NULL", row: { Email: 'NULL', Phone: 'NULL' }, want: { email: 'NULL', phone: 'NULL' }, keys: [] },
    { name: 'single-character escapes', row: { Email: "'", Address: '\\', City: '\n', State: '\r\n', Phone: '\x1a', Cellphone: '\t', HorseName: '  padded  ' }, want: { email: "'", address: '\\', city: '\n', state: '\r\n', phone: '\x1a', cellphone: '\t', horseName: '  padded  ' }, keys: [] },
    { name: 'NUL alone', row: { Zipcode: '\0' }, want: { zipcode: '' }, keys: ['NUL_REMOVED@Zipcode'] },
    { name: 'NUL among control characters', row: { Address: "q' dq\" bs\\ nl\n cr\r tab\t nul\0 ctrlZ\x1a end\\" }, want: { address: "q' dq\" bs\\ nl\n cr\r tab\t nul ctrlZ\x1a end\\" }, keys: ['NUL_REMOVED@Address'] },
    { name: 'double-encoded name', row: { Name: 'MÃ¼ller, Hans' }, want: { name: 'MÃ¼ller, Hans' }, keys: ['MOJIBAKE_SUSPECTED@Name'] },
    { name: 'combining characters', row: { Name: 'Zoe\u0308 Éclair', HorseName: 'Éto\u0301ile' }, want: { name: 'Zoe\u0308 Éclair', horseName: 'Éto\u0301ile' }, keys: [] },
    { name: 'CJK and emoji', row: { Name: '李小龍', HorseName: '赤兔 🐎' }, want: { name: '李小龍', horseName: '赤兔 🐎' }, keys: [] },
    { name: 'drifted column Newsletter is ignored', row: { Newsletter: 1 }, want: { name: 'Anne Rider' }, keys: [] },
  ])('$name', ({ row, want, keys }) => {
    const got = mapWith(customers, { ...base, ...row }, EXISTING)
    expect(got.target).toMatchObject(want)
    expect(got.target).not.toHaveProperty('newsletter')
    expect(issueKeys(got.issues)).toEqual(keys)
  })
})
