// What the command line prints (pure): JSON for --json, a table for people otherwise, and the
// failures, each naming its table and reason.
import type { MigrationResult, MigrationStage, TableOutcome } from '@/lib/pipeline/run-migration'
import type { TargetCheck } from '@/lib/target/check-target'
import type { DecisionListItem } from '@/lib/decisions/list-decisions'
import { preparationStatements } from '@/lib/target/evaluate-target'

/**
 * --dry-run --json: every table of the database migrated — the contract's, validated, with their
 * counts, rules and the contract's columns the dump lacks; the others marked `inContract: false`
 * with their columns and rows (staged, never imported) — then the drift lists, the databases of the
 * dump with their tables, which database was migrated and why, and the failures.
 */
export function dryRunJson(result: MigrationResult) {
  return {
    runId: result.runId,
    ok: result.ok,
    database: databaseJson(result),
    tables: result.tables.map((t) => tableJson(t, result)),
    drift: result.drift,
    databases: databasesJson(result),
    readerWarningCount: result.readerWarningCount,
    failures: result.failures,
  }
}

function tableJson(t: TableOutcome, result: MigrationResult) {
  if (t.target === null) return { table: t.table, columns: t.columns, rows: t.rows, inContract: false }
  const missingColumns = (result.drift?.missingColumns ?? []).filter((c) => c.table === t.table).map((c) => c.column)
  return {
    table: t.table,
    columns: t.columns,
    rows: t.rows,
    inContract: true,
    mapped: t.mapped,
    rejected: t.rejected,
    warnings: t.warnings,
    errors: t.errors,
    byRule: t.byRule,
    missingColumns,
  }
}

/** The database migrated: its name (null: the dump names none), how it was taken and why; or why none was. */
function databaseJson(result: MigrationResult) {
  const choice = result.databaseChoice
  return choice.chosen ? { name: choice.name, how: choice.how, reason: choice.reason } : { name: null, how: null, reason: choice.reason }
}

/** Every database of the dump with its tables (columns, rows); system databases are marked, never staged. */
function databasesJson(result: MigrationResult) {
  return result.databases.map((d) => ({
    name: d.name,
    system: d.system,
    migrated: result.databaseChoice.chosen && result.databaseChoice.name === d.name,
    tables: d.tables.map((t) => ({ table: t.name, columns: t.definition.columns.map((c) => c.name), rows: t.rows })),
    views: d.views,
  }))
}

/** --json of an import: the run, every table with what happened to it, timings, reconciliation. */
export function resultJson(result: MigrationResult) {
  return {
    runId: result.runId,
    ok: result.ok,
    tables: shownTables(result).map((t) => ({ ...tableJson(t, result), target: t.target, imported: t.imported, state: t.state, ...(t.failure ? { failure: t.failure } : {}) })),
    timings: result.timings,
    reconciliation: result.reconciliation ? { id: result.reconciliation.id, passed: result.reconciliation.passed } : null,
    ...(result.targetPreparation ? { targetPreparation: result.targetPreparation } : {}),
    decisions: {
      applied: result.decisions.applied.map(decisionJson),
      stale: result.decisions.stale.map((d) => ({ ...decisionJson(d), reason: d.staleReason })),
    },
    ...(result.pruned ? { pruned: result.pruned } : {}),
    failures: result.failures,
    drift: result.drift,
    database: databaseJson(result),
    databases: databasesJson(result),
  }
}

/** Tables the run worked on: validated ones, and drift tables (staged only). */
function shownTables(result: MigrationResult): TableOutcome[] {
  return result.tables.filter((t) => t.target === null || t.state !== 'staged')
}

export function renderText(result: MigrationResult, options: { verbose: boolean }): string {
  const lines: string[] = []
  const header = `${'table'.padEnd(20)} ${'rows'.padStart(9)} ${'mapped'.padStart(9)} ${'rejected'.padStart(8)} ${'warnings'.padStart(8)} ${'errors'.padStart(6)}${result.dryRun ? '' : ` ${'imported'.padStart(9)}  state`}`
  lines.push(header)
  for (const t of shownTables(result)) {
    const row =
      `${t.table.padEnd(20)} ${String(t.rows).padStart(9)} ${String(t.mapped).padStart(9)} ${String(t.rejected).padStart(8)} ` +
      `${String(t.warnings).padStart(8)} ${String(t.errors).padStart(6)}` +
      (result.dryRun ? '' : ` ${(t.imported === null ? '-' : String(t.imported)).padStart(9)}  ${t.target === null ? 'not mapped (drift)' : t.state}`)
    lines.push(row)
    if (options.verbose) {
      for (const [rule, n] of Object.entries(t.byRule).sort(([a], [b]) => a.localeCompare(b))) lines.push(`${''.padEnd(22)}${rule} ${n}`)
    }
  }
  if (result.reconciliation) {
    lines.push('', `Reconciliation ${result.reconciliation.passed ? 'passed' : 'FAILED'} (report ${result.reconciliation.id})`)
  }
  return lines.join('\n') + '\n'
}

