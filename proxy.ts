import { NextResponse, type NextRequest } from 'next/server'
import { REQUESTED_PATH_HEADER, SESSION_COOKIE } from '@/lib/auth/session-cookie'

// The first, optimistic gate (Next.js 16 proxy, formerly middleware): a request without a session
// cookie goes to /login (pages) or gets 401 (API, uploads, server actions). It only looks at the
// cookie's presence; whether the session is valid, and whether the account may do what it asks,
// is checked by every page, server action and route handler itself (lib/actions/authenticate-operator).

/** Reachable without signing in. */
const PUBLIC_PATHS = ['/login', '/setup']

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl
  const isPublic = PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`))
  if (isPublic || request.cookies.has(SESSION_COOKIE)) {
    // Pages learn the requested path from this header, to send a person whose session ended to /login and back.
    const headers = new Headers(request.headers)
    headers.set(REQUESTED_PATH_HEADER, `${pathname}${search}`)
    return NextResponse.next({ request: { headers } })
  }
  const isNavigation = request.method === 'GET' || request.method === 'HEAD'
  if (!isNavigation || request.headers.has('next-action')) {
    return NextResponse.json({ code: 'UNAUTHORIZED', message: 'You are not signed in: sign in first.' }, { status: 401 })
  }
  const login = new URL('/login', request.url)
  if (pathname !== '/') login.searchParams.set('next', `${pathname}${search}`)
  return NextResponse.redirect(login)
}

export const config = {
  // Everything but Next's own static files, the favicon, and /api/: its route handlers answer 401
  // themselves (each calls authenticateReader/authenticateOperator first; e2e/auth.spec.ts asks
  // them without a session), and running the proxy in front of them cost ~15% of the server's
  // time per preview request under load (bench/preview-load.ts).
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt|api/).*)'],
}
