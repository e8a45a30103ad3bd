// THE place where authentication plugs in. Every server action (lib/actions/operator-action.ts) and
// every route handler calls one of these first; pages call them through app/_auth (which
// redirects to /login instead of throwing).
//
// The session is the `ordermys_session` cookie (lib/auth): a random token whose SHA-256 names a
// row of operator_sessions. No valid session: UNAUTHORIZED. A viewer asking to change something:
// FORBIDDEN — refused here, on the server, whatever the page showed.

import type { Account } from '@/lib/auth/account'
import { getSessionAccount } from '@/lib/auth/get-session-account'
import type { Role } from '@/lib/auth/roles'
import { readSessionCookie } from '@/lib/auth/session-cookie'
import { getDatabase, type DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'

export type { Role }

export interface Operator {
  /** stable id written to audit entries and runs: the account's id */
  id: string
  /** what the pages show: the account's email */
  name: string
  /** operator: may change data; viewer: reads only */
  role: Role
}

/** The few request headers the audit log and the session need; `Headers` fits. */
export interface RequestHeaders {
  get(name: string): string | null
}

export interface RequestInfo {
  ipAddress: string | null
  userAgent: string | null
}

/** A signed-in account that may change data (role operator); UNAUTHORIZED without a session, FORBIDDEN for a viewer. */
export async function authenticateOperator(headers: RequestHeaders, db: DatabaseClients = getDatabase()): Promise<Operator> {
  return assertOperator(await authenticateReader(headers, db))
}

/** The account itself when it is an operator; FORBIDDEN for a viewer. */
export function assertOperator(account: Operator): Operator {
  if (account.role !== 'operator') throw new AppError('FORBIDDEN', 'Your account can read but not change anything: ask an operator.')
  return account
}

/**
 * Any signed-in, active account (operator or viewer), for read-only pages and routes; throws
 * AppError('UNAUTHORIZED') without a valid session. Same shape as authenticateOperator.
 */
export async function authenticateReader(headers: RequestHeaders, db: DatabaseClients = getDatabase()): Promise<Operator> {
  const account = await getSessionAccount({ db, token: readSessionCookie(headers.get('cookie')) })
  if (!account) throw new AppError('UNAUTHORIZED', 'You are not signed in, or your session has ended: sign in again.')
  return toOperator(account)
}

export function toOperator(account: Account): Operator {
  return { id: account.id, name: account.email, role: account.role }
}

/** Client address and browser for the audit log (the first proxy hop, when there is one). */
export function requestInfo(headers: RequestHeaders): RequestInfo {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim()
  return {
    ipAddress: forwarded || headers.get('x-real-ip') || null,
    userAgent: headers.get('user-agent')?.slice(0, 400) ?? null,
  }
}
