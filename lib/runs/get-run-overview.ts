import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import type { DatabaseChoice } from '@/lib/staging/choose-database'
import type { RecordedDatabase } from '@/lib/staging/stage-run'
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
  /** the databases of the dump and which one is migrated (runDatabases) */
  databases: RunDatabases
  /** tables neither validated nor failing: a validation can be started for them */
  unvalidated: number
}

const IMPORTABLE_STATES = new Set(['validated', 'rolled_back', 'failed'])

/** One database of the dump, as the choice shows it. */
export interface DatabaseOverview {
  name: string | null
  system: boolean
  tables: { name: string; rows: number }[]
  rows: number
  /** its tables the legacy contract names */
  legacyTables: number
  migrated: boolean
}

export interface RunDatabases {
  /** every database of the dump (empty for a run staged before databases were told apart) */
  list: DatabaseOverview[]
  /** the operator must choose one (run status `choosing`) */
  choosing: boolean
  /** why this database was taken, or why one must be chosen ('' for a dump of one database) */
  reason: string
}

/** The databases recorded by staging (drift_report.databases, .databaseChoice). */
export function runDatabases(driftReport: unknown): RunDatabases {
  const report = (driftReport ?? {}) as Partial<{ databases: RecordedDatabase[]; databaseChoice: DatabaseChoice; database: string | null }>
  const choice = report.databaseChoice
  const contract = new Set(mappings.map((m) => m.legacyTable))
  const list = (report.databases ?? []).map((d) => ({
    name: d.name,
    system: d.system,
    tables: d.tables.map((t) => ({ name: t.name, rows: t.rows })),
    rows: d.tables.reduce((n, t) => n + t.rows, 0),
    legacyTables: d.tables.filter((t) => contract.has(t.name)).length,
    migrated: choice?.chosen === true && choice.name === d.name,
  }))
  return { list, choosing: choice?.chosen === false, reason: choice?.reason ?? '' }
}

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
  return { run: summary, tables, drift, unvalidated, databases: runDatabases(run.driftReport) }
}
