import type { DatabaseClients } from '@/lib/db/prisma'
import { isAppError } from '@/lib/errors'
import type { Account } from './account'
import { emailInput } from './account.validation'
import { createFirstAccount } from './create-first-account'
import { hasAccounts } from './has-accounts'
import { passwordProblem } from './password'

// ADMIN_EMAIL / ADMIN_PASSWORD: the first operator account, created when no account exists (at
// `npm start` / `npm run dev`, and again on a sign-in if the accounts were emptied meanwhile).
// Once any account exists they are ignored: changing them does not change a password.

export type Env = Record<string, string | undefined>

/** The admin the environment asks for, or null when neither variable is set; throws with a clear message when they are unusable. */
export function adminFromEnv(env: Env): { email: string; password: string } | null {
  const email = env.ADMIN_EMAIL?.trim() || undefined
  const password = env.ADMIN_PASSWORD || undefined
  if (!email && !password) return null
  if (!email || !password) {
    throw new Error('Set both ADMIN_EMAIL and ADMIN_PASSWORD (or neither, and create the first account on the /setup page).')
  }
  const parsed = emailInput.safeParse(email)
  if (!parsed.success) throw new Error(`ADMIN_EMAIL is not an email address: "${email}".`)
  const problem = passwordProblem(password)
  if (problem) throw new Error(`ADMIN_PASSWORD is refused: ${problem}`)
  return { email: parsed.data, password }
}

/** Creates the admin from the environment when it asks for one and no account exists; returns it, else null. */
export async function bootstrapAdmin({ db, env }: { db: DatabaseClients; env: Env }): Promise<Account | null> {
  const admin = adminFromEnv(env)
  if (!admin || (await hasAccounts({ db }))) return null
  try {
    return await createFirstAccount({ db, ...admin })
  } catch (error) {
    // Another process created the first account meanwhile.
    if (isAppError(error) && error.code === 'CONFLICT') return null
    throw error
  }
}
