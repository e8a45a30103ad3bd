import type { DatabaseClients } from '@/lib/db/prisma'
import { toAccount, type Account } from './account'
import { cachedSession, rememberSession } from './session-cache'
import { hashSessionToken, isSessionToken } from './session-cookie'
import { sessionState, shouldTouchSession } from './session-policy'

export interface GetSessionAccountOptions {
  db: DatabaseClients
  /** the cookie's token */
  token: string | null
  now?: Date
}

/**
 * The account signed in with this token, or null: no such session, expired (12 h idle, 7 days
 * in all; the row is deleted then), or a disabled account. Refreshes the idle clock at most once
 * a minute. A valid session is remembered for a few seconds (session-cache.ts).
 */
export async function getSessionAccount({ db, token, now = new Date() }: GetSessionAccountOptions): Promise<Account | null> {
  if (!token || !isSessionToken(token)) return null
  const tokenHash = hashSessionToken(token)
  const cached = cachedSession(tokenHash, now.getTime())
  if (cached) return cached
  const session = await db.prisma.operatorSession.findUnique({
    where: { tokenHash },
    include: { account: { select: { id: true, email: true, role: true, disabledAt: true } } },
  })
  if (!session) return null
  if (sessionState(session, now) !== 'valid') {
    await db.prisma.operatorSession.deleteMany({ where: { id: session.id } })
    return null
  }
  if (session.account.disabledAt) return null
  if (shouldTouchSession(session, now)) {
    await db.prisma.operatorSession.updateMany({ where: { id: session.id }, data: { lastSeenAt: now } })
  }
  const account = toAccount(session.account)
  rememberSession(tokenHash, account, now.getTime())
  return account
}
