import { requestInfo } from '@/lib/actions/authenticate-operator'
import { signInInput } from '@/lib/auth/account.validation'
import { bootstrapAdmin } from '@/lib/auth/bootstrap-admin'
import { clearedSessionSetCookie, isSecureRequest, readSessionCookie, sessionSetCookie } from '@/lib/auth/session-cookie'
import { signIn } from '@/lib/auth/sign-in'
import { signOut } from '@/lib/auth/sign-out'
import { getDatabase } from '@/lib/db/prisma'
import { isAppError } from '@/lib/errors'

// Sign-in for scripts and benchmarks: POST {"email", "password"} → 204 with the session cookie
// (Set-Cookie: ordermys_session=…), under the same rate limits as the form; DELETE signs out.
// Errors: {"code", "message"} with 401, 422 or 429 (and Retry-After).

export const dynamic = 'force-dynamic'

export async function POST(request: Request) {
  try {
    let body: unknown
    try {
      body = await request.json()
    } catch {
      return Response.json({ code: 'INVALID_INPUT', message: 'Send JSON: {"email": "…", "password": "…"}' }, { status: 422 })
    }
    const parsed = signInInput.safeParse(body)
    if (!parsed.success) return Response.json({ code: 'INVALID_INPUT', message: parsed.error.issues.map((i) => i.message).join(' ') }, { status: 422 })
    const db = getDatabase()
    await bootstrapAdmin({ db, env: process.env })
    const { token } = await signIn({ db, ...parsed.data, request: requestInfo(request.headers) })
    return new Response(null, {
      status: 204,
      headers: { 'Set-Cookie': sessionSetCookie(token, { secure: isSecureRequest(request.headers, request.url) }), 'Cache-Control': 'no-store' },
    })
  } catch (error) {
    return errorResponse(error)
  }
}

export async function DELETE(request: Request) {
  try {
    await signOut({ db: getDatabase(), token: readSessionCookie(request.headers.get('cookie')), request: requestInfo(request.headers) })
    return new Response(null, { status: 204, headers: { 'Set-Cookie': clearedSessionSetCookie({ secure: isSecureRequest(request.headers, request.url) }) } })
  } catch (error) {
    return errorResponse(error)
  }
}

function errorResponse(error: unknown): Response {
  if (isAppError(error)) {
    const retryAt = typeof error.details?.retryAt === 'string' ? error.details.retryAt : null
    const headers: Record<string, string> = { 'Cache-Control': 'no-store' }
    if (retryAt) headers['Retry-After'] = String(Math.max(1, Math.ceil((Date.parse(retryAt) - Date.now()) / 1000)))
    return Response.json({ code: error.code, message: error.message, ...(retryAt ? { retryAt } : {}) }, { status: error.status, headers })
  }
  console.error('session API failed:', error)
  return Response.json({ code: 'INTERNAL', message: 'Something went wrong on the server; the details are in the server log.' }, { status: 500 })
}
