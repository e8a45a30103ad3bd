import type { DatabaseClients } from '@/lib/db/prisma'

/** The event types the audit log holds, for the page's filter. */
export async function listAuditEventTypes({ db }: { db: DatabaseClients }): Promise<string[]> {
  // Prisma's `distinct` would fetch every row and de-duplicate in memory.
  const rows = await db.prisma.$queryRaw<{ type: string }[]>`select distinct type from migration_events order by type`
  return rows.map((r) => r.type)
}
