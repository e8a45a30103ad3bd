// The whole migration of one dump, headless: create a run → stage the dump → validate the
// selected tables and (unless dryRun) import them in dependency order, each as soon as it is
// validated and its references are imported (validate-and-import.ts) → (with `all`) reconcile.
// The CLI (scripts/cli.ts) and the benches call this; the app runs the same steps one by one.
//
// A table that fails to import does not stop the others: tables that do not depend on it are
// still imported, those that do are refused (DEPENDENCY_MISSING, naming it), and the result lists
// every failure with its table and reason.

import { statSync } from 'node:fs'
import path from 'node:path'
import type { DatabaseClients } from '@/lib/db/prisma'
import { openDumpFile, type DumpWarning } from '@/lib/dump'
import { AppError, isAppError } from '@/lib/errors'
import { importTable, type ImportMethod, type ImportTableResult } from '@/lib/import/import-table'
import { legacyTableNames, mappingFor, type RuleCode } from '@/lib/mappings'
import { reconcileRun } from '@/lib/reconcile/reconcile-run'
import { createRun } from '@/lib/runs/create-run'
import { syncRunStatus } from '@/lib/runs/sync-run-status'
import type { SchemaDrift } from '@/lib/staging/compare-with-contract'
import type { DatabaseChoice } from '@/lib/staging/choose-database'
import type { StagedDatabase } from '@/lib/staging/stage-dump'
import { stageRun } from '@/lib/staging/stage-run'
import type { CheckedDecision } from '@/lib/decisions/decision-spec'
import { listDecisions, type DecisionListItem } from '@/lib/decisions/list-decisions'
import { auditDecisions, recordDecisions } from '@/lib/decisions/record-decisions'
import { pruneTarget, type PruneResult } from '@/lib/import/prune-target'
import { checkTarget, type TargetCheck } from '@/lib/target/check-target'
import { prepareTarget } from '@/lib/target/prepare-target'
import { validateTable, type ValidationResult } from '@/lib/validate/validate-table'
import { selectTables, withDependencies } from './select-tables'
import { validateAndImport } from './validate-and-import'

export interface RunMigrationOptions {
  db: DatabaseClients
  /** the dump file (plain or compressed: gzip, bzip2, xz, zstd, zip); or give `source` */
  dumpPath?: string
  /** the dump's bytes, when they do not come from a file (`fileName` names them) */
  source?: AsyncIterable<Uint8Array>
  /** the run's label; default the dump file's base name */
  fileName?: string
  /** the database to migrate of a dump of several (--database); default: the one chooseDatabase takes */
  database?: string
  /** tables to validate and import (legacy or target names), with what they reference */
  tables?: readonly string[]
  /** every mapped table of the dump, then reconciliation */
  all?: boolean
  /** stage and validate only: nothing is written to the target tables */
  dryRun?: boolean
  batchSize?: number
  method?: ImportMethod
  /** who runs it (audit trail, run's uploaded_by) */
  actor?: string | null
  /** the contract's "import time"; default now */
  importTime?: Date
  /** tables validated at once (default 2: one maps rows while the other waits on PostgreSQL) */
  validateConcurrency?: number
  /** tables imported at once (default 2), while later tables are still being validated */
  importConcurrency?: number
  /** before anything is imported, add what the target's tables lack (lib/target/prepare-target.ts) */
  prepareTarget?: boolean
  /** after validation, check the target's tables against the contract and the run's rows (result.targetCheck) */
  checkTarget?: boolean
  /** also bulk-load the backend's own (not app-created) empty tables without their indexes and foreign keys */
  dropBackendIndexes?: boolean
  /** the operator's decisions (a decisions file, checked against the contract): recorded once the dump is staged, applied by validation */
  decisions?: readonly CheckedDecision[]
  /** after the imports, remove from the imported tables the target rows whose legacy ids the dump no longer has (or that this run rejects) */
  prune?: boolean
  onProgress?: (progress: MigrationProgress) => void
}

export type MigrationStage = 'stage' | 'validate' | 'import' | 'reconcile'

/** Progress for bars: bytes while staging, rows per table while validating and importing, parts while reconciling. */
export type MigrationProgress =
  | { kind: 'bytes'; stage: 'stage'; bytes: number; totalBytes: number | null; table: string | null }
  | { kind: 'start'; stage: 'validate' | 'import' | 'reconcile'; total: number; tables: number }
  | { kind: 'rows'; stage: 'validate' | 'import'; table: string; rowsDone: number; rowsTotal: number }
  | { kind: 'parts'; stage: 'reconcile'; done: number; total: number; part: string }
  | { kind: 'done'; stage: MigrationStage; milliseconds: number }

