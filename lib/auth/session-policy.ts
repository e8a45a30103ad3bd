// How long a session lives: 12 hours without a request (idle), 7 days at most (absolute).

export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000
/** last_seen_at is written at most this often (not on every request). */
export const SESSION_TOUCH_MS = 60 * 1000

export interface SessionTimes {
  lastSeenAt: Date
  expiresAt: Date
}

export type SessionState = 'valid' | 'idle' | 'expired'

export function sessionState(session: SessionTimes, now: Date): SessionState {
  if (now.getTime() >= session.expiresAt.getTime()) return 'expired'
  if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_IDLE_MS) return 'idle'
  return 'valid'
}

/** Whether this request should refresh last_seen_at. */
export function shouldTouchSession(session: SessionTimes, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_MS
}

export function sessionExpiresAt(createdAt: Date): Date {
  return new Date(createdAt.getTime() + SESSION_ABSOLUTE_MS)
}
