import { describe, expect, it } from 'vitest'
import { log } from './log'
import { EXISTING, IMPORT_TIME, asStagedText, issueKeys, mapWith, uuid } from './testing'

const base = { ID: 3, UserID: 2, LogTime: '2012-03-04 05:06:07', Action: 'order.update', Details: 'changed seat', IP: '2001:db8::2' }

describe('Log → activity_logs', () => {
  it('maps a row', () => {
    expect(mapWith(log, base, EXISTING)).toEqual({
      target: {
        id: uuid('Log', 3),
        legacyId: 3,
        userId: uuid('Credentials', 2),
        legacyUserId: 2,
        occurredAt: new Date('2012-03-04T05:06:07Z'),
        action: 'order.update',
        details: 'changed seat',
        ip: '2001:db8::2',
        createdAt: IMPORT_TIME,
        updatedAt: IMPORT_TIME,
      },
      issues: [],
    })
    expect(mapWith(log, asStagedText(base), EXISTING)).toEqual(mapWith(log, base, EXISTING))
  })

  it.each([
    { LogTime: '1970-01-01 00:00:00', occurredAt: new Date('1970-01-01T00:00:00Z'), keys: [] },
    { LogTime: '2038-01-19 03:14:08', occurredAt: new Date('2038-01-19T03:14:08Z'), keys: [] },
    { LogTime: '2026-01-31 23:59:59', occurredAt: new Date('2026-01-31T23:59:59Z'), keys: [] },
    { LogTime: '0000-00-00 00:00:00', occurredAt: null, keys: ['ZERO_DATE@LogTime'] },
    { LogTime: '2012-00-00 00:00:00', occurredAt: null, keys: ['ZERO_DATE@LogTime'] },
    { LogTime: null, occurredAt: null, keys: ['MISSING_VALUE@LogTime', 'ZERO_DATE@LogTime'] },
  ])('LogTime $LogTime → $occurredAt', ({ LogTime, occurredAt, keys }) => {
    const got = mapWith(log, { ...base, LogTime }, EXISTING)
    expect(got.target?.occurredAt).toEqual(occurredAt)
    expect(issueKeys(got.issues)).toEqual(keys)
  })

  it.each([
    { LogTime: '0000-00-00 00:00:00', message: "LogTime is the zero date '0000-00-00 00:00:00'; occurred_at is left empty." },
    { LogTime: '2012-00-00 00:00:00', message: "LogTime '2012-00-00 00:00:00' has a zero month or day; occurred_at is left empty." },
  ])('explains $LogTime', ({ LogTime, message }) => {
    expect(mapWith(log, { ...base, LogTime }, EXISTING).issues[0]).toEqual({ severity: 'warning', code: 'ZERO_DATE', column: 'LogTime', message, value: LogTime })
  })

  it('rejects an impossible date', () => {
    const got = mapWith(log, { ...base, LogTime: '2015-02-29 00:00:00' }, EXISTING)
    expect(got.target).toBeNull()
    expect(got.issues[0].message).toBe("LogTime '2015-02-29 00:00:00' is not a valid calendar date and time; the row cannot be imported.")
  })

  it.each([
    { name: 'anonymous (UserID 0)', row: { UserID: 0 }, want: { userId: null, legacyUserId: null }, keys: [] },
    { name: 'orphan user', row: { UserID: 424242 }, want: { userId: null, legacyUserId: 424242 }, keys: ['ORPHAN_REF@UserID'] },
    { name: "the string 'NULL'", row: { Action: 'NULL', Details: 'NULL', IP: 'NULL' }, want: { action: 'NULL', details: 'NULL', ip: 'NULL' }, keys: [] },
    { name: 'NUL in details', row: { Details: 'a\0b' }, want: { details: 'ab' }, keys: ['NUL_REMOVED@Details'] },
    { name: 'max TEXT details', row: { Details: 'Sattel 🐴 Größe\t"x"\n'.repeat(2700) }, want: { details: 'Sattel 🐴 Größe\t"x"\n'.repeat(2700) }, keys: [] },
  ])('$name', ({ row, want, keys }) => {
    const got = mapWith(log, { ...base, ...row }, EXISTING)
    expect(got.target).toMatchObject(want)
    expect(issueKeys(got.issues)).toEqual(keys)
  })
})
