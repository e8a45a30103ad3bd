import { describe, expect, it } from 'vitest'
import { describePasswordShape, passwordAlgo } from './password-hash'

const BCRYPT_2Y = '$2y$10$' + 'abcdefghijklmnopqrstuv' + 'wxyzABCDEFGHIJKLMNOPQRSTUVWXY./'

describe('passwordAlgo', () => {
  it.each([
    { hash: BCRYPT_2Y, want: 'bcrypt' },
    { hash: BCRYPT_2Y.replace('$2y$', '$2a$'), want: 'bcrypt' },
    { hash: BCRYPT_2Y.replace('$2y$', '$2b$'), want: 'bcrypt' },
    { hash: BCRYPT_2Y.replace('$2y$10$', '$2y$12$'), want: 'bcrypt' },
    { hash: '5f4dcc3b5aa765d61d8327deb882cf99', want: 'md5' },
    { hash: '5F4DCC3B5AA765D61D8327DEB882CF99', want: 'md5' },
    { hash: '', want: null },
    { hash: 'password', want: null },
    { hash: BCRYPT_2Y.slice(0, 40), want: null },
    { hash: BCRYPT_2Y.replace('$2y$', '$2x$'), want: null },
    { hash: '5f4dcc3b5aa765d61d8327deb882cf9', want: null },
    { hash: '5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8', want: null },
  ])('$hash → $want', ({ hash, want }) => {
    expect(passwordAlgo(hash)).toBe(want)
  })
})

describe('describePasswordShape', () => {
  it.each([
    { value: '', want: 'is empty' },
    { value: '$2y$10$short', want: 'looks like a damaged bcrypt hash (12 characters)' },
    { value: '5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8', want: 'looks like a SHA-1 digest (40 hex characters)' },
    { value: 'abc123', want: 'is 6 hex characters, not an md5 digest (32)' },
    { value: 'hunter2!', want: 'is not a bcrypt hash or an md5 digest (8 characters; possibly plain text)' },
  ])('$value', ({ value, want }) => {
    expect(describePasswordShape(value)).toBe(want)
    expect(describePasswordShape(value)).not.toContain(value || '\u0000')
  })
})
