import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { planTargetPreparation } from './prepare-target'
import type { TargetCheck } from './check-target'

export interface TargetStatus {
  check: TargetCheck
  /** what preparing the target would run now, in order */
  statements: string[]
  /** blocking findings preparing cannot resolve (for a person to change) */
  manual: TargetCheck['findings']
}

/**
 * The target check as the run's pages show it: measured against the run's mapped rows where a
 * column's definition makes it matter, with the statements preparing the target would run.
 */
export async function getTargetStatus({ db, runId }: { db: DatabaseClients; runId: string }): Promise<TargetStatus> {
  const run = await db.prisma.migrationRun.findUnique({ where: { id: runId }, select: { stagingSchema: true } })
  if (!run) throw new AppError('NOT_FOUND', 'There is no such run')
  const { check, statements } = await planTargetPreparation({ pool: db.pool, targetSchema: db.targetSchema, runId, stagingSchema: run.stagingSchema })
  return { check, statements, manual: check.findings.filter((f) => f.severity === 'blocking' && f.fix === null) }
}
