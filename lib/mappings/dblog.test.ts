import { describe, expect, it } from 'vitest'
import { dblog } from './dblog'
import { EXISTING, IMPORT_TIME, asStagedText, issueKeys, mapWith, uuid } from './testing'

const QUERY = "UPDATE Orders SET SpecialNotes='it\\'s \"fine\"\\nC:\\\\x' WHERE ID=1"
const base = { ID: 2, UserID: 2, Time: 1460000000, TableName: 'Orders', RecordID: 1, Operation: 'UPDATE', Query: QUERY }

describe('DBlog → db_change_logs', () => {
  it('maps a row', () => {
    expect(mapWith(dblog, base, EXISTING)).toEqual({
      target: {
        id: uuid('DBlog', 2),
        legacyId: 2,
        userId: uuid('Credentials', 2),
        legacyUserId: 2,
        occurredAt: new Date('2016-04-07T03:33:20Z'),
        tableName: 'Orders',
        recordId: 1,
        operation: 'UPDATE',
        query: QUERY,
        createdAt: IMPORT_TIME,
        updatedAt: IMPORT_TIME,
      },
      issues: [],
    })
    expect(mapWith(dblog, asStagedText(base), EXISTING)).toEqual(mapWith(dblog, base, EXISTING))
  })

  it.each([
    { name: 'Time 0', row: { Time: 0 }, want: { occurredAt: null }, keys: ['ZERO_DATE@Time'] },
    { name: 'no user, deleted record', row: { UserID: 0, TableName: 'Customers', RecordID: 8, Operation: 'DELETE' }, want: { userId: null, legacyUserId: null, recordId: 8, operation: 'DELETE' }, keys: [] },
    { name: 'orphan user', row: { UserID: 424242 }, want: { userId: null, legacyUserId: 424242 }, keys: ['ORPHAN_REF@UserID'] },
    // record_id is a plain column, not a reference pair: 0 stays 0 (it was NULL without a word)
    { name: 'RecordID 0 stays 0', row: { RecordID: 0 }, want: { recordId: 0 }, keys: [] },
    { name: 'RecordID as staged text 0 stays 0', row: { RecordID: '0' }, want: { recordId: 0 }, keys: [] },
    { name: 'RecordID NULL takes the legacy default 0, reported', row: { RecordID: null }, want: { recordId: 0 }, keys: ['MISSING_VALUE@RecordID'] },
    { name: 'empty table name and operation, NULL query', row: { TableName: '', Operation: '', Query: null }, want: { tableName: '', operation: '', query: null }, keys: [] },
    { name: '100 KB query', row: { Query: 'x'.repeat(100_000) }, want: { query: 'x'.repeat(100_000) }, keys: [] },
  ])('$name', ({ row, want, keys }) => {
    const got = mapWith(dblog, { ...base, ...row }, EXISTING)
    expect(got.target).toMatchObject(want)
    expect(issueKeys(got.issues)).toEqual(keys)
  })
})
