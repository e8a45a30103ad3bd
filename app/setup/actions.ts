'use server'

import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { requestInfo } from '@/lib/actions/authenticate-operator'
import { setupInput } from '@/lib/auth/account.validation'
import { isSecureRequest, SESSION_COOKIE, sessionCookieAttributes } from '@/lib/auth/session-cookie'
import { setUpFirstAccount } from '@/lib/auth/set-up-first-account'
import { getDatabase } from '@/lib/db/prisma'
import { isAppError } from '@/lib/errors'

export interface SetupState {
  email: string
  message: string | null
}

/** The first account: refused on the server once any account exists (lib/auth/create-first-account). */
export async function setUpAction(_previous: SetupState, form: FormData): Promise<SetupState> {
  const raw = { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') }
  if (raw.password !== String(form.get('confirm') ?? '')) return { email: raw.email, message: 'The two passwords differ.' }
  const parsed = setupInput.safeParse(raw)
  if (!parsed.success) return { email: raw.email, message: parsed.error.issues.map((i) => i.message).join(' ') }
  const requestHeaders = await headers()
  try {
    const { token } = await setUpFirstAccount({ db: getDatabase(), ...parsed.data, request: requestInfo(requestHeaders) })
    ;(await cookies()).set(SESSION_COOKIE, token, sessionCookieAttributes({ secure: isSecureRequest(requestHeaders) }))
  } catch (error) {
    if (isAppError(error)) return { email: raw.email, message: error.message }
    console.error('setup failed:', error)
    return { email: raw.email, message: 'Something went wrong on the server; the details are in the server log.' }
  }
  redirect('/')
}
