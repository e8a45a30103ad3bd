import { describe, expect, it } from 'vitest'
import { lockedUntil, lockMessage } from './login-rate-limit'

const t = (minute: number) => new Date(Date.UTC(2026, 10, 25, 10, minute))

describe('lockedUntil (failures newest first)', () => {
  it.each([
    { failures: [], limit: 5, want: null },
    { failures: [t(4), t(3), t(2), t(1)], limit: 5, want: null },
    // the lock lifts when the 5th newest failure is 15 minutes old
    { failures: [t(5), t(4), t(3), t(2), t(1)], limit: 5, want: t(16) },
    { failures: [t(9), t(8), t(5), t(4), t(3)], limit: 5, want: t(18) },
  ])('$failures.length failures, limit $limit', ({ failures, limit, want }) => {
    expect(lockedUntil(failures, limit)).toEqual(want)
  })
})

describe('the refusal says when to try again', () => {
  it.each([
    { by: 'email' as const, retryAt: t(16), now: t(2), want: 'Too many failed sign-ins for this email. Try again in 14 minutes (at 10:16 UTC).' },
    { by: 'address' as const, retryAt: new Date(t(16).getTime() + 1000), now: t(15), want: 'Too many failed sign-ins for this network address. Try again in 2 minutes (at 10:16 UTC).' },
    { by: 'email' as const, retryAt: t(16), now: new Date(t(16).getTime() - 10_000), want: 'Too many failed sign-ins for this email. Try again in 1 minute (at 10:16 UTC).' },
  ])('$want', ({ by, retryAt, now, want }) => {
    expect(lockMessage({ by, retryAt }, now)).toBe(want)
  })
})
