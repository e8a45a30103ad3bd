// Reconciliation of one run: the staging area (source) against the target tables, computed in SQL,
// judged by the pure evaluators, stored in migration_reconciliations and returned.
//
//   const { id, passed, report } = await reconcileRun({ db, runId, createdBy: 'operator@example.com' })
//
// Checks (see report-schema.ts for the report's shape and evaluate-*.ts for each rule):
//   tables      staged = imported + rejected, no extra target rows, every rejection has its reason,
//               Deleted = 1 ↔ deleted_at, the run's bookkeeping agrees (warn only)
//   references  none / resolved / orphan per legacy reference, source vs target, row by row, and the
//               integrity of every uuid (its row has legacy_id = the legacy half)
//   money       exact sums per currency (orders: saddle, options, shipping, deposit, total, balance)
//               and of the price lists and order lines
//   times       orders per month of created_at; earliest / latest / NULL count per time column
//   row hashes  a hash of each mapped row (what validation said would be written) vs each target
//               row, by legacy_id (typed hash by default, md5 of a canonical text on request)
// `passed` holds when no check fails: rejected rows and orphans that match the source are
// accounted for (warn), not failures.

import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { mappings } from '@/lib/mappings'
import { assembleReport } from './assemble-report'
import { collectTablePass, type Bookkeeping, type TablePass } from './collect-table-pass'
import { collectOrdersByMonth } from './collect-times'
import { evaluateMoney } from './evaluate-money'
import { evaluateReference } from './evaluate-reference'
import { evaluateRowHash } from './evaluate-row-hash'
import { evaluateTable } from './evaluate-table'
import { evaluateDateRange, evaluateMonths } from './evaluate-times'
import { loadReconcileScope, type RowHashMethod } from './reconcile-scope'
import { MONEY } from './reconcile-specs'
import { reconciliationReport, type ReconciliationReport } from './report-schema'

export interface ReconcileRunOptions {
  db: DatabaseClients
  runId: string
  /** who asked (operator login, 'cli', 'pipeline'); stored with the report */
  createdBy?: string | null
  /** how many example legacy ids a check lists (default 20) */
  exampleLimit?: number
  /** row hashes: 'typed' (default, fast) or 'md5' (canonical text, portable); see collect-row-hashes.ts */
  rowHash?: RowHashMethod
  /** how many queries run at once (default 2: one per core of a small server) */
  concurrency?: number
  /** called as each part finishes, for a progress line */
  onProgress?: (done: number, total: number, part: string) => void
}

export interface ReconcileRunResult {
  id: string
  passed: boolean
  report: ReconciliationReport
}

export async function reconcileRun(options: ReconcileRunOptions): Promise<ReconcileRunResult> {
  const { db, runId } = options
  const startedAt = new Date()
  const started = performance.now()
  const run = await db.prisma.migrationRun.findUnique({ where: { id: runId }, include: { tables: true } })
  if (!run) throw new AppError('NOT_FOUND', `Run ${runId} does not exist`)
  if (!run.stagingSchema) throw new AppError('CONFLICT', `Run ${runId} has no staged dump to reconcile against`)

  const scope = await loadReconcileScope(db.pool, runId, run.stagingSchema, { exampleLimit: options.exampleLimit ?? 20, rowHash: options.rowHash ?? 'typed', targetSchema: db.targetSchema })
  const bookkeeping = new Map<string, Bookkeeping>(run.tables.map((t) => [t.legacyTable, t]))

  // Every part is independent: run them a few at a time, biggest tables first so that the small
  // ones fill the gaps, and put the results back in report order.
  const bySize = [...mappings].sort((a, b) => (bookkeeping.get(b.legacyTable)?.rowsStaged ?? 0) - (bookkeeping.get(a.legacyTable)?.rowsStaged ?? 0))
  const passes = new Map<string, TablePass>()
  let months: Awaited<ReturnType<typeof collectOrdersByMonth>> = null

  const tasks: { part: string; run: () => Promise<void> }[] = []
  for (const mapping of bySize) {
    const { legacyTable } = mapping
    tasks.push({ part: legacyTable, run: async () => void passes.set(legacyTable, await collectTablePass(scope, mapping, bookkeeping.get(legacyTable) ?? null)) })
  }
  tasks.push({ part: 'orders per month', run: async () => void (months = await collectOrdersByMonth(scope)) })

  let done = 0
  await runConcurrently(tasks, options.concurrency ?? 2, async (task) => {
    await task.run()
    options.onProgress?.(++done, tasks.length, task.part)
  })

  const inOrder = <T>(results: Map<string, T>) => mappings.map((m) => results.get(m.legacyTable)).filter((x): x is T => x !== undefined)
  const report = reconciliationReport.parse(
    assembleReport({
      runId,
      stagingSchema: run.stagingSchema,
      fileName: run.fileName,
      startedAt,
      milliseconds: performance.now() - started,
      tables: inOrder(passes).map((p) => evaluateTable(p.table)),
      references: inOrder(passes).flatMap((p) => p.references).map(evaluateReference),
      money: MONEY.flatMap((spec) => passes.get(spec.legacyTable)?.money ?? []).map(evaluateMoney),
      ordersByMonth: months === null ? null : evaluateMonths(months),
      dateRanges: inOrder(passes).flatMap((p) => p.dateRanges).map(evaluateDateRange),
      rowHashes: inOrder(passes).flatMap((p) => (p.rowHash ? [p.rowHash] : [])).map(evaluateRowHash),
    }),
  )
  const saved = await db.prisma.migrationReconciliation.create({
    data: { runId, passed: report.passed, report, createdBy: options.createdBy ?? null },
    select: { id: true },
  })
  return { id: saved.id, passed: report.passed, report }
}

/** Runs `work` over `items`, at most `limit` at a time; the first failure rejects (the rest still settle). */
async function runConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  let failure: { error: unknown } | null = null
  const worker = async () => {
    while (next < items.length && failure === null) {
      const item = items[next++]
      try {
        await work(item)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  if (failure !== null) throw (failure as { error: unknown }).error
}
