// Import order, as rules over the run's table states (pure), and the use case that reads them.
//
// A table may be imported once every table it depends on (its mapping's `dependsOn`) is imported
// in the same run. A dependency absent from the dump (state 'missing') does not block: there is
// nothing to import, and every reference to it was already reported as an orphan by validation.
// A table may be rolled back only while no table that depends on it holds rows of this run.

import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { mappingFor, mappings } from '@/lib/mappings'

export interface TableState {
  state: string
  rowsImported: number
}

/** legacy table → its state in one run */
export type TableStates = ReadonlyMap<string, TableState>

export interface BlockingTable {
  table: string
  /** the table's state in the run, or 'absent' when the run has no row for it */
  state: string
}

/** States in which a table's dependency counts as present. */
const SATISFIED = new Set(['imported', 'missing'])

/** The dependencies of `legacyTable` that are not imported in the run, in dependency order. */
export function missingDependencies(legacyTable: string, states: TableStates): BlockingTable[] {
  const mapping = mappingFor(legacyTable)
  if (!mapping) return []
  return mapping.dependsOn
    .map((table) => ({ table, state: states.get(table)?.state ?? 'absent' }))
    .filter(({ state }) => !SATISFIED.has(state))
}

/** Whether a table's target holds rows written by this run (a failed import keeps its committed batches). */
export function holdsImportedRows(state: TableState | undefined): boolean {
  if (!state) return false
  return state.state === 'imported' || state.state === 'importing' || (state.state === 'failed' && state.rowsImported > 0)
}

/** The tables depending on `legacyTable` that hold rows of this run, in dependency order. */
export function dependentsHoldingRows(legacyTable: string, states: TableStates): BlockingTable[] {
  return mappings
    .filter((m) => m.dependsOn.includes(legacyTable) && holdsImportedRows(states.get(m.legacyTable)))
    .map((m) => ({ table: m.legacyTable, state: states.get(m.legacyTable)!.state }))
}

function describe(tables: BlockingTable[]): string {
  return tables.map((t) => `${t.table} (${t.state})`).join(', ')
}

/** Throws DEPENDENCY_MISSING naming the dependencies of `legacyTable` that are not imported yet. */
export function assertDependenciesImported(legacyTable: string, states: TableStates): void {
  const missing = missingDependencies(legacyTable, states)
  if (missing.length === 0) return
  throw new AppError(
    'DEPENDENCY_MISSING',
    `${legacyTable} cannot be imported yet: it references ${describe(missing)}, which must be imported first in this run.`,
    { legacyTable, missing: missing.map((t) => t.table), states: Object.fromEntries(missing.map((t) => [t.table, t.state])) },
  )
}

/** Throws CONFLICT naming the tables that depend on `legacyTable` and still hold imported rows. */
export function assertNoDependentsHoldRows(legacyTable: string, states: TableStates): void {
  const dependents = dependentsHoldingRows(legacyTable, states)
  if (dependents.length === 0) return
  throw new AppError(
    'CONFLICT',
    `${legacyTable} cannot be rolled back: ${describe(dependents)} ${dependents.length === 1 ? 'references' : 'reference'} it; roll ${dependents.length === 1 ? 'that table' : 'those tables'} back first.`,
    { legacyTable, dependents: dependents.map((t) => t.table), states: Object.fromEntries(dependents.map((t) => [t.table, t.state])) },
  )
}

export interface CheckDependenciesOptions {
  db: DatabaseClients
  runId: string
  legacyTable: string
}

export interface DependencyCheck {
  legacyTable: string
  /** true when the table may be imported now */
  ready: boolean
  /** dependencies not imported yet (empty when ready) */
  missing: BlockingTable[]
  /** dependents holding rows of this run (a roll-back is refused while there are any) */
  dependents: BlockingTable[]
}

/** Whether `legacyTable` may be imported (and rolled back) in the run now, and what blocks it. */
export async function checkDependencies({ db, runId, legacyTable }: CheckDependenciesOptions): Promise<DependencyCheck> {
  if (!mappingFor(legacyTable)) throw new AppError('NOT_FOUND', `${legacyTable} is not a table the migration maps`)
  const rows = await db.prisma.migrationRunTable.findMany({ where: { runId }, select: { legacyTable: true, state: true, rowsImported: true } })
  const states: TableStates = new Map(rows.map((r) => [r.legacyTable, r]))
  const missing = missingDependencies(legacyTable, states)
  return { legacyTable, ready: missing.length === 0, missing, dependents: dependentsHoldingRows(legacyTable, states) }
}
