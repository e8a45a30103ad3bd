// The server-action wrapper refuses on the server: no session → UNAUTHORIZED, a viewer →
// FORBIDDEN (recorded in the audit log), before the input is read or the work runs.

process.env.ORDERMYS_BCRYPT_COST = '4'

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { createAccount } from '@/lib/auth/create-account'
import { SESSION_COOKIE } from '@/lib/auth/session-cookie'
import { signIn } from '@/lib/auth/sign-in'
import { disconnectDatabase } from '@/lib/db/prisma'
import { useTestDatabase } from '@/lib/testing/use-test-database'
import { authenticateOperator, authenticateReader } from './authenticate-operator'
import { operatorAction } from './operator-action'

const db = useTestDatabase()
const PASSWORD = 'a long enough password'
const request = { ipAddress: '127.0.0.1', userAgent: 'vitest' }
const cookies: Record<'operator' | 'viewer', string> = { operator: '', viewer: '' }
const ids: Record<'operator' | 'viewer', string> = { operator: '', viewer: '' }

const previousUrl = process.env.DATABASE_URL

beforeAll(async () => {
  // operatorAction uses the app's shared client (lib/db/prisma), which reads DATABASE_URL.
  process.env.DATABASE_URL = db.url
  for (const role of ['operator', 'viewer'] as const) {
    const account = await createAccount({ db, email: `${role}@example.com`, password: PASSWORD, role, createdBy: '00000000-0000-4000-8000-000000000000' })
    const { token } = await signIn({ db, email: account.email, password: PASSWORD, request })
    cookies[role] = `${SESSION_COOKIE}=${token}`
    ids[role] = account.id
  }
})
afterAll(async () => {
  await disconnectDatabase()
  if (previousUrl === undefined) delete process.env.DATABASE_URL
  else process.env.DATABASE_URL = previousUrl
})

const headersWith = (cookie?: string) => new Headers({ ...(cookie ? { cookie } : {}), 'user-agent': 'vitest', 'x-forwarded-for': '127.0.0.1' })

function rename() {
  const work = vi.fn(async ({ name }: { name: string }) => ({ renamed: name }))
  const action = operatorAction({ name: 'rename', input: z.object({ name: z.string().min(1) }) }, work, (input) => ({
    type: 'run.reconciled',
    data: { name: input.name },
  }))
  return { action, work }
}

describe('operatorAction', () => {
  it.each([
    { who: 'nobody', cookie: undefined, code: 'UNAUTHORIZED' },
    { who: 'an unknown token', cookie: `${SESSION_COOKIE}=${'C'.repeat(43)}`, code: 'UNAUTHORIZED' },
    { who: 'a viewer', cookie: 'viewer', code: 'FORBIDDEN' },
  ])('refuses $who with $code, without running', async ({ cookie, code }) => {
    const { action, work } = rename()
    const result = await action({ name: 'x' }, headersWith(cookie === 'viewer' ? cookies.viewer : cookie))
    expect(result).toMatchObject({ ok: false, code })
    expect(work).not.toHaveBeenCalled()
  })

  it("records a viewer's refused attempt in the audit log", async () => {
    const { action } = rename()
    await action({ name: 'y' }, headersWith(cookies.viewer))
    const refused = await db.prisma.migrationEvent.findFirst({ where: { type: 'action.forbidden' }, orderBy: { id: 'desc' } })
    expect(refused).toMatchObject({ actor: ids.viewer, data: { action: 'rename' }, ipAddress: '127.0.0.1' })
  })

  it('runs for an operator and records who did it', async () => {
    const { action, work } = rename()
    expect(await action({ name: 'ok' }, headersWith(cookies.operator))).toEqual({ ok: true, data: { renamed: 'ok' } })
    expect(work).toHaveBeenCalledOnce()
    const event = await db.prisma.migrationEvent.findFirst({ where: { type: 'run.reconciled' }, orderBy: { id: 'desc' } })
    expect(event).toMatchObject({ actor: ids.operator, data: { name: 'ok' }, userAgent: 'vitest' })
  })

  it('authenticates before it parses: a viewer learns nothing about the input', async () => {
    const { action } = rename()
    expect(await action({ nonsense: true }, headersWith(cookies.viewer))).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await action({ nonsense: true }, headersWith(cookies.operator))).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })
})

describe('route handlers', () => {
  it('authenticateReader lets both roles read; authenticateOperator only operators', async () => {
    await expect(authenticateReader(headersWith(cookies.viewer))).resolves.toMatchObject({ id: ids.viewer, name: 'viewer@example.com', role: 'viewer' })
    await expect(authenticateOperator(headersWith(cookies.operator))).resolves.toMatchObject({ id: ids.operator, role: 'operator' })
    await expect(authenticateOperator(headersWith(cookies.viewer))).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 })
    await expect(authenticateReader(headersWith())).rejects.toMatchObject({ code: 'UNAUTHORIZED', status: 401 })
  })
})
