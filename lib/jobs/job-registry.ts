import { randomUUID } from 'node:crypto'
import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import type { Prisma } from '@/lib/generated/prisma/client'

// Long work the web server does for a run (staging, validation, imports) runs in this process, in
// the background of the request that started it. Its state lives in the database (the run's status
// and progress, the tables' states, a `job.*` migration event naming this process), so a page reload
// shows it; finer progress (rows per table while staging) is kept here, in memory, beside it. A
// job whose process is gone is found by recoverInterruptedJobs and marked failed with a clear message.

export type JobKind = 'stage' | 'validate' | 'import' | 'import-all' | 'rollback' | 'reconcile' | 'decide'

export interface JobProgress {
  phase: string
  /** staging: bytes of the file read so far */
  bytesRead?: number
  bytesTotal?: number
  /** staging: rows read per table so far, in dump order */
  rowsByTable?: Record<string, number>
  currentTable?: string | null
  /** reconciliation: parts done of all, and the part just finished */
  partsDone?: number
  partsTotal?: number
  part?: string
  /** validation and import: the table being worked on and its rows done */
  table?: string | null
  rowsDone?: number
  rowsTotal?: number
  tablesDone?: number
  tablesTotal?: number
}

export interface RunningJob {
  id: string
  kind: JobKind
  runId: string
  legacyTable: string | null
  startedAt: string
  progress: JobProgress
}

interface Registry {
  /** this server process: events of jobs started here carry it */
  bootId: string
  jobs: Map<string, RunningJob>
}

// On globalThis: route handlers, actions and pages may be separate bundles in one process.
const registry = ((globalThis as { __ordermysJobs?: Registry }).__ordermysJobs ??= { bootId: randomUUID(), jobs: new Map() })

export function bootId(): string {
  return registry.bootId
}

/** The job running for a run in this process, if any (a copy: safe to hand to a page). */
export function runningJob(runId: string): RunningJob | null {
  const job = registry.jobs.get(runId)
  return job ? structuredClone(job) : null
}

export function isJobRunning(runId: string): boolean {
  return registry.jobs.has(runId)
}

/** How often a running job says it is alive (migration_runs.updated_at). */
export const HEARTBEAT_MS = 3000

export interface LaunchJobOptions {
  db: DatabaseClients
  kind: JobKind
  runId: string
  legacyTable?: string | null
  actor?: string | null
  work: (job: RunningJob) => Promise<void>
}

/**
 * Starts `work` in the background and returns at once. One job per run at a time. Writes
 * `job.started` (with this process's boot id) and `job.finished` / `job.failed` events, and
 * keeps the run's heartbeat while the work runs. The work records its own outcome (run status,
 * table state); an error it throws is only logged and written to the `job.failed` event.
 */
export async function launchJob({ db, kind, runId, legacyTable = null, actor = null, work }: LaunchJobOptions): Promise<RunningJob> {
  if (registry.jobs.has(runId)) {
    const other = registry.jobs.get(runId)!
    throw new AppError('CONFLICT', `This run is busy (${describeJob(other)}); wait until it has finished`)
  }
  const job: RunningJob = { id: randomUUID(), kind, runId, legacyTable, startedAt: new Date().toISOString(), progress: { phase: 'starting' } }
  registry.jobs.set(runId, job)
  try {
    await event(db, runId, legacyTable, 'job.started', actor, { job: job.id, kind, bootId: registry.bootId, pid: process.pid })
  } catch (error) {
    registry.jobs.delete(runId)
    throw error
  }
  const heartbeat = setInterval(() => {
    void db.prisma.migrationRun.update({ where: { id: runId }, data: { updatedAt: new Date() } }).catch(() => undefined)
  }, HEARTBEAT_MS)
  heartbeat.unref?.()
  void (async () => {
    try {
      await work(job)
      await event(db, runId, legacyTable, 'job.finished', actor, { job: job.id, kind }).catch(() => undefined)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      if (!isExpectedFailure(error)) console.error(`job ${kind} of run ${runId}${legacyTable ? ` (${legacyTable})` : ''} failed:`, error)
      await event(db, runId, legacyTable, 'job.failed', actor, { job: job.id, kind, message }).catch(() => undefined)
    } finally {
      clearInterval(heartbeat)
      registry.jobs.delete(runId)
      await db.prisma.migrationRun.update({ where: { id: runId }, data: { updatedAt: new Date() } }).catch(() => undefined)
    }
  })()
  return structuredClone(job)
}

/** Failures that are the data's, recorded on the run for the operator: not a server fault to log. */
function isExpectedFailure(error: unknown): boolean {
  return error instanceof AppError || (error instanceof Error && error.name === 'DumpError')
}

export function describeJob(job: Pick<RunningJob, 'kind' | 'legacyTable'>): string {
  switch (job.kind) {
    case 'stage':
      return 'staging the dump'
    case 'validate':
      return 'validating the tables'
    case 'import':
      return `importing ${job.legacyTable}`
    case 'import-all':
      return 'importing every ready table'
    case 'decide':
      return 'applying decisions'
    case 'rollback':
      return `rolling back ${job.legacyTable}`
    case 'reconcile':
      return 'reconciling'
  }
}

async function event(
  db: DatabaseClients,
  runId: string,
  legacyTable: string | null,
  type: string,
  actor: string | null,
  data: Record<string, unknown>,
) {
  await db.prisma.migrationEvent.create({
    data: { runId, legacyTable, type, actor, data: data as Prisma.InputJsonValue },
  })
}
