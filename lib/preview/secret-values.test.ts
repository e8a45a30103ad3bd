import { describe, expect, it } from 'vitest'
import { describePasswordKind, isSecretLegacyColumn, isSecretTargetColumn } from './secret-values'

describe('password values in the preview', () => {
  it.each([
    { value: '$2y$10$abcdefghijklmnopqrstuu5Q9Yp0uYt7ZkX3m6o9QkJk4l0mW8i2e', want: 'bcrypt' },
    { value: '5f4dcc3b5aa765d61d8327deb882cf99', want: 'md5 — reset required' },
    { value: '5F4DCC3B5AA765D61D8327DEB882CF99', want: 'md5 — reset required' },
    { value: '', want: 'empty — reset required' },
    { value: 'hunter2', want: 'unknown — not copied, reset required' },
    { value: null, want: null },
  ])('$value → $want', ({ value, want }) => {
    const kind = describePasswordKind(value)
    expect(kind).toBe(want)
    if (value) expect(kind).not.toContain(value)
  })

  it('knows which columns hold passwords', () => {
    expect(isSecretLegacyColumn('Credentials', 'Password')).toBe(true)
    expect(isSecretLegacyColumn('Credentials', 'UserName')).toBe(false)
    expect(isSecretLegacyColumn('Customers', 'Password')).toBe(false)
    expect(isSecretTargetColumn('users', 'password_hash')).toBe(true)
    expect(isSecretTargetColumn('users', 'password_algo')).toBe(false)
  })
})
