// Sign-in, sessions and the login rate limit against a real PostgreSQL: what the cookie holds and
// what the database keeps, idle and absolute expiry, sign-out, disabled accounts, and the limits
// per email and per address, also under parallel guesses.

process.env.ORDERMYS_BCRYPT_COST = '4'

import { beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '@/lib/errors'
import { useTestDatabase } from '@/lib/testing/use-test-database'
import { createAccount } from './create-account'
import { disableAccount } from './disable-account'
import { endSession } from './end-session'
import { getSessionAccount } from './get-session-account'
import { SESSION_CACHE_MS } from './session-cache'
import { hashSessionToken } from './session-cookie'
import { signIn } from './sign-in'

const db = useTestDatabase()
const PASSWORD = 'a long enough password'
const request = { ipAddress: '203.0.113.7', userAgent: 'vitest' }
const t0 = new Date('2026-11-25T10:00:00Z')
const later = (ms: number, from = t0) => new Date(from.getTime() + ms)
const MINUTE = 60_000
const HOUR = 60 * MINUTE

let n = 0
/** a fresh account (emails differ per test: the limits count per email) */
async function account(role: 'operator' | 'viewer' = 'operator') {
  n += 1
  return createAccount({ db, email: `person${n}@example.com`, password: PASSWORD, role, createdBy: '00000000-0000-4000-8000-000000000000' })
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message, details: error.details }
    throw error
  }
  throw new Error('expected a refusal')
}

async function events(email: string) {
  const rows = await db.prisma.migrationEvent.findMany({ orderBy: { id: 'asc' } })
  return rows.filter((e) => (e.data as { email?: string } | null)?.email === email).map((e) => ({ type: e.type, actor: e.actor, data: e.data }))
}

beforeEach(async () => {
  // every test starts with no recorded attempts from the shared address
  await db.prisma.loginAttempt.deleteMany()
})

describe('signing in', () => {
  it('opens a session: the cookie gets a random token, the database only its SHA-256', async () => {
    const me = await account()
    const { token, account: signedIn, expiresAt } = await signIn({ db, email: me.email, password: PASSWORD, request, now: t0 })
    expect(signedIn).toEqual(me)
    expect(expiresAt).toEqual(later(7 * 24 * HOUR))
    const sessions = await db.prisma.operatorSession.findMany({ where: { accountId: me.id } })
    expect(sessions).toHaveLength(1)
    expect(sessions[0].tokenHash).toBe(hashSessionToken(token))
    expect(JSON.stringify(sessions)).not.toContain(token)
    expect(await getSessionAccount({ db, token, now: later(MINUTE) })).toEqual(me)
    expect(await events(me.email)).toEqual([{ type: 'auth.signed_in', actor: me.id, data: { email: me.email } }])
  })

  it.each([
    { what: 'a wrong password', email: () => 'known', password: 'not the password', reason: 'wrong_password' },
    { what: 'an email without account', email: () => 'nobody@example.com', password: PASSWORD, reason: 'no_account' },
  ])('refuses $what with one message, and records it', async ({ email, password, reason }) => {
    const me = await account()
    const address = email() === 'known' ? me.email : email()
    expect(await refusal(signIn({ db, email: address, password, request, now: t0 }))).toMatchObject({ code: 'UNAUTHORIZED', message: 'Wrong email or password.' })
    expect(await events(address)).toEqual([{ type: 'auth.sign_in_failed', actor: null, data: { email: address, reason } }])
  })

  it('ends a session after 12 hours without a request, and deletes it', async () => {
    const me = await account()
    const { token } = await signIn({ db, email: me.email, password: PASSWORD, request, now: t0 })
    // each request within 12 hours keeps it alive
    expect(await getSessionAccount({ db, token, now: later(11 * HOUR) })).toEqual(me)
    expect(await getSessionAccount({ db, token, now: later(22 * HOUR) })).toEqual(me)
    expect(await getSessionAccount({ db, token, now: later(34 * HOUR) })).toBeNull()
    expect(await db.prisma.operatorSession.count({ where: { accountId: me.id } })).toBe(0)
  })

  it('ends a session 7 days after sign-in, however busy', async () => {
    const me = await account()
    const { token } = await signIn({ db, email: me.email, password: PASSWORD, request, now: t0 })
    for (let h = 10; h < 7 * 24; h += 10) expect(await getSessionAccount({ db, token, now: later(h * HOUR) })).toEqual(me)
    expect(await getSessionAccount({ db, token, now: later(7 * 24 * HOUR) })).toBeNull()
  })

  it('signs out: the token no longer works', async () => {
    const me = await account()
    const { token } = await signIn({ db, email: me.email, password: PASSWORD, request, now: t0 })
    expect(await getSessionAccount({ db, token, now: t0 })).toEqual(me) // now remembered for a few seconds
    expect(await endSession({ db, token })).toEqual(me)
    expect(await getSessionAccount({ db, token, now: later(1000) })).toBeNull()
    expect(await endSession({ db, token })).toBeNull()
  })

  it('remembers a valid session for SESSION_CACHE_MS: a row deleted behind its back (another process) counts after that', async () => {
    const me = await account()
    const { token } = await signIn({ db, email: me.email, password: PASSWORD, request, now: t0 })
    expect(await getSessionAccount({ db, token, now: t0 })).toEqual(me)
    await db.prisma.operatorSession.deleteMany({ where: { tokenHash: hashSessionToken(token) } })
    expect(await getSessionAccount({ db, token, now: later(SESSION_CACHE_MS - 1) })).toEqual(me)
    expect(await getSessionAccount({ db, token, now: later(SESSION_CACHE_MS) })).toBeNull()
  })

  it('knows no session for a token it never issued', async () => {
    expect(await getSessionAccount({ db, token: 'B'.repeat(43) })).toBeNull()
    expect(await getSessionAccount({ db, token: null })).toBeNull()
  })

  it('disabling an account ends its sessions and refuses its sign-in like a wrong password', async () => {
    const admin = await account()
    const me = await account('viewer')
    const { token } = await signIn({ db, email: me.email, password: PASSWORD, request, now: t0 })
    expect(await getSessionAccount({ db, token, now: later(MINUTE - 1000) })).toEqual(me)
    await disableAccount({ db, accountId: me.id, by: admin.id, now: later(MINUTE) })
    expect(await getSessionAccount({ db, token, now: later(MINUTE) })).toBeNull() // within the cache's seconds, too
    expect(await getSessionAccount({ db, token, now: later(2 * MINUTE) })).toBeNull()
    expect(await refusal(signIn({ db, email: me.email, password: PASSWORD, request, now: later(3 * MINUTE) }))).toMatchObject({ code: 'UNAUTHORIZED' })
    expect(await refusal(disableAccount({ db, accountId: admin.id, by: admin.id }))).toMatchObject({ code: 'CONFLICT', message: 'You cannot disable your own account.' })
    expect(await refusal(disableAccount({ db, accountId: me.id, by: admin.id }))).toMatchObject({ code: 'CONFLICT' })
  })
})

