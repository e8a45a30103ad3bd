import type { DatabaseClients } from '@/lib/db/prisma'
import { countTableStates, NO_TABLES, toRunSummary, type RunSummary } from './run-summary'

export interface ListRunsOptions {
  db: DatabaseClients
  /** runs per page (default 25, at most 100) */
  limit?: number
  /** the id of the last run of the previous page */
  after?: string | null
}

export interface RunList {
  runs: RunSummary[]
  /** pass as `after` for the next page; null on the last page */
  nextCursor: string | null
}

/** Migration runs, newest first, a page at a time. */
export async function listRuns({ db, limit = 25, after = null }: ListRunsOptions): Promise<RunList> {
  const take = Math.min(Math.max(1, limit), 100)
  const runs = await db.prisma.migrationRun.findMany({
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: take + 1,
    ...(after ? { cursor: { id: after }, skip: 1 } : {}),
  })
  const page = runs.slice(0, take)
  const states = await db.prisma.migrationRunTable.findMany({
    where: { runId: { in: page.map((r) => r.id) } },
    select: { runId: true, state: true, targetTable: true },
  })
  const byRun = new Map<string, typeof states>()
  for (const s of states) byRun.set(s.runId, [...(byRun.get(s.runId) ?? []), s])
  return {
    runs: page.map((run) => toRunSummary(run, byRun.has(run.id) ? countTableStates(byRun.get(run.id)!) : NO_TABLES)),
    nextCursor: runs.length > take ? page[page.length - 1].id : null,
  }
}