const STAGE_NAMES: Record<MigrationStage, string> = { stage: 'staged', validate: 'validated', import: 'imported', reconcile: 'reconciled' }

export function renderTimings(result: MigrationResult): string {
  return (
    Object.entries(result.timings)
      .filter(([, ms]) => ms !== null)
      .map(([stage, ms]) => `${STAGE_NAMES[stage as MigrationStage]} in ${(ms! / 1000).toFixed(1)} s`)
      .join(', ') + ` (run ${result.runId})`
  )
}

/** One line per failure: the table (or the run) and the reason. */
export function renderFailures(result: MigrationResult): string[] {
  return result.failures.map((f) => `${f.table ?? 'run'}: ${f.message}`)
}

export function renderDrift(result: MigrationResult): string[] {
  const { drift } = result
  const lines: string[] = []
  if (result.databaseChoice.reason) lines.push(result.databaseChoice.reason)
  if (!drift) return lines
  if (drift.missingTables.length) lines.push(`Not in the dump (nothing to import; references to them are orphans): ${drift.missingTables.join(', ')}`)
  if (drift.extraTables.length) lines.push(`Not in the contract (staged, not imported): ${drift.extraTables.join(', ')}`)
  if (drift.extraColumns.length) lines.push(`Columns not in the contract (staged, not imported): ${drift.extraColumns.map((c) => `${c.table}.${c.column}`).join(', ')}`)
  if (drift.missingColumns.length) lines.push(`Columns missing from the dump (legacy defaults used): ${drift.missingColumns.map((c) => `${c.table}.${c.column}`).join(', ')}`)
  return lines
}

const SEVERITY_WORD = { blocking: 'BLOCKS', warning: 'warning', info: 'info' } as const

/** The target check for people: one line per finding, what blocks first, and what preparing would add. */
export function renderTargetCheck(check: TargetCheck): string {
  const lines = [`Target schema ${check.schema}: ${check.blocking ? 'an import would be refused' : 'ready for the import'}`]
  if (check.absentTables.length > 0) lines.push(`Absent (preparing the target creates them): ${check.absentTables.join(', ')}`)
  const order = { blocking: 0, warning: 1, info: 2 }
  for (const f of [...check.findings].sort((a, b) => order[a.severity] - order[b.severity])) {
    if (f.column === null && f.found === 'absent') continue // listed above
    const fix = f.fix ? ' → preparing the target adds it' : f.severity === 'blocking' ? ' → to be changed by hand' : ''
    lines.push(`${SEVERITY_WORD[f.severity].padEnd(8)} ${f.table}${f.column ? `.${f.column}` : ''}: needs ${f.needs}; has ${f.found}${fix}`)
  }
  const statements = preparationStatements(check.findings)
  if (statements.length > 0) lines.push(`--prepare-target would run ${statements.length} statement${statements.length === 1 ? '' : 's'} (--target-migration FILE writes them).`)
  return lines.join('\n') + '\n'
}

/** The target check in --json: the findings and the statements preparing the target would run. */
export function targetCheckJson(check: TargetCheck) {
  return { schema: check.schema, blocking: check.blocking, absentTables: check.absentTables, findings: check.findings, statements: preparationStatements(check.findings) }
}

function decisionJson(d: DecisionListItem) {
  return {
    id: d.id,
    table: d.legacyTable,
    action: d.action,
    ...(d.legacyId !== null ? { legacyId: d.legacyId } : {}),
    ...(d.rule !== null ? { rule: d.rule } : {}),
    ...(d.targetColumn !== null ? { column: d.targetColumn, value: d.value } : {}),
    ...(d.rowNumber !== null ? { row: d.rowNumber } : {}),
    rows: d.rows,
  }
}

/** The decisions' outcome and what pruning removed, for stderr. */
export function renderDecisions(result: MigrationResult, options: { verbose: boolean }): string[] {
  const lines: string[] = []
  const { applied, stale } = result.decisions
  if (applied.length + stale.length > 0) {
    lines.push(`Decisions: ${applied.length} applied (${applied.reduce((n, d) => n + d.rows, 0)} rows), ${stale.length} stale`)
    if (options.verbose) for (const d of applied) lines.push(`  ${d.action} ${d.legacyTable} ${d.legacyId ?? d.rule}: ${d.rows} row${d.rows === 1 ? '' : 's'}`)
    for (const d of stale) lines.push(`  STALE ${d.action} ${d.legacyTable} ${d.legacyId ?? d.rule}: ${d.staleReason}`)
  }
  if (result.pruned) {
    const removed = result.pruned.tables.filter((t) => t.gone + t.withdrawn + t.unlinked > 0)
    lines.push(
      removed.length === 0
        ? 'Pruned: the target held no row the dump no longer has.'
        : `Pruned: ${removed.map((t) => `${t.targetTable} ${t.gone + t.withdrawn}${t.unlinked ? ` (+${t.unlinked} unlinked)` : ''}`).join(', ')}`,
    )
  }
  return lines
}
