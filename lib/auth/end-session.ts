import type { DatabaseClients } from '@/lib/db/prisma'
import { toAccount, type Account } from './account'
import { forgetSession } from './session-cache'
import { hashSessionToken, isSessionToken } from './session-cookie'

/** Signs out: deletes the session of this token; returns whose it was (for the audit log), or null. */
export async function endSession({ db, token }: { db: DatabaseClients; token: string | null }): Promise<Account | null> {
  if (!token || !isSessionToken(token)) return null
  const tokenHash = hashSessionToken(token)
  forgetSession(tokenHash)
  const session = await db.prisma.operatorSession.findUnique({ where: { tokenHash }, include: { account: true } })
  if (!session) return null
  await db.prisma.operatorSession.deleteMany({ where: { tokenHash } })
  return toAccount(session.account)
}
