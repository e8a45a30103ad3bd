import type { DatabaseClients } from '@/lib/db/prisma'
import type { Prisma } from '@/lib/generated/prisma/client'
import type { Operator, RequestInfo } from './authenticate-operator'

/** Audit entry types written by the app (the names say what the operator did). */
export type AuditEventType =
  | 'run.upload_started'
  | 'run.uploaded'
  | 'run.staging_restarted'
  | 'run.validation_restarted'
  | 'run.database_chosen'
  | 'table.import_confirmed'
  | 'table.rollback_confirmed'
  | 'run.reconciled'
  | 'target.prepare_confirmed'
  | 'target.migration_downloaded'
  | 'report.downloaded'
  | 'auth.signed_in'
  | 'auth.sign_in_failed'
  | 'auth.sign_in_refused'
  | 'auth.signed_out'
  | 'account.setup'
  | 'account.created'
  | 'account.disabled'
  | 'action.forbidden'

export interface AuditEntry {
  type: AuditEventType
  runId?: string | null
  legacyTable?: string | null
  data?: Record<string, unknown>
}

/** One migration_events row: who did what to which run/table, from where. */
export async function recordEvent(
  db: DatabaseClients,
  entry: AuditEntry,
  operator: Operator | null,
  request: RequestInfo | null,
): Promise<void> {
  await db.prisma.migrationEvent.create({
    data: {
      type: entry.type,
      runId: entry.runId ?? null,
      legacyTable: entry.legacyTable ?? null,
      actor: operator?.id ?? null,
      data: (entry.data ?? {}) as Prisma.InputJsonValue,
      ipAddress: request?.ipAddress ?? null,
      userAgent: request?.userAgent ?? null,
    },
  })
}
