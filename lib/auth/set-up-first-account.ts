import { recordEvent } from '@/lib/actions/record-event'
import type { RequestInfo } from '@/lib/actions/authenticate-operator'
import type { DatabaseClients } from '@/lib/db/prisma'
import { createFirstAccount } from './create-first-account'
import { signIn, type SignInResult } from './sign-in'

/** The setup page: the first operator account (CONFLICT once any exists), recorded, and signed in. */
export async function setUpFirstAccount({ db, email, password, request }: { db: DatabaseClients; email: string; password: string; request: RequestInfo }): Promise<SignInResult> {
  const account = await createFirstAccount({ db, email, password })
  await recordEvent(db, { type: 'account.setup', data: { email, role: account.role } }, { id: account.id, name: account.email, role: account.role }, request)
  return signIn({ db, email, password, request })
}
