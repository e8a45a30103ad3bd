import type { DatabaseClients } from '@/lib/db/prisma'
import { mappingFor, mappings } from '@/lib/mappings'
import { validateTable, type ValidationResult } from './validate-table'
import { ValidationWorkers } from './validation-workers'

export interface ValidateTablesOptions {
  db: DatabaseClients
  runId: string
  /** the legacy tables to validate (each must be staged and mapped) */
  tables: readonly string[]
  /** tables validated at once, each on its own thread (default 2: this machine's cores) */
  threads?: number
  importTime?: Date
  /** rows done so far in `table`'s pass */
  onProgress?: (table: string, rowsDone: number) => void
  /** a table's pass is over, with its result or its error */
  onTableDone?: (table: string, outcome: TableOutcome) => void
}

export type TableOutcome = { result: ValidationResult } | { error: Error }

/**
 * Validation passes of several tables at once, the most work first (the last table to start is
 * then a small one, so that all end together): one in this thread and the others on worker
 * threads (`threads` in all). Tables are independent here: references are checked against the
 * staged ids, not against other tables' results. A table that fails does not stop the others; the
 * outcomes come back in the order of `tables`.
 *
 * This thread takes a share rather than only waiting: a worker costs ~0.9 s of CPU to start and
 * ~100 MB, and the two cores are then both busy anyway (measured: README "Speed").
 */
export async function validateTables(options: ValidateTablesOptions): Promise<Map<string, TableOutcome>> {
  const { db, runId, importTime } = options
  const threads = Math.max(1, options.threads ?? 2)
  const queue = await mostWorkFirst(db, runId, options.tables)
  const workers = threads > 1 ? new ValidationWorkers({ url: db.url, threads: threads - 1 }) : null
  const outcomes = new Map<string, TableOutcome>()
  const lane = async (validate: (legacyTable: string, onProgress?: (rows: number) => void) => Promise<ValidationResult>) => {
    for (let legacyTable = queue.shift(); legacyTable !== undefined; legacyTable = queue.shift()) {
      const table = legacyTable
      let outcome: TableOutcome
      try {
        outcome = { result: await validate(table, options.onProgress && ((rows) => options.onProgress!(table, rows))) }
      } catch (error) {
        outcome = { error: error instanceof Error ? error : new Error(String(error)) }
      }
      outcomes.set(table, outcome)
      options.onTableDone?.(table, outcome)
    }
  }
  try {
    await Promise.all([
      lane((legacyTable, onProgress) => validateTable({ db, runId, legacyTable, importTime, onProgress })),
      ...Array.from({ length: threads - 1 }, () => lane((legacyTable, onProgress) => workers!.validate({ runId, legacyTable, importTime, onProgress }))),
    ])
  } finally {
    await workers?.close()
  }
  return new Map(options.tables.map((t) => [t, outcomes.get(t)!]))
}

/**
 * Validates every staged, mapped table of a run (validateTables) and returns the results in
 * dependency order; the first table that failed rejects it, once every pass has ended.
 */
export async function validateRun(options: Omit<ValidateTablesOptions, 'tables' | 'onTableDone'>): Promise<ValidationResult[]> {
  const states = await options.db.prisma.migrationRunTable.findMany({
    where: { runId: options.runId, state: { not: 'missing' }, targetTable: { not: null } },
    select: { legacyTable: true },
  })
  const present = new Set(states.map((t) => t.legacyTable))
  const tables = mappings.filter((m) => present.has(m.legacyTable)).map((m) => m.legacyTable)
  const outcomes = await validateTables({ ...options, tables })
  return tables.map((table) => {
    const outcome = outcomes.get(table)!
    if ('error' in outcome) throw outcome.error
    return outcome.result
  })
}

/** The tables by their expected work (staged rows × the mapping's validationCost), the most first. */
async function mostWorkFirst(db: DatabaseClients, runId: string, tables: readonly string[]): Promise<string[]> {
  const states = await db.prisma.migrationRunTable.findMany({ where: { runId, legacyTable: { in: [...tables] } }, select: { legacyTable: true, rowsStaged: true } })
  const rows = new Map(states.map((s) => [s.legacyTable, s.rowsStaged]))
  const work = (table: string) => (rows.get(table) ?? 0) * (mappingFor(table)?.validationCost ?? 1)
  return [...tables].sort((a, b) => work(b) - work(a))
}
