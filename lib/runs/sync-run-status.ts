import type { DatabaseClients } from '@/lib/db/prisma'
import { countTableStates, runStatus } from './run-summary'

/** Writes the run's status as its tables tell it (staged → importing → completed) after an import or roll-back. */
export async function syncRunStatus({ db, runId }: { db: DatabaseClients; runId: string }): Promise<string> {
  const run = await db.prisma.migrationRun.findUnique({ where: { id: runId }, select: { status: true } })
  if (!run) return 'missing'
  const tables = await db.prisma.migrationRunTable.findMany({ where: { runId }, select: { state: true, targetTable: true } })
  const status = runStatus(run.status, countTableStates(tables))
  if (status !== run.status) {
    await db.prisma.migrationRun.update({
      where: { id: runId },
      data: { status, updatedAt: new Date(), finishedAt: status === 'completed' ? new Date() : null },
    })
  }
  return status
}
