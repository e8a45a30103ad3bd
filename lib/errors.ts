// One error type whose message may reach the browser; anything else becomes a generic message.
// The code → HTTP status map follows documenso's packages/lib/errors/app-error.ts.

export const appErrorStatus = {
  NOT_FOUND: 404,
  INVALID_INPUT: 422,
  CONFLICT: 409,
  DEPENDENCY_MISSING: 409,
  DUMP_REFUSED: 422,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
} as const

export type AppErrorCode = keyof typeof appErrorStatus

export class AppError extends Error {
  readonly code: AppErrorCode
  readonly details: Record<string, unknown> | undefined

  constructor(code: AppErrorCode, message: string, details?: Record<string, unknown>) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.details = details
  }

  get status(): number {
    return appErrorStatus[this.code]
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError
}
