import { describe, expect, it } from 'vitest'
import { leatherTypes } from './leather-types'
import { IMPORT_TIME, asStagedText, issueKeys, mapWith, uuid } from './testing'

const base = { ID: 2, LeatherName: 'Buffalo "grain"', Sequence: 2, Deleted: 0 }

describe('LeatherTypes → leather_types', () => {
  it('maps a row', () => {
    expect(mapWith(leatherTypes, base)).toEqual({
      target: { id: uuid('LeatherTypes', 2), legacyId: 2, name: 'Buffalo "grain"', sequence: 2, deletedAt: null, createdAt: IMPORT_TIME, updatedAt: IMPORT_TIME },
      issues: [],
    })
    expect(mapWith(leatherTypes, asStagedText(base))).toEqual(mapWith(leatherTypes, base))
  })

  it.each([
    { name: 'deleted', row: { Deleted: 1 }, want: { deletedAt: IMPORT_TIME }, keys: [] },
    { name: 'sequence NULL', row: { Sequence: null }, want: { sequence: 0 }, keys: ['MISSING_VALUE@Sequence'] },
    { name: 'sequence as text', row: { Sequence: '7' }, want: { sequence: 7 }, keys: [] },
  ])('$name', ({ row, want, keys }) => {
    const got = mapWith(leatherTypes, { ...base, ...row })
    expect(got.target).toMatchObject(want)
    expect(issueKeys(got.issues)).toEqual(keys)
  })

  it('rejects a sequence that is not an integer', () => {
    const got = mapWith(leatherTypes, { ...base, Sequence: '2.5' })
    expect(got.target).toBeNull()
    expect(got.issues).toEqual([
      { severity: 'error', code: 'INVALID_VALUE', column: 'Sequence', message: "Sequence '2.5' is not an integer; the row cannot be imported.", value: '2.5' },
    ])
  })
})
