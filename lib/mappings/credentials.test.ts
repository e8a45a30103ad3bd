import { describe, expect, it } from 'vitest'
import { credentials } from './credentials'
import { EXISTING, IMPORT_TIME, asStagedText, issueKeys, mapWith, uuid } from './testing'

const BCRYPT = '$2y$10$abcdefghijklmnopqrstuuJ0ZkQeQwWl0r6oQzK6lq0zP0Kq8Zz1S'
const MD5 = '5f4dcc3b5aa765d61d8327deb882cf99'
const base = { ID: 2, UserName: "o'brien", Password: BCRYPT, UserType: 2, Email: 'ob@example.com', LastLogin: 1700000000, Deleted: 0 }

describe('Credentials → users', () => {
  it('maps a bcrypt account', () => {
    expect(mapWith(credentials, base, EXISTING)).toEqual({
      target: {
        id: uuid('Credentials', 2),
        legacyId: 2,
        username: "o'brien",
        email: 'ob@example.com',
        roleId: uuid('UserTypes', 2),
        legacyRoleId: 2,
        passwordHash: BCRYPT,
        passwordAlgo: 'bcrypt',
        mustResetPassword: false,
        lastLoginAt: new Date('2023-11-14T22:13:20Z'),
        deletedAt: null,
        createdAt: IMPORT_TIME,
        updatedAt: IMPORT_TIME,
      },
      issues: [],
    })
  })

  it('maps the staged-text form of the row identically', () => {
    expect(mapWith(credentials, asStagedText(base), EXISTING)).toEqual(mapWith(credentials, base, EXISTING))
  })

  it.each([
    { name: 'bcrypt $2a$', row: { Password: BCRYPT.replace('$2y$', '$2a$') }, want: { passwordAlgo: 'bcrypt', mustResetPassword: false }, keys: [] },
    { name: 'bcrypt $2b$', row: { Password: BCRYPT.replace('$2y$', '$2b$') }, want: { passwordAlgo: 'bcrypt', mustResetPassword: false }, keys: [] },
    { name: 'md5', row: { Password: MD5 }, want: { passwordHash: MD5, passwordAlgo: 'md5', mustResetPassword: true }, keys: ['MD5_PASSWORD@Password'] },
    { name: 'md5 upper case (kept as is)', row: { Password: MD5.toUpperCase() }, want: { passwordHash: MD5.toUpperCase(), passwordAlgo: 'md5', mustResetPassword: true }, keys: ['MD5_PASSWORD@Password'] },
    { name: 'empty password', row: { Password: '' }, want: { passwordHash: null, passwordAlgo: null, mustResetPassword: true }, keys: ['UNKNOWN_PASSWORD_HASH@Password'] },
    { name: 'plain text password', row: { Password: 'hunter2' }, want: { passwordHash: null, passwordAlgo: null, mustResetPassword: true }, keys: ['UNKNOWN_PASSWORD_HASH@Password'] },
    { name: 'password with a NUL', row: { Password: MD5 + '\0' }, want: { passwordHash: null, passwordAlgo: null, mustResetPassword: true }, keys: ['UNKNOWN_PASSWORD_HASH@Password'] },
    { name: 'LastLogin 0 = never (no issue)', row: { LastLogin: 0 }, want: { lastLoginAt: null }, keys: [] },
    { name: 'LastLogin at the end of int32', row: { LastLogin: 2147483647 }, want: { lastLoginAt: new Date('2038-01-19T03:14:07Z') }, keys: [] },
    { name: 'deleted', row: { Deleted: 1 }, want: { deletedAt: IMPORT_TIME }, keys: [] },
    { name: 'UserType 0', row: { UserType: 0 }, want: { roleId: null, legacyRoleId: null }, keys: [] },
    { name: 'orphan UserType', row: { UserType: 99 }, want: { roleId: null, legacyRoleId: 99 }, keys: ['ORPHAN_REF@UserType'] },
    { name: 'double-encoded user name', row: { UserName: 'MÃ¼ller' }, want: { username: 'MÃ¼ller' }, keys: ['MOJIBAKE_SUSPECTED@UserName'] },
    { name: 'user name with emoji and combining mark', row: { UserName: 'Zoe\u0308 😀' }, want: { username: 'Zoe\u0308 😀' }, keys: [] },
    { name: "email 'NULL' is text", row: { Email: 'NULL' }, want: { email: 'NULL' }, keys: [] },
    { name: 'email NULL', row: { Email: null }, want: { email: null }, keys: [] },
  ])('$name', ({ row, want, keys }) => {
    const got = mapWith(credentials, { ...base, ...row }, EXISTING)
    expect(got.target).toMatchObject(want)
    expect(issueKeys(got.issues)).toEqual(keys)
  })

  it.each([
    { Password: MD5 },
    { Password: 'hunter2' },
    { Password: MD5 + '\0' },
  ])('never shows the password in an issue: $Password', ({ Password }) => {
    for (const issue of mapWith(credentials, { ...base, Password }, EXISTING).issues) {
      expect(issue.value).toBeUndefined()
      expect(issue.message).not.toContain(Password.replace('\0', ''))
    }
  })

  it('says why an unknown hash is not stored', () => {
    expect(mapWith(credentials, { ...base, Password: '' }, EXISTING).issues[0].message).toBe(
      'Password is empty; it is not copied (password_hash left NULL) and the user must reset the password.',
    )
  })
})
