import { describe, expect, it } from 'vitest'
import { sessionExpiresAt, sessionState, shouldTouchSession } from './session-policy'

const created = new Date('2026-11-25T08:00:00Z')
const at = (iso: string) => new Date(iso)
const session = (lastSeen: string) => ({ lastSeenAt: at(lastSeen), expiresAt: sessionExpiresAt(created) })

describe('session expiry: 12 hours idle, 7 days in all', () => {
  it.each([
    { lastSeen: '2026-11-25T08:00:00Z', now: '2026-11-25T08:00:01Z', want: 'valid' },
    { lastSeen: '2026-11-25T08:00:00Z', now: '2026-11-25T19:59:59Z', want: 'valid' },
    { lastSeen: '2026-11-25T08:00:00Z', now: '2026-11-25T20:00:00Z', want: 'idle' },
    { lastSeen: '2026-12-02T07:00:00Z', now: '2026-12-02T07:59:59Z', want: 'valid' },
    { lastSeen: '2026-12-02T07:00:00Z', now: '2026-12-02T08:00:00Z', want: 'expired' },
  ])('last seen $lastSeen, now $now → $want', ({ lastSeen, now, want }) => {
    expect(sessionState(session(lastSeen), at(now))).toBe(want)
  })

  it('expires 7 days after creation', () => {
    expect(sessionExpiresAt(created).toISOString()).toBe('2026-12-02T08:00:00.000Z')
  })

  it.each([
    { now: '2026-11-25T08:00:59Z', want: false },
    { now: '2026-11-25T08:01:00Z', want: true },
  ])('refreshes the idle clock at most once a minute ($now → $want)', ({ now, want }) => {
    expect(shouldTouchSession(session('2026-11-25T08:00:00Z'), at(now))).toBe(want)
  })
})
