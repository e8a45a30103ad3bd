import type { DatabaseClients } from '@/lib/db/prisma'
import { reconciliationReport, type ReconciliationReport } from '@/lib/reconcile'

export interface StoredReconciliation {
  id: string
  passed: boolean
  createdAt: string
  createdBy: string | null
  report: ReconciliationReport
}

/** The run's newest reconciliation report (or a given one of this run), read back through its schema. */
export async function getLatestReconciliation({ db, runId, id }: { db: DatabaseClients; runId: string; id?: string | null }): Promise<StoredReconciliation | null> {
  const row = await db.prisma.migrationReconciliation.findFirst({
    where: { runId, ...(id ? { id } : {}) },
    orderBy: { createdAt: 'desc' },
  })
  if (!row) return null
  return {
    id: row.id,
    passed: row.passed,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    report: reconciliationReport.parse(row.report),
  }
}
