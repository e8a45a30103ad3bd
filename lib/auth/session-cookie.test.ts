import { describe, expect, it } from 'vitest'
import {
  clearedSessionSetCookie,
  hashSessionToken,
  isSecureRequest,
  newSessionToken,
  readSessionCookie,
  SESSION_COOKIE,
  sessionSetCookie,
} from './session-cookie'

const token = 'A'.repeat(43)
const headers = (h: Record<string, string | undefined>) => new Headers(Object.entries(h).filter((e): e is [string, string] => e[1] !== undefined))

describe('session tokens', () => {
  it('are 32 random bytes in base64url; the database sees their SHA-256 only', () => {
    const a = newSessionToken()
    const b = newSessionToken()
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(Buffer.from(a, 'base64url')).toHaveLength(32)
    expect(a).not.toBe(b)
    expect(hashSessionToken(a)).toMatch(/^[0-9a-f]{64}$/)
    expect(hashSessionToken(a)).not.toContain(a)
    expect(hashSessionToken(a)).toBe(hashSessionToken(a))
  })
})

describe('reading the cookie', () => {
  it.each([
    { header: null, want: null },
    { header: '', want: null },
    { header: `${SESSION_COOKIE}=${token}`, want: token },
    { header: `theme=dark; ${SESSION_COOKIE}=${token}; other=1`, want: token },
    { header: `x${SESSION_COOKIE}=${token}`, want: null },
    { header: `${SESSION_COOKIE}=short`, want: null },
    { header: `${SESSION_COOKIE}=${token}'; drop table`, want: null },
    { header: `${SESSION_COOKIE}=; ${SESSION_COOKIE}=${token}`, want: token },
  ])('$header', ({ header, want }) => {
    expect(readSessionCookie(header)).toBe(want)
  })
})

describe('secure requests', () => {
  it.each([
    { h: {}, url: 'http://localhost:3000/login', want: false },
    { h: {}, url: 'https://migrate.example/login', want: true },
    { h: { 'x-forwarded-proto': 'https' }, url: 'http://127.0.0.1:3000/', want: true },
    { h: { 'x-forwarded-proto': 'https, http' }, url: null, want: true },
    { h: { 'x-forwarded-proto': 'http' }, url: 'https://migrate.example/', want: false },
    { h: {}, url: null, want: false },
  ])('$h $url → $want', ({ h, url, want }) => {
    expect(isSecureRequest(headers(h), url)).toBe(want)
  })
})

describe('Set-Cookie', () => {
  it('is HttpOnly, SameSite=Lax, for the whole app, Secure over HTTPS only', () => {
    expect(sessionSetCookie(token, { secure: false })).toBe(`${SESSION_COOKIE}=${token}; Path=/; Max-Age=604800; HttpOnly; SameSite=Lax`)
    expect(sessionSetCookie(token, { secure: true })).toMatch(/; HttpOnly; SameSite=Lax; Secure$/)
    expect(clearedSessionSetCookie({ secure: false })).toBe(`${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`)
  })
})
