import { recordEvent } from '@/lib/actions/record-event'
import type { RequestInfo } from '@/lib/actions/authenticate-operator'
import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { toAccount, type Account } from './account'
import { findLoginLock, lockMessage, type LoginLock } from './login-rate-limit'
import { verifyAgainstNothing, verifyPassword } from './password'
import { hashSessionToken, newSessionToken } from './session-cookie'
import { SESSION_IDLE_MS, sessionExpiresAt } from './session-policy'

export interface SignInOptions {
  db: DatabaseClients
  /** trimmed, lower-cased (signInInput) */
  email: string
  password: string
  request: RequestInfo
  now?: Date
}

export interface SignInResult {
  account: Account
  /** for the cookie; only its SHA-256 is stored */
  token: string
  expiresAt: Date
}

/** Login attempts are kept a day (the window is 15 minutes; the rest is for a look afterwards). */
const KEEP_ATTEMPTS_MS = 24 * 60 * 60 * 1000

/**
 * Checks an email and password and opens a session. Refuses with RATE_LIMITED (when to retry)
 * after too many failures, UNAUTHORIZED for a wrong email, password or a disabled account (one
 * message for all three). Every outcome is in the audit log.
 *
 * The attempt is counted as a failure before the password is checked, under a lock per email,
 * so that parallel guesses cannot slip past the limit; a success then marks it as such. bcrypt
 * runs outside any transaction, holding no connection.
 */
export async function signIn({ db, email, password, request, now = new Date() }: SignInOptions): Promise<SignInResult> {
  const ipAddress = request.ipAddress
  const attempt = await db.prisma.$transaction(async (tx): Promise<{ lock: LoginLock } | { id: bigint }> => {
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${`login:${email}`}, 0))`
    const lock = await findLoginLock(tx, { email, ipAddress, now })
    if (lock) return { lock }
    const row = await tx.loginAttempt.create({ data: { email, ipAddress, succeeded: false, createdAt: now }, select: { id: true } })
    return { id: row.id }
  })
  if ('lock' in attempt) {
    await recordEvent(db, { type: 'auth.sign_in_refused', data: { email, reason: 'rate_limited', by: attempt.lock.by, retryAt: attempt.lock.retryAt.toISOString() } }, null, request)
    throw new AppError('RATE_LIMITED', lockMessage(attempt.lock, now), { retryAt: attempt.lock.retryAt.toISOString() })
  }

  const row = await db.prisma.operatorAccount.findUnique({ where: { email } })
  const usable = row !== null && row.disabledAt === null
  const passwordOk = usable ? await verifyPassword(password, row.passwordHash) : await verifyAgainstNothing(password)
  if (!usable || !passwordOk) {
    const reason = row === null ? 'no_account' : !usable ? 'disabled' : 'wrong_password'
    await recordEvent(db, { type: 'auth.sign_in_failed', data: { email, reason } }, null, request)
    throw new AppError('UNAUTHORIZED', 'Wrong email or password.')
  }

  const account = toAccount(row)
  const token = newSessionToken()
  const expiresAt = sessionExpiresAt(now)
  await db.prisma.$transaction([
    db.prisma.loginAttempt.update({ where: { id: attempt.id }, data: { succeeded: true } }),
    db.prisma.operatorSession.create({
      data: {
        tokenHash: hashSessionToken(token),
        accountId: account.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
        ipAddress,
        userAgent: request.userAgent,
      },
    }),
    // Housekeeping while we are here: sessions past their expiry, attempts nobody counts anymore.
    db.prisma.operatorSession.deleteMany({
      where: { OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: new Date(now.getTime() - SESSION_IDLE_MS) } }] },
    }),
    db.prisma.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - KEEP_ATTEMPTS_MS) } } }),
  ])
  await recordEvent(db, { type: 'auth.signed_in', data: { email } }, { id: account.id, name: account.email, role: account.role }, request)
  return { account, token, expiresAt }
}
