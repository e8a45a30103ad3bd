'use server'

import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { requestInfo } from '@/lib/actions/authenticate-operator'
import { signInInput } from '@/lib/auth/account.validation'
import { bootstrapAdmin } from '@/lib/auth/bootstrap-admin'
import { readSessionCookie, SESSION_COOKIE, isSecureRequest, sessionCookieAttributes } from '@/lib/auth/session-cookie'
import { signIn } from '@/lib/auth/sign-in'
import { signOut } from '@/lib/auth/sign-out'
import { getDatabase } from '@/lib/db/prisma'
import { isAppError } from '@/lib/errors'
import { safeNext } from '../_auth/session'

export interface SignInState {
  email: string
  message: string | null
}

/** The sign-in form: on success the session cookie and back to where the person was going. */
export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const raw = { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') }
  const parsed = signInInput.safeParse(raw)
  if (!parsed.success) return { email: raw.email, message: parsed.error.issues[0]?.message ?? 'Enter your email and password.' }
  const requestHeaders = await headers()
  const db = getDatabase()
  try {
    // The accounts may have been emptied since the start (tests do): the admin comes back.
    await bootstrapAdmin({ db, env: process.env })
    const { token } = await signIn({ db, ...parsed.data, request: requestInfo(requestHeaders) })
    ;(await cookies()).set(SESSION_COOKIE, token, sessionCookieAttributes({ secure: isSecureRequest(requestHeaders) }))
  } catch (error) {
    if (isAppError(error)) return { email: raw.email, message: error.message }
    console.error('sign-in failed:', error)
    return { email: raw.email, message: 'Something went wrong on the server; the details are in the server log.' }
  }
  redirect(safeNext(String(form.get('next') ?? '')))
}

/** The sign-out button: the session is deleted on the server, the cookie removed. */
export async function signOutAction(): Promise<void> {
  const requestHeaders = await headers()
  const store = await cookies()
  await signOut({ db: getDatabase(), token: readSessionCookie(requestHeaders.get('cookie')), request: requestInfo(requestHeaders) })
  store.set(SESSION_COOKIE, '', { ...sessionCookieAttributes({ secure: isSecureRequest(requestHeaders) }), maxAge: 0 })
  redirect('/login')
}
