import bcrypt from 'bcryptjs'
import { describe, expect, it } from 'vitest'
import { bcryptCost, hashPassword, passwordProblem, verifyAgainstNothing, verifyPassword } from './password'

describe('bcrypt cost', () => {
  it.each([
    { env: {}, want: 12 },
    { env: { ORDERMYS_BCRYPT_COST: '' }, want: 12 },
    { env: { ORDERMYS_BCRYPT_COST: '4' }, want: 4 },
    { env: { ORDERMYS_BCRYPT_COST: '15' }, want: 15 },
  ])('$env → $want', ({ env, want }) => {
    expect(bcryptCost(env)).toBe(want)
  })

  it.each(['3', '16', '12.5', 'twelve'])('refuses ORDERMYS_BCRYPT_COST=%s', (raw) => {
    expect(() => bcryptCost({ ORDERMYS_BCRYPT_COST: raw })).toThrow(/ORDERMYS_BCRYPT_COST must be a whole number from 4 to 15/)
  })
})

describe('a new password', () => {
  it.each([
    { password: 'short', want: /at least 12 characters/ },
    { password: '12345678901', want: /at least 12 characters/ },
    { password: '123456789012', want: null },
    { password: 'ü'.repeat(36), want: null }, // 72 bytes
    { password: 'ü'.repeat(37), want: /fit in 72 bytes/ }, // 74 bytes: bcrypt would cut it
  ])('$password', ({ password, want }) => {
    const problem = passwordProblem(password)
    if (want === null) expect(problem).toBeNull()
    else expect(problem).toMatch(want)
  })
})

describe('hashing', () => {
  it('is bcrypt at cost 12 by default, and verifies only the same password', async () => {
    const hash = await hashPassword('correct horse battery', bcryptCost({}))
    expect(hash).toMatch(/^\$2b\$12\$/)
    expect(bcrypt.getRounds(hash)).toBe(12)
    expect(await verifyPassword('correct horse battery', hash)).toBe(true)
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false)
  })

  it('salts: the same password hashes differently', async () => {
    expect(await hashPassword('same password!', 4)).not.toBe(await hashPassword('same password!', 4))
  })

  it('answers false for an email without account, after comparing like a real check', async () => {
    expect(await verifyAgainstNothing('anything at all')).toBe(false)
  })
})