describe('the login rate limit', () => {
  it('locks an email after 5 failures in 15 minutes, says until when, and opens again', async () => {
    const me = await account()
    for (let i = 0; i < 5; i++) {
      expect(await refusal(signIn({ db, email: me.email, password: 'wrong password', request, now: later(i * MINUTE) }))).toMatchObject({ code: 'UNAUTHORIZED' })
    }
    // the right password does not help while locked
    const locked = await refusal(signIn({ db, email: me.email, password: PASSWORD, request, now: later(6 * MINUTE) }))
    expect(locked).toEqual({
      code: 'RATE_LIMITED',
      message: 'Too many failed sign-ins for this email. Try again in 9 minutes (at 10:15 UTC).',
      details: { retryAt: '2026-11-25T10:15:00.000Z' },
    })
    // from another address too: the email is what is locked
    expect(await refusal(signIn({ db, email: me.email, password: PASSWORD, request: { ...request, ipAddress: '198.51.100.1' }, now: later(14 * MINUTE) }))).toMatchObject({ code: 'RATE_LIMITED' })
    expect((await events(me.email)).map((e) => e.type)).toContain('auth.sign_in_refused')
    // the first failure leaves the window at 10:15
    await expect(signIn({ db, email: me.email, password: PASSWORD, request, now: later(15 * MINUTE) })).resolves.toMatchObject({ account: me })
  })

  it('counts failures for an email only since its last successful sign-in', async () => {
    const me = await account()
    for (let i = 0; i < 4; i++) await refusal(signIn({ db, email: me.email, password: 'wrong password', request, now: later(i * MINUTE) }))
    await signIn({ db, email: me.email, password: PASSWORD, request, now: later(5 * MINUTE) })
    for (let i = 0; i < 4; i++) await refusal(signIn({ db, email: me.email, password: 'wrong password', request, now: later((6 + i) * MINUTE) }))
    await expect(signIn({ db, email: me.email, password: PASSWORD, request, now: later(11 * MINUTE) })).resolves.toBeDefined()
  })

  it('locks an address after 20 failures in 15 minutes, whatever the emails', async () => {
    const me = await account()
    const attacker = { ipAddress: '192.0.2.66', userAgent: 'guesser' }
    for (let i = 0; i < 20; i++) {
      await refusal(signIn({ db, email: `guess${i}@example.com`, password: 'wrong password', request: attacker, now: later(i * 10_000) }))
    }
    expect(await refusal(signIn({ db, email: me.email, password: PASSWORD, request: attacker, now: later(4 * MINUTE) }))).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Too many failed sign-ins for this network address. Try again in 11 minutes (at 10:15 UTC).',
    })
    // another address is not affected
    await expect(signIn({ db, email: me.email, password: PASSWORD, request, now: later(4 * MINUTE) })).resolves.toBeDefined()
  })

  it('lets no more than 5 guesses through when they arrive at once', async () => {
    const me = await account()
    const results = await Promise.all(
      Array.from({ length: 12 }, () => refusal(signIn({ db, email: me.email, password: 'wrong password', request, now: t0 }))),
    )
    expect(results.filter((r) => r.code === 'UNAUTHORIZED')).toHaveLength(5)
    expect(results.filter((r) => r.code === 'RATE_LIMITED')).toHaveLength(7)
  })
})
