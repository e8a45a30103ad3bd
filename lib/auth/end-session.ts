import type { DatabaseClients } from '@/lib/db/prisma'
import { toAccount, type Account } from './account'
import { forgetSession } from './session-cache'
import { hashSessionToken, isSessionToken } from './session-cookie'

/** Signs out: deletes the session of this token; returns whose it was (for the audit log), or null. */
export async function endSession({ db, token }: { db: DatabaseClients; token: string | null }): Promise<Account | null> {
  if (!token || !isSessionToken(token)) return null
  const tokenHash = hashSessionToken(token)
  const session = await db.prisma.operatorSession.findUnique({ where: { tokenHash }, include: { account: true } })
  if (session) await db.prisma.operatorSession.deleteMany({ where: { tokenHash } })
  // After the delete: a request that looked the session up meanwhile cannot remember it again.
  forgetSession(tokenHash)
  return session ? toAccount(session.account) : null
}
