// Which legacy tables a run works on (pure): every mapped table of the dump, or the named ones
// together with everything they reference, directly or not — a table cannot be imported before
// the tables it references, and each run starts from an empty set of imported tables.

import { AppError } from '@/lib/errors'
import { mappings, type AnyMapping } from '@/lib/mappings'

/**
 * The mapping a name given by the operator stands for: the legacy table (`OptionsItems`) or its
 * target table (`option_items`), in any letter case.
 */
export function resolveTableName(name: string): AnyMapping | undefined {
  const wanted = name.trim().toLowerCase()
  return mappings.find((m) => m.legacyTable.toLowerCase() === wanted || m.targetTable === wanted)
}

/** The named tables and their dependencies, transitively, as legacy names in dependency order. */
export function withDependencies(names: readonly string[]): string[] {
  const unknown = names.filter((n) => !resolveTableName(n))
  if (unknown.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      `Unknown table${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}; the migration maps ${mappings.map((m) => m.legacyTable).join(', ')} (legacy names, or their target tables).`,
      { unknown },
    )
  }
  const wanted = new Set<string>()
  const add = (legacyTable: string) => {
    if (wanted.has(legacyTable)) return
    wanted.add(legacyTable)
    for (const dependency of mappings.find((m) => m.legacyTable === legacyTable)!.dependsOn) add(dependency)
  }
  for (const name of names) add(resolveTableName(name)!.legacyTable)
  return mappings.filter((m) => wanted.has(m.legacyTable)).map((m) => m.legacyTable)
}

export interface SelectTablesOptions {
  /** tables named by the operator (legacy or target names); empty or absent: all */
  tables?: readonly string[]
  /** the mapped tables the dump holds (state other than 'missing') */
  present: ReadonlySet<string>
}

/**
 * The tables to validate and import, in dependency order: the named ones and their dependencies
 * (or all), limited to those the dump holds. A referenced table absent from the dump is skipped:
 * it does not block its dependents (every reference to it is an orphan).
 */
export function selectTables({ tables, present }: SelectTablesOptions): string[] {
  if (!tables || tables.length === 0) return mappings.map((m) => m.legacyTable).filter((t) => present.has(t))
  const selected = withDependencies(tables)
  const absent = tables.map((n) => resolveTableName(n)!.legacyTable).filter((t) => !present.has(t))
  if (absent.length > 0) throw new AppError('NOT_FOUND', `The dump has no table ${[...new Set(absent)].join(', ')}: there is nothing to import.`, { absent })
  return selected.filter((t) => present.has(t))
}
