// The first account (setup page, ADMIN_EMAIL/ADMIN_PASSWORD) and the accounts operators create,
// against a real PostgreSQL. Each test starts with no account at all.

process.env.ORDERMYS_BCRYPT_COST = '4'

import { beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '@/lib/errors'
import { useTestDatabase } from '@/lib/testing/use-test-database'
import { adminFromEnv, bootstrapAdmin } from './bootstrap-admin'
import { createAccount } from './create-account'
import { createFirstAccount } from './create-first-account'
import { disableAccount } from './disable-account'
import { hasAccounts } from './has-accounts'
import { listAccounts } from './list-accounts'
import { verifyPassword } from './password'

const db = useTestDatabase()
const PASSWORD = 'a long enough password'

async function refusal(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message }
    throw error
  }
  throw new Error('expected a refusal')
}

beforeEach(async () => {
  await db.prisma.operatorAccount.deleteMany()
})

describe('the admin from the environment', () => {
  it.each([
    { env: {}, want: null },
    { env: { ADMIN_EMAIL: ' Admin@Example.com ', ADMIN_PASSWORD: PASSWORD }, want: { email: 'admin@example.com', password: PASSWORD } },
  ])('$env', ({ env, want }) => {
    expect(adminFromEnv(env)).toEqual(want)
  })

  it.each([
    { env: { ADMIN_EMAIL: 'admin@example.com' }, error: 'Set both ADMIN_EMAIL and ADMIN_PASSWORD' },
    { env: { ADMIN_PASSWORD: PASSWORD }, error: 'Set both ADMIN_EMAIL and ADMIN_PASSWORD' },
    { env: { ADMIN_EMAIL: 'admin', ADMIN_PASSWORD: PASSWORD }, error: 'ADMIN_EMAIL is not an email address: "admin".' },
    { env: { ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: 'secret' }, error: 'ADMIN_PASSWORD is refused: The password must have at least 12 characters.' },
  ])('refuses $env', ({ env, error }) => {
    expect(() => adminFromEnv(env)).toThrow(error)
  })

  it('creates the admin as an operator when no account exists, once', async () => {
    const env = { ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: PASSWORD }
    expect(await hasAccounts({ db })).toBe(false)
    const created = await bootstrapAdmin({ db, env })
    expect(created).toMatchObject({ email: 'admin@example.com', role: 'operator' })
    expect(await hasAccounts({ db })).toBe(true)
    // again (a restart, a second process): nothing happens, the password is not changed
    expect(await bootstrapAdmin({ db, env: { ...env, ADMIN_PASSWORD: 'another long password' } })).toBeNull()
    const row = await db.prisma.operatorAccount.findUniqueOrThrow({ where: { email: 'admin@example.com' } })
    expect(await verifyPassword(PASSWORD, row.passwordHash)).toBe(true)
    expect(row.passwordHash).not.toContain(PASSWORD)
  })

  it('does nothing without the variables', async () => {
    expect(await bootstrapAdmin({ db, env: {} })).toBeNull()
    expect(await hasAccounts({ db })).toBe(false)
  })

  it('two processes starting at once create one admin', async () => {
    const env = { ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: PASSWORD }
    const results = await Promise.all([bootstrapAdmin({ db, env }), bootstrapAdmin({ db, env }), bootstrapAdmin({ db, env })])
    expect(results.filter((r) => r !== null)).toHaveLength(1)
    expect(await db.prisma.operatorAccount.count()).toBe(1)
  })
})

describe('the setup page (first account)', () => {
  it('creates an operator while no account exists, then refuses', async () => {
    expect(await createFirstAccount({ db, email: 'first@example.com', password: PASSWORD })).toMatchObject({ role: 'operator' })
    expect(await refusal(createFirstAccount({ db, email: 'second@example.com', password: PASSWORD }))).toEqual({
      code: 'CONFLICT',
      message: 'The app is set up already: sign in with an existing account.',
    })
  })

  it('lets exactly one of several racing setups win', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => createFirstAccount({ db, email: `racer${i}@example.com`, password: PASSWORD })),
    )
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'CONFLICT' })
    expect(await db.prisma.operatorAccount.count()).toBe(1)
  })

  it('refuses a short password before writing anything', async () => {
    expect(await refusal(createFirstAccount({ db, email: 'first@example.com', password: 'short' }))).toMatchObject({ code: 'INVALID_INPUT' })
    expect(await hasAccounts({ db })).toBe(false)
  })
})

describe('accounts created by an operator', () => {
  it('are listed with their role and creator, active first; an email has one account', async () => {
    const admin = await createFirstAccount({ db, email: 'admin@example.com', password: PASSWORD })
    const viewer = await createAccount({ db, email: 'viewer@example.com', password: PASSWORD, role: 'viewer', createdBy: admin.id })
    await createAccount({ db, email: 'alex@example.com', password: PASSWORD, role: 'operator', createdBy: admin.id })
    expect(await refusal(createAccount({ db, email: 'viewer@example.com', password: PASSWORD, role: 'operator', createdBy: admin.id }))).toEqual({
      code: 'CONFLICT',
      message: 'There is already an account for viewer@example.com.',
    })
    await disableAccount({ db, accountId: viewer.id, by: admin.id })
    const list = await listAccounts({ db })
    expect(list.map((a) => [a.email, a.role, a.createdByEmail, a.disabledAt !== null])).toEqual([
      ['admin@example.com', 'operator', null, false],
      ['alex@example.com', 'operator', 'admin@example.com', false],
      ['viewer@example.com', 'viewer', 'admin@example.com', true],
    ])
    expect(JSON.stringify(list)).not.toContain('$2')
  })
})
