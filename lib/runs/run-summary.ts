import type { MigrationRun } from '@/lib/generated/prisma/client'
import { runningJob, type RunningJob } from '@/lib/jobs/job-registry'
import { publicRunError, type PublicRunError } from './run-error-message'

/** A run as the pages show it: plain JSON (no BigInt, no Date), safe to hand to the browser. */
export interface RunSummary {
  id: string
  fileName: string
  sizeBytes: number | null
  /** created | uploading | staging | staged | importing | completed | failed */
  status: string
  /** bytes received (uploading) or read (staging) so far */
  progressBytes: number
  uploadedBy: string | null
  sha256: string | null
  createdAt: string
  /** last change or heartbeat (an upload moves it with every chunk) */
  updatedAt: string
  startedAt: string | null
  finishedAt: string | null
  error: PublicRunError | null
  /** mapped tables of the dump (a table missing from the dump is not counted) */
  tables: { total: number; validated: number; imported: number; importing: number; failed: number; missing: number }
  /** what the server is doing for this run right now (this process), or null */
  job: RunningJob | null
}

export type TableStateCounts = RunSummary['tables']

export const NO_TABLES: TableStateCounts = { total: 0, validated: 0, imported: 0, importing: 0, failed: 0, missing: 0 }

/**
 * The run's status as the tables tell it once it is staged: importing while some tables are
 * imported (or being imported), completed when every table of the dump is.
 */
export function runStatus(stored: string, tables: TableStateCounts): string {
  if (stored !== 'staged' && stored !== 'importing' && stored !== 'completed') return stored
  if (tables.total > 0 && tables.imported === tables.total) return 'completed'
  if (tables.imported > 0 || tables.importing > 0) return 'importing'
  return 'staged'
}

export function toRunSummary(run: MigrationRun, tables: TableStateCounts): RunSummary {
  return {
    id: run.id,
    fileName: run.fileName,
    sizeBytes: run.sizeBytes === null ? null : Number(run.sizeBytes),
    status: runStatus(run.status, tables),
    progressBytes: Number(run.progressBytes),
    uploadedBy: run.uploadedBy,
    sha256: run.sha256,
    createdAt: run.createdAt.toISOString(),
    updatedAt: run.updatedAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    error: run.status === 'failed' ? publicRunError(run.errorCode, run.errorMessage) : null,
    tables,
    job: runningJob(run.id),
  }
}

/** Table states that count as validated (ready or past it). */
export const VALIDATED_STATES = new Set(['validated', 'importing', 'imported', 'rolled_back'])

export function countTableStates(states: { state: string; targetTable: string | null }[]): TableStateCounts {
  const counts = { ...NO_TABLES }
  for (const { state, targetTable } of states) {
    if (targetTable === null) continue // drift tables are only staged
    if (state === 'missing') {
      counts.missing += 1 // not in the dump: nothing to validate or import
      continue
    }
    counts.total += 1
    if (VALIDATED_STATES.has(state)) counts.validated += 1
    if (state === 'imported') counts.imported += 1
    if (state === 'importing') counts.importing += 1
    if (state === 'failed') counts.failed += 1
  }
  return counts
}