export interface TableOutcome {
  /** legacy table name */
  table: string
  /** target table, or null for a table only staged (schema drift) */
  target: string | null
  /** the dump's columns of the table */
  columns: string[]
  /** staged rows */
  rows: number
  /** rows that validation mapped (that the import writes) */
  mapped: number
  rejected: number
  warnings: number
  errors: number
  byRule: Partial<Record<RuleCode, number>>
  /** rows imported; null when the table was not imported (dry run, not selected, drift) */
  imported: number | null
  /** the table's state in the run at the end */
  state: string
  failure?: { code: string; message: string }
}

export interface MigrationFailure {
  table: string | null
  code: string
  message: string
}

export interface MigrationResult {
  runId: string
  stagingSchema: string
  dryRun: boolean
  tables: TableOutcome[]
  /** the drift of the database migrated (null when none could be chosen) */
  drift: SchemaDrift | null
  /** every database of the dump with its tables (columns, rows); `schema` null for a system database */
  databases: StagedDatabase[]
  /** the database migrated and why, or why none was */
  databaseChoice: DatabaseChoice
  /** the dump reader's warnings (the first few hundred) and how many there were */
  readerWarnings: DumpWarning[]
  readerWarningCount: number
  /** milliseconds per stage; null for a stage that did not run */
  timings: Record<MigrationStage, number | null>
  imports: ImportTableResult[]
  reconciliation: Awaited<ReturnType<typeof reconcileRun>> | null
  /** the target check after validation (with checkTarget), else null */
  targetCheck: TargetCheck | null
  /** what preparing the target did (with prepareTarget), else null */
  targetPreparation: { statements: string[]; createdTables: string[] } | null
  /** the decisions of the run: those applied (with the rows each applies to) and those stale in this dump */
  decisions: { applied: DecisionListItem[]; stale: DecisionListItem[] }
  /** what pruning removed (with prune), else null */
  pruned: PruneResult | null
  failures: MigrationFailure[]
  /** dry run: staged and validated; else every selected table imported and (with `all`) reconciliation passed */
  ok: boolean
}

