import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { toAccount, type Account } from './account'
import { hashPassword, passwordProblem } from './password'

// The first account (setup page or ADMIN_EMAIL/ADMIN_PASSWORD) is an operator, and only while no
// account exists. Two setups racing (two browsers, two app processes) must not both win: the
// check and the insert run in one transaction holding an advisory lock, so the second waits for
// the first to commit and then sees its account.

/** pg_advisory_xact_lock key for "the first account" ('OMFA' as an int). */
const FIRST_ACCOUNT_LOCK = 0x4f4d4641

export interface CreateFirstAccountOptions {
  db: DatabaseClients
  /** already normalised (account.validation.ts) */
  email: string
  password: string
}

/** The first operator; CONFLICT when any account exists. */
export async function createFirstAccount({ db, email, password }: CreateFirstAccountOptions): Promise<Account> {
  const problem = passwordProblem(password)
  if (problem) throw new AppError('INVALID_INPUT', problem)
  // Hashing is slow (cost 12): done before the transaction, which stays short.
  const passwordHash = await hashPassword(password)
  const row = await db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(${FIRST_ACCOUNT_LOCK}::bigint)`
    if ((await tx.operatorAccount.count()) > 0) throw new AppError('CONFLICT', 'The app is set up already: sign in with an existing account.')
    return tx.operatorAccount.create({ data: { email, passwordHash, role: 'operator' } })
  })
  return toAccount(row)
}
