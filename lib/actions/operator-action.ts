import type { z } from 'zod'
import { getDatabase, type DatabaseClients } from '@/lib/db/prisma'
import { isAppError, type AppErrorCode } from '@/lib/errors'
import { assertOperator, authenticateReader, requestInfo, type Operator, type RequestHeaders } from './authenticate-operator'
import { recordEvent, type AuditEntry } from './record-event'

// The four steps of every server action — authenticate, parse, call one lib function, audit — in
// one place (the idea of dub's and inbox-zero's safe-action.ts, without the dependency). Only an
// AppError's message reaches the browser; anything else is logged here and becomes a generic one.
// Authentication comes first: without a session the answer is UNAUTHORIZED, for a viewer
// FORBIDDEN (and the refusal is in the audit log), before the input is even read.

export type ActionResult<T> = { ok: true; data: T } | { ok: false; code: AppErrorCode; message: string }

export interface ActionContext {
  db: DatabaseClients
  operator: Operator
}

export interface OperatorActionOptions<S extends z.ZodType> {
  /** for the server log */
  name: string
  input: S
}

/**
 * `run` does the work through one lib function; `audit` (optional) says what a successful call
 * writes to the audit log.
 */
export function operatorAction<S extends z.ZodType, T>(
  options: OperatorActionOptions<S>,
  run: (input: z.output<S>, context: ActionContext) => Promise<T>,
  audit?: (input: z.output<S>, result: T) => AuditEntry | null,
): (raw: unknown, headers: RequestHeaders) => Promise<ActionResult<T>> {
  return async (raw, headers) => {
    try {
      const db = getDatabase()
      const account = await authenticateReader(headers, db)
      if (account.role !== 'operator') {
        await recordEvent(db, { type: 'action.forbidden', data: { action: options.name } }, account, requestInfo(headers))
      }
      const operator = assertOperator(account)
      const parsed = options.input.safeParse(raw)
      if (!parsed.success) {
        const message = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')
        return { ok: false, code: 'INVALID_INPUT', message }
      }
      const result = await run(parsed.data, { db, operator })
      const entry = audit?.(parsed.data, result)
      if (entry) await recordEvent(db, entry, operator, requestInfo(headers))
      return { ok: true, data: result }
    } catch (error) {
      if (isAppError(error)) return { ok: false, code: error.code, message: error.message }
      console.error(`action ${options.name} failed:`, error)
      return { ok: false, code: 'INTERNAL', message: 'Something went wrong on the server; the details are in the server log.' }
    }
  }
}
