import type { Prisma } from '@/lib/generated/prisma/client'

// Sign-in attempts are limited per email and per client address, counted in PostgreSQL
// (login_attempts) so that the limit survives a restart and holds across app processes:
// - an email: 5 failures in 15 minutes (failures before its last successful sign-in do not count);
// - an address: 20 failures in 15 minutes (an office behind one address signs in as several
//   people; a success does not reset it, or one valid account would unlock guessing others).
// While locked, an attempt is refused before the password is checked, and is not counted.

export const LOGIN_WINDOW_MS = 15 * 60 * 1000
export const MAX_FAILURES_PER_EMAIL = 5
export const MAX_FAILURES_PER_ADDRESS = 20

/**
 * When a key locked by its failures opens again, or null when it is not locked. `failures` are
 * the key's failure times inside the window, newest first (at least `limit` of them if there are).
 */
export function lockedUntil(failures: readonly Date[], limit: number, windowMs = LOGIN_WINDOW_MS): Date | null {
  if (failures.length < limit) return null
  // The lock lifts when the limit-th newest failure leaves the window.
  return new Date(failures[limit - 1].getTime() + windowMs)
}

export interface LoginLock {
  /** which limit holds */
  by: 'email' | 'address'
  retryAt: Date
}

/** Whether sign-ins for this email from this address are locked now (the later of both locks). */
export async function findLoginLock(
  tx: Prisma.TransactionClient,
  { email, ipAddress, now }: { email: string; ipAddress: string | null; now: Date },
): Promise<LoginLock | null> {
  const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MS)
  const lastSuccess = await tx.loginAttempt.findFirst({
    where: { email, succeeded: true, createdAt: { gt: windowStart } },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  })
  const emailFailures = await tx.loginAttempt.findMany({
    where: { email, succeeded: false, createdAt: { gt: lastSuccess?.createdAt ?? windowStart } },
    orderBy: { createdAt: 'desc' },
    take: MAX_FAILURES_PER_EMAIL,
    select: { createdAt: true },
  })
  const byEmail = lockedUntil(emailFailures.map((f) => f.createdAt), MAX_FAILURES_PER_EMAIL)
  let byAddress: Date | null = null
  if (ipAddress) {
    const addressFailures = await tx.loginAttempt.findMany({
      where: { ipAddress, succeeded: false, createdAt: { gt: windowStart } },
      orderBy: { createdAt: 'desc' },
      take: MAX_FAILURES_PER_ADDRESS,
      select: { createdAt: true },
    })
    byAddress = lockedUntil(addressFailures.map((f) => f.createdAt), MAX_FAILURES_PER_ADDRESS)
  }
  if (byEmail && (!byAddress || byEmail >= byAddress)) return { by: 'email', retryAt: byEmail }
  if (byAddress) return { by: 'address', retryAt: byAddress }
  return null
}

/** The refusal's text: when to try again. */
export function lockMessage(lock: LoginLock, now: Date): string {
  const minutes = Math.max(1, Math.ceil((lock.retryAt.getTime() - now.getTime()) / 60_000))
  const who = lock.by === 'email' ? 'this email' : 'this network address'
  const at = lock.retryAt.toISOString().slice(11, 16)
  return `Too many failed sign-ins for ${who}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'} (at ${at} UTC).`
}