export async function runMigration(options: RunMigrationOptions): Promise<MigrationResult> {
  const { db, dryRun = false, all = false } = options
  const named = options.tables ?? []
  if (!options.dumpPath && !options.source) throw new AppError('INVALID_INPUT', 'Give the dump: a file path or a source of bytes')
  if (all && named.length > 0) throw new AppError('INVALID_INPUT', 'Name tables or ask for all of them, not both')
  if (!dryRun && !all && named.length === 0) {
    throw new AppError('INVALID_INPUT', 'Say what to import: name tables, or all of them (or make it a dry run)')
  }
  withDependencies(named) // an unknown table name is refused before anything is read
  const progress = options.onProgress ?? (() => undefined)
  const timings: Record<MigrationStage, number | null> = { stage: null, validate: null, import: null, reconcile: null }
  const timed = async <T>(stage: MigrationStage, work: () => Promise<T>): Promise<T> => {
    const started = performance.now()
    try {
      return await work()
    } finally {
      timings[stage] = Math.round(performance.now() - started)
      progress({ kind: 'done', stage, milliseconds: timings[stage]! })
    }
  }

  const sizeBytes = options.dumpPath ? statSync(options.dumpPath).size : null
  // one "import time" for every table of the run (the contract's else-the-import-time)
  const importTime = options.importTime ?? new Date()
  const fileName = options.fileName ?? (options.dumpPath ? path.basename(options.dumpPath) : 'dump.sql')
  const { id: runId } = await createRun({ db, fileName, sizeBytes, uploadedBy: options.actor ?? null })
  const staged = await timed('stage', () =>
    stageRun({
      db,
      runId,
      source: options.source ?? openDumpFile(options.dumpPath!),
      database: options.database,
      importTime,
      onProgress: (info) => progress({ kind: 'bytes', stage: 'stage', bytes: info.sourceBytes, totalBytes: sizeBytes, table: info.currentTable }),
    }),
  )

  if (staged.drift === null) {
    // Several databases and none taken: nothing to validate until the operator names one.
    const choice = staged.staging.choice
    return {
      runId,
      stagingSchema: staged.staging.schema,
      dryRun,
      tables: [],
      drift: null,
      databases: staged.staging.databases,
      databaseChoice: choice,
      readerWarnings: staged.staging.warnings,
      readerWarningCount: staged.staging.warningCount,
      timings,
      imports: [],
      reconciliation: null,
      targetCheck: null,
      targetPreparation: null,
      decisions: { applied: [], stale: [] },
      pruned: null,
      failures: [{ table: null, code: 'DATABASE_CHOICE_NEEDED', message: `${choice.reason} Name it with --database NAME.` }],
      ok: false,
    }
  }
  const states = await db.prisma.migrationRunTable.findMany({ where: { runId } })
  const present = new Set(states.filter((s) => s.state !== 'missing' && s.targetTable !== null).map((s) => s.legacyTable))
  const selected = selectTables({ tables: all ? undefined : named, present })
  const rowsStaged = new Map(states.map((s) => [s.legacyTable, s.rowsStaged]))

  const failures: MigrationFailure[] = []
  const imports: ImportTableResult[] = []
  let reconciliation: MigrationResult['reconciliation'] = null
  let targetPreparation: MigrationResult['targetPreparation'] = null
  let pruned: PruneResult | null = null
  // The decisions name rows of this dump: checked against it now, before anything is imported.
  // Tables validated in the staging pass are done — but those the decisions concern, which the
  // validation pass validates again with them.
  const inPass = new Map(staged.validated)
  if (options.decisions && options.decisions.length > 0) {
    const ids = await recordDecisions({ db, runId, decisions: options.decisions, actor: options.actor ?? null })
    await auditDecisions(db, runId, ids, options.actor ?? null, 'decisions file')
    for (const decision of options.decisions) inPass.delete(decision.legacyTable)
  }
  if (options.prepareTarget && !dryRun) {
    const prepared = await prepareTarget({ pool: db.pool, targetSchema: db.targetSchema, runId, actor: options.actor ?? null })
    targetPreparation = { statements: prepared.statements, createdTables: prepared.createdTables }
  }
  progress({ kind: 'start', stage: 'validate', total: sum(selected.map((t) => rowsStaged.get(t) ?? 0)), tables: selected.length })
  // The mapped rows of a table are known once it is validated; until then its share is its staged rows.
  if (!dryRun) progress({ kind: 'start', stage: 'import', total: sum(selected.map((t) => rowsStaged.get(t) ?? 0)), tables: selected.length })
  const overlapped = await validateAndImport({
    tables: selected,
    dependsOn: (legacyTable) => mappingFor(legacyTable)?.dependsOn ?? [],
    validateConcurrency: options.validateConcurrency,
    importConcurrency: options.importConcurrency,
    onValidated: (milliseconds) => progress({ kind: 'done', stage: 'validate', milliseconds }),
    validate: async (legacyTable) =>
      inPass.get(legacyTable) ??
      validateTable({
        db,
        runId,
        legacyTable,
        importTime,
        onProgress: (rowsDone) => progress({ kind: 'rows', stage: 'validate', table: legacyTable, rowsDone, rowsTotal: rowsStaged.get(legacyTable) ?? 0 }),
      }),
    importTable: dryRun
      ? undefined
      : async (legacyTable) => {
          try {
            imports.push(
              await importTable({
                db,
                runId,
                legacyTable,
                batchSize: options.batchSize,
                method: options.method,
                actor: options.actor,
                dropBackendIndexes: options.dropBackendIndexes,
                onProgress: (p) => progress({ kind: 'rows', stage: 'import', table: legacyTable, rowsDone: p.rowsDone, rowsTotal: p.rowsTotal }),
              }),
            )
          } catch (error) {
            failures.push({ table: legacyTable, ...describeError(error) })
          }
        },
  })
  const validations = overlapped.validations
  timings.validate = overlapped.validateMilliseconds
  if (!dryRun) {
    timings.import = overlapped.importMilliseconds ?? 0
    progress({ kind: 'done', stage: 'import', milliseconds: timings.import })
    // In dependency order, as they would have been imported one after the other.
    const order = new Map(selected.map((t, i) => [t, i]))
    imports.sort((a, b) => order.get(a.legacyTable)! - order.get(b.legacyTable)!)
    failures.sort((a, b) => (order.get(a.table ?? '') ?? -1) - (order.get(b.table ?? '') ?? -1))
    if (options.prune) {
      pruned = await pruneTarget({ db, runId, tables: imports.map((i) => i.legacyTable), actor: options.actor ?? null })
    }
    if (all) {
      reconciliation = await timed('reconcile', () =>
        reconcileRun({
          db,
          runId,
          createdBy: options.actor ?? null,
          onProgress: (done, total, part) => progress({ kind: 'parts', stage: 'reconcile', done, total, part }),
        }),
      )
      if (!reconciliation.passed) {
        failures.push({ table: null, code: 'RECONCILIATION_FAILED', message: 'Reconciliation found differences between the dump and the target tables; see the report.' })
      }
    }
    // The run's status follows its tables, as in the app (importing, completed); a table's
    // failure stays on the table (error_code, error_message), where a rerun can clear it.
    await syncRunStatus({ db, runId })
  }

  const targetCheck = options.checkTarget
    ? await checkTarget({ db: db.pool, schema: db.targetSchema, stagingSchema: staged.staging.schema })
    : null
  const finalStates = await db.prisma.migrationRunTable.findMany({ where: { runId } })
  return {
    runId,
    stagingSchema: staged.staging.schema,
    dryRun,
    tables: tableOutcomes(staged.staging.tables, validations, finalStates, imports, failures),
    drift: staged.drift,
    databases: staged.staging.databases,
    databaseChoice: staged.staging.choice,
    readerWarnings: staged.staging.warnings,
    readerWarningCount: staged.staging.warningCount,
    timings,
    imports,
    reconciliation,
    targetCheck,
    targetPreparation,
    decisions: await decisionOutcomes(db, runId),
    pruned,
    failures,
    ok: failures.length === 0,
  }
}

