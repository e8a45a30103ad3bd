import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { dependentsHoldingRows, missingDependencies, type TableStates } from '@/lib/import/check-dependencies'
import { describeJob } from '@/lib/jobs/job-registry'
import { mappings } from '@/lib/mappings'
import { countTableStates, toRunSummary, type RunSummary } from './run-summary'

export interface TableOverview {
  legacyTable: string
  targetTable: string
  dependsOn: string[]
  /** staged | validated | importing | imported | rolled_back | failed | missing */
  state: string
  rowsStaged: number
  warningCount: number
  errorCount: number
  rowsImported: number
  rowsRejected: number
  countsByRule: Record<string, number>
  error: { code: string; message: string } | null
  /** referenced tables that are not imported yet: the import waits for them */
  missingDependencies: string[]
  /** imported tables that reference this one: a rollback waits for them */
  importedDependents: string[]
  canImport: boolean
  /** why the import cannot start now (null when it can, or when the table is imported) */
  blockedReason: string | null
  canRollBack: boolean
}

export interface DriftSummary {
  extraTables: { name: string; rowsStaged: number }[]
  extraColumns: { table: string; column: string }[]
  missingTables: string[]
  missingColumns: { table: string; column: string }[]
  views: string[]
  readerWarningCount: number
  readerWarnings: { code: string; message: string; table: string | null; line: number }[]
}

export interface RunOverview {
  run: RunSummary
  /** the 21 mapped tables, in dependency order */
  tables: TableOverview[]
  drift: DriftSummary
  /** tables neither validated nor failing: a validation can be started for them */
  unvalidated: number
}

const IMPORTABLE_STATES = new Set(['validated', 'rolled_back', 'failed'])

/** Everything the run page shows: the run, its tables in dependency order, and the schema drift. */
export async function getRunOverview({ db, runId }: { db: DatabaseClients; runId: string }): Promise<RunOverview> {
  const run = await db.prisma.migrationRun.findUnique({ where: { id: runId } })
  if (!run) throw new AppError('NOT_FOUND', 'There is no such run')
  const states = await db.prisma.migrationRunTable.findMany({ where: { runId } })
  const byTable = new Map(states.map((s) => [s.legacyTable, s]))
  const summary = toRunSummary(run, countTableStates(states))
  const busy = summary.job !== null || run.status === 'staging' || run.status === 'failed'
  const stateOf = (table: string) => byTable.get(table)?.state ?? (states.length ? 'missing' : 'pending')
  // The import's own rules (lib/import): what blocks an import, and what blocks a roll-back.
  const tableStates: TableStates = new Map(states.map((s) => [s.legacyTable, { state: s.state, rowsImported: s.rowsImported }]))

  const tables: TableOverview[] = mappings.map((mapping) => {
    const s = byTable.get(mapping.legacyTable)
    const state = stateOf(mapping.legacyTable)
    const blocking = missingDependencies(mapping.legacyTable, tableStates).map((t) => t.table)
    const importedDependents = dependentsHoldingRows(mapping.legacyTable, tableStates).map((t) => t.table)
    const canImport = !busy && IMPORTABLE_STATES.has(state) && s?.errorCode !== 'VALIDATION_FAILED' && blocking.length === 0
    const blockedReason = canImport || state === 'imported' || state === 'importing' || state === 'missing'
      ? null
      : blocking.length > 0
        ? `waits for ${blocking.join(', ')}`
        : state === 'staged'
          ? 'not validated yet'
          : s?.errorCode === 'VALIDATION_FAILED'
            ? 'validation failed'
            : summary.job
              ? `busy: ${describeJob(summary.job)}`
              : null
    return {
      legacyTable: mapping.legacyTable,
      targetTable: mapping.targetTable,
      dependsOn: [...mapping.dependsOn],
      state,
      rowsStaged: s?.rowsStaged ?? 0,
      warningCount: s?.warningCount ?? 0,
      errorCount: s?.errorCount ?? 0,
      rowsImported: s?.rowsImported ?? 0,
      rowsRejected: s?.rowsRejected ?? 0,
      countsByRule: (s?.countsByRule as Record<string, number> | null) ?? {},
      error: s?.state === 'failed' ? { code: s.errorCode ?? 'FAILED', message: s.errorMessage ?? 'This table failed.' } : null,
      missingDependencies: blocking,
      importedDependents,
      canImport,
      blockedReason,
      canRollBack: !busy && (state === 'imported' || (state === 'failed' && (s?.rowsImported ?? 0) > 0)) && importedDependents.length === 0,
    }
  })

  const report = (run.driftReport ?? {}) as Partial<{
    extraTables: string[]
    extraColumns: { table: string; column: string }[]
    missingTables: string[]
    missingColumns: { table: string; column: string }[]
    views: string[]
    readerWarningCount: number
    readerWarnings: { code: string; message: string; table: string | null; line: number }[]
  }>
  const drift: DriftSummary = {
    extraTables: (report.extraTables ?? []).map((name) => ({ name, rowsStaged: byTable.get(name)?.rowsStaged ?? 0 })),
    extraColumns: report.extraColumns ?? [],
    missingTables: report.missingTables ?? [],
    missingColumns: report.missingColumns ?? [],
    views: report.views ?? [],
    readerWarningCount: report.readerWarningCount ?? 0,
    readerWarnings: (report.readerWarnings ?? []).slice(0, 20).map((w) => ({ code: w.code, message: w.message, table: w.table, line: w.line })),
  }
  const unvalidated = states.filter((s) => s.targetTable !== null && (s.state === 'staged' || (s.state === 'failed' && s.errorCode === 'VALIDATION_FAILED'))).length
  return { run: summary, tables, drift, unvalidated }
}
