import { createHash, randomBytes } from 'node:crypto'
import type { RequestHeaders } from '@/lib/actions/authenticate-operator'
import { SESSION_ABSOLUTE_MS } from './session-policy'

// The session cookie holds 32 random bytes (base64url); the database keeps only their SHA-256,
// so a leaked database copy cannot be replayed as a session.

export const SESSION_COOKIE = 'ordermys_session'

/** Request header in which the proxy (proxy.ts) hands the requested path to pages, for /login?next=. */
export const REQUESTED_PATH_HEADER = 'x-ordermys-path'

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** A token as newSessionToken writes it (43 base64url characters); anything else is not looked up. */
export function isSessionToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value)
}

/** The session token from a `Cookie` request header, or null. */
export function readSessionCookie(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue
    const value = part.slice(eq + 1).trim()
    if (isSessionToken(value)) return value
  }
  return null
}

/**
 * Whether the browser reached us over HTTPS: the URL's protocol, or the first hop's
 * X-Forwarded-Proto when a proxy terminates TLS. The cookie is `Secure` then.
 */
export function isSecureRequest(headers: RequestHeaders, url?: string | null): boolean {
  const forwarded = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
  if (forwarded) return forwarded === 'https'
  if (url) {
    try {
      return new URL(url).protocol === 'https:'
    } catch {
      return false
    }
  }
  return false
}

export interface SessionCookieOptions {
  secure: boolean
}

/** Cookie attributes (the shape of Next's cookies().set and of a Set-Cookie header). */
export function sessionCookieAttributes({ secure }: SessionCookieOptions) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    path: '/',
    // The browser may drop it earlier (idle expiry is checked on the server).
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  }
}

/** A `Set-Cookie` value that sets the session cookie (route handlers). */
export function sessionSetCookie(token: string, options: SessionCookieOptions): string {
  const a = sessionCookieAttributes(options)
  return `${SESSION_COOKIE}=${token}; Path=${a.path}; Max-Age=${a.maxAge}; HttpOnly; SameSite=Lax${a.secure ? '; Secure' : ''}`
}

/** A `Set-Cookie` value that removes the session cookie. */
export function clearedSessionSetCookie(options: SessionCookieOptions): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${options.secure ? '; Secure' : ''}`
}