async function decisionOutcomes(db: DatabaseClients, runId: string): Promise<MigrationResult['decisions']> {
  const all = (await listDecisions({ db, runId })).reverse()
  return { applied: all.filter((d) => d.status === 'active'), stale: all.filter((d) => d.status === 'stale') }
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0)
}

function describeError(error: unknown): { code: string; message: string } {
  if (isAppError(error)) return { code: error.code, message: error.message }
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }
}

type StagedTables = Awaited<ReturnType<typeof stageRun>>['staging']['tables']
type RunTableRow = { legacyTable: string; state: string; warningCount: number; errorCount: number; countsByRule: unknown }

/** One outcome per table of the dump: mapped tables in dependency order, then drift tables. */
function tableOutcomes(
  staged: StagedTables,
  validations: ReadonlyMap<string, ValidationResult>,
  states: readonly RunTableRow[],
  imports: readonly ImportTableResult[],
  failures: readonly MigrationFailure[],
): TableOutcome[] {
  const stateOf = new Map(states.map((s) => [s.legacyTable, s]))
  const imported = new Map(imports.map((i) => [i.legacyTable, i]))
  const failed = new Map(failures.filter((f) => f.table !== null).map((f) => [f.table!, f]))
  const order = (name: string) => {
    const index = mappingOrder.get(name)
    return index === undefined ? Number.MAX_SAFE_INTEGER : index
  }
  return [...staged]
    .sort((a, b) => order(a.name) - order(b.name) || a.name.localeCompare(b.name))
    .map((t) => {
      const validation = validations.get(t.name)
      const failure = failed.get(t.name)
      // Issue counts as the run now has them: the import adds the references it had to NULL.
      const state = stateOf.get(t.name)
      return {
        table: t.name,
        target: mappingFor(t.name)?.targetTable ?? null,
        columns: t.definition.columns.map((c) => c.name),
        rows: t.rows,
        mapped: validation?.rowsMapped ?? 0,
        rejected: validation?.rowsRejected ?? 0,
        warnings: validation ? (state?.warningCount ?? validation.warnings) : 0,
        errors: validation ? (state?.errorCount ?? validation.errors) : 0,
        byRule: validation ? ((state?.countsByRule as TableOutcome['byRule'] | undefined) ?? validation.countsByRule) : {},
        imported: imported.get(t.name)?.rowsImported ?? null,
        state: state?.state ?? 'staged',
        ...(failure ? { failure: { code: failure.code, message: failure.message } } : {}),
      }
    })
}

const mappingOrder = new Map(legacyTableNames.map((name, index) => [name, index]))
