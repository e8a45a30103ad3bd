// THE place where authentication plugs in. Every server action (lib/actions/operator-action.ts) and
// every route handler that changes or hands out data (upload, downloads) calls this first.
//
// There is no sign-in yet (it comes in a later issue): every request is the one local operator,
// named as such in the audit log and on the runs. When sign-in lands, this function reads the
// session from the request headers (cookie) and throws AppError('UNAUTHORIZED') without one.

export type Role = 'operator' | 'viewer'

export interface Operator {
  /** stable id written to audit entries and runs */
  id: string
  /** what the pages show */
  name: string
  /** operator: may change data; viewer: reads only */
  role: Role
}

/** The few request headers the audit log and (later) the session need; `Headers` fits. */
export interface RequestHeaders {
  get(name: string): string | null
}

export interface RequestInfo {
  ipAddress: string | null
  userAgent: string | null
}

const LOCAL_OPERATOR: Operator = { id: 'operator', name: 'operator', role: 'operator' }

/** A signed-in account that may change data (role operator); FORBIDDEN for a viewer. */
export async function authenticateOperator(_headers: RequestHeaders): Promise<Operator> {
  return LOCAL_OPERATOR
}

/**
 * Any signed-in, active account (operator or viewer), for read-only pages and routes; throws
 * AppError('UNAUTHORIZED') without a valid session. Same shape as authenticateOperator.
 */
export async function authenticateReader(_headers: RequestHeaders): Promise<Operator> {
  return LOCAL_OPERATOR
}

/** Client address and browser for the audit log (the first proxy hop, when there is one). */
export function requestInfo(headers: RequestHeaders): RequestInfo {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim()
  return {
    ipAddress: forwarded || headers.get('x-real-ip') || null,
    userAgent: headers.get('user-agent')?.slice(0, 400) ?? null,
  }
}
