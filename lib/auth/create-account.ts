import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { toAccount, type Account } from './account'
import { hashPassword, passwordProblem } from './password'
import type { Role } from './roles'

export interface CreateAccountOptions {
  db: DatabaseClients
  /** already normalised (account.validation.ts) */
  email: string
  password: string
  role: Role
  /** the operator creating it */
  createdBy: string
}

/** A new account; CONFLICT when the email has one already (also a disabled one). */
export async function createAccount({ db, email, password, role, createdBy }: CreateAccountOptions): Promise<Account> {
  const problem = passwordProblem(password)
  if (problem) throw new AppError('INVALID_INPUT', problem)
  const passwordHash = await hashPassword(password)
  try {
    const row = await db.prisma.operatorAccount.create({ data: { email, passwordHash, role, createdBy } })
    return toAccount(row)
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', `There is already an account for ${email}.`)
    throw error
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'P2002'
}
