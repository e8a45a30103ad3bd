import { findAccountEmails } from '@/lib/auth/find-account-emails'
import type { DatabaseClients } from '@/lib/db/prisma'

export interface AuditEventRow {
  id: string
  type: string
  createdAt: string
  /** the account's email; for a failed sign-in the email that was tried; else the stored actor */
  who: string | null
  /** true when `who` is an email typed at a failed sign-in, not a signed-in account */
  whoUnverified: boolean
  runId: string | null
  runFileName: string | null
  legacyTable: string | null
  data: Record<string, unknown>
  ipAddress: string | null
}

export interface ListAuditEventsOptions {
  db: DatabaseClients
  type?: string
  runId?: string
  /** the id of the last event of the previous page */
  before?: string
  /** events per page (default 50, at most 200) */
  limit?: number
}

/**
 * The audit log (migration_events), newest first, a page at a time, filtered by type and run.
 * `actor` holds the account id (or, in rows written before sign-in existed, "operator"): shown
 * as the account's email.
 */
export async function listAuditEvents({ db, type, runId, before, limit = 50 }: ListAuditEventsOptions): Promise<{ events: AuditEventRow[]; nextCursor: string | null }> {
  const take = Math.min(Math.max(1, limit), 200)
  const rows = await db.prisma.migrationEvent.findMany({
    where: { ...(type ? { type } : {}), ...(runId ? { runId } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: take + 1,
    ...(before ? { cursor: { id: BigInt(before) }, skip: 1 } : {}),
    include: { run: { select: { fileName: true } } },
  })
  const page = rows.slice(0, take)
  const emailOf = await findAccountEmails({ db, ids: page.map((r) => r.actor) })
  return {
    events: page.map((row) => {
      const data = row.data !== null && typeof row.data === 'object' && !Array.isArray(row.data) ? (row.data as Record<string, unknown>) : {}
      const tried = row.actor === null && typeof data.email === 'string' ? data.email : null
      return {
        id: row.id.toString(),
        type: row.type,
        createdAt: row.createdAt.toISOString(),
        who: row.actor !== null ? (emailOf.get(row.actor) ?? row.actor) : tried,
        whoUnverified: tried !== null,
        runId: row.runId,
        runFileName: row.run?.fileName ?? null,
        legacyTable: row.legacyTable,
        data,
        ipAddress: row.ipAddress,
      }
    }),
    nextCursor: rows.length > take ? page[page.length - 1].id.toString() : null,
  }
}
