import { recordEvent } from '@/lib/actions/record-event'
import type { RequestInfo } from '@/lib/actions/authenticate-operator'
import type { DatabaseClients } from '@/lib/db/prisma'
import { endSession } from './end-session'

/** Ends the session of this token (the cookie is the caller's) and records who signed out. */
export async function signOut({ db, token, request }: { db: DatabaseClients; token: string | null; request: RequestInfo }): Promise<void> {
  const account = await endSession({ db, token })
  if (account) await recordEvent(db, { type: 'auth.signed_out', data: { email: account.email } }, { id: account.id, name: account.email, role: account.role }, request)
}
