import type { DatabaseClients } from '@/lib/db/prisma'
import { mappings } from '@/lib/mappings'
import { validateTables as validateOnThreads } from '@/lib/validate/validate-run'
import type { RunningJob } from './job-registry'

/**
 * Validates the run's mapped tables that are not validated yet (staged, or failed before), two at
 * a time (the second on a worker thread), reporting progress on the job: the rows done of all, and
 * the tables in progress. A table whose validation fails is marked failed with its reason and the
 * others go on: the operator sees which one and can start it again.
 */
export async function validateTables(db: DatabaseClients, runId: string, job: RunningJob): Promise<void> {
  const states = await db.prisma.migrationRunTable.findMany({
    where: { runId, targetTable: { not: null }, OR: [{ state: 'staged' }, { state: 'failed', errorCode: 'VALIDATION_FAILED' }] },
    select: { legacyTable: true, rowsStaged: true },
  })
  const staged = new Map(states.map((s) => [s.legacyTable, s.rowsStaged]))
  const order = mappings.map((m) => m.legacyTable).filter((t) => staged.has(t))
  const rowsTotal = order.reduce((n, t) => n + staged.get(t)!, 0)
  const rowsDone = new Map<string, number>()
  const inProgress = new Set<string>()
  let tablesDone = 0
  const failures: Promise<void>[] = []
  const report = () => {
    job.progress = {
      phase: 'validating',
      table: [...inProgress].join(' and '),
      rowsDone: [...rowsDone.values()].reduce((n, r) => n + r, 0),
      rowsTotal,
      tablesDone,
      tablesTotal: order.length,
    }
  }
  report()
  await validateOnThreads({
    db,
    runId,
    tables: order,
    onProgress: (table, rows) => {
      inProgress.add(table)
      rowsDone.set(table, rows)
      report()
    },
    onTableDone: (table, outcome) => {
      inProgress.delete(table)
      rowsDone.set(table, staged.get(table)!)
      tablesDone += 1
      report()
      if ('error' in outcome) failures.push(recordFailure(db, runId, table, outcome.error))
    },
  })
  await Promise.all(failures)
  job.progress = { phase: 'validated', tablesDone, tablesTotal: order.length }
}

async function recordFailure(db: DatabaseClients, runId: string, legacyTable: string, error: Error): Promise<void> {
  console.error(`validation of ${legacyTable} (run ${runId}) failed:`, error)
  await db.prisma.migrationRunTable.update({
    where: { runId_legacyTable: { runId, legacyTable } },
    data: {
      state: 'failed',
      errorCode: 'VALIDATION_FAILED',
      // The reason as it came (PostgreSQL's own message, or the mapping's AppError): the operator
      // sees what refused what; the stack stays in the server log.
      errorMessage: `Validating ${legacyTable} failed: ${error.message.trim()}. Start the validation again; if it fails again, the migration tool needs a fix.`,
      updatedAt: new Date(),
    },
  })
}
