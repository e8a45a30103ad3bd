import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { cache } from 'react'
import { authenticateReader, type Operator } from '@/lib/actions/authenticate-operator'
import { REQUESTED_PATH_HEADER } from '@/lib/auth/session-cookie'
import { isAppError } from '@/lib/errors'

// Server components ask here who is signed in (pages render nothing without an account; the
// proxy's redirect is only a first, optimistic gate). Server actions and route handlers use
// lib/actions/authenticate-operator directly, which throws instead of redirecting.

/** The signed-in account of this request, or null (looked up once per request). */
export const currentAccount = cache(async (): Promise<Operator | null> => {
  try {
    return await authenticateReader(await headers())
  } catch (error) {
    if (isAppError(error) && error.code === 'UNAUTHORIZED') return null
    throw error
  }
})

/** The signed-in account (operator or viewer); without one, to /login and back here afterwards. */
export async function requireReader(): Promise<Operator> {
  const account = await currentAccount()
  if (!account) redirect(loginHref((await headers()).get(REQUESTED_PATH_HEADER)))
  return account
}

/** /login, with where to go back to when that is a path of this app. */
export function loginHref(next: string | null | undefined): string {
  const target = safeNext(next)
  return target === '/' ? '/login' : `/login?next=${encodeURIComponent(target)}`
}

/** A path of this app to go to after sign-in ('/' for anything else: no open redirect). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/'
  if (next.startsWith('/login') || next.startsWith('/setup') || next.startsWith('/api/')) return '/'
  return next
}
