import type { Account } from './account'

// Valid sessions remembered for a few seconds, so that a burst of requests (the preview's pages,
// 50 operators at once) does not look up the same session in PostgreSQL for each one: the lookup was
// a fifth of a preview request's cost (bench/preview-load.ts: 175 → 220 requests/s, p95 390 → 322 ms).
//
// Kept short and in this process: signing out and disabling an account forget the sessions here at
// once; another process of the app (a second server) would notice within SESSION_CACHE_MS. A
// session's expiry (12 h idle, 7 days) can be overrun by at most that much too.

export const SESSION_CACHE_MS = 5_000
const MAX_ENTRIES = 10_000

interface Entry {
  account: Account
  until: number
}

const cache = ((globalThis as { __ordermysSessionCache?: Map<string, Entry> }).__ordermysSessionCache ??= new Map())

/** The account of a session looked up less than SESSION_CACHE_MS ago, or undefined. */
export function cachedSession(tokenHash: string, now: number): Account | undefined {
  const entry = cache.get(tokenHash)
  if (!entry) return undefined
  if (entry.until <= now || entry.until - now > SESSION_CACHE_MS) {
    // expired — or remembered "in the future" (a caller's clock went back): look it up again
    cache.delete(tokenHash)
    return undefined
  }
  return entry.account
}

export function rememberSession(tokenHash: string, account: Account, now: number): void {
  if (cache.size >= MAX_ENTRIES) {
    for (const [key, entry] of cache) if (entry.until <= now) cache.delete(key)
    // still full: the oldest entries go (a Map iterates in insertion order)
    for (const key of cache.keys()) {
      if (cache.size < MAX_ENTRIES) break
      cache.delete(key)
    }
  }
  cache.set(tokenHash, { account, until: now + SESSION_CACHE_MS })
}

/** Signed out: the session is gone at once. */
export function forgetSession(tokenHash: string): void {
  cache.delete(tokenHash)
}

/** Disabled: every session of the account is gone at once. */
export function forgetAccount(accountId: string): void {
  for (const [key, entry] of cache) if (entry.account.id === accountId) cache.delete(key)
}
