'use server'

import { headers } from 'next/headers'
import { z } from 'zod'
import { operatorAction } from '@/lib/actions/operator-action'
import { AppError } from '@/lib/errors'
import { prepareTarget } from '@/lib/target/prepare-target'

const prepareInput = z.object({ runId: z.uuid(), statements: z.array(z.string()).max(2000) })

const prepare = operatorAction(
  { name: 'prepareTarget', input: prepareInput },
  async ({ runId, statements }, { db, operator }) => {
    const run = await db.prisma.migrationRun.findUnique({ where: { id: runId }, select: { stagingSchema: true } })
    if (!run) throw new AppError('NOT_FOUND', 'There is no such run')
    // Exactly what the operator saw, or nothing (prepareTarget refuses when the target changed since).
    const result = await prepareTarget({ pool: db.pool, targetSchema: db.targetSchema, runId, stagingSchema: run.stagingSchema, actor: operator.id, expected: statements })
    return { statements: result.statements.length, createdTables: result.createdTables, blocking: result.after.blocking }
  },
  ({ runId }, result) => ({ type: 'target.prepare_confirmed', runId, data: result }),
)

export async function prepareTargetAction(input: unknown) {
  return prepare(input, await headers())
}
