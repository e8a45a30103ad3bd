// Which database of a dump is the one to migrate (pure). A dump may hold several databases
// (`mysqldump --databases a b`, `--all-databases`, phpMyAdmin and Adminer exports of a server): each
// is staged into its own schema, and one of them becomes the run's. The system databases of a
// MySQL/MariaDB server are never data.

/** Databases of the server itself: their tables are reported, never staged or migrated. */
export const SYSTEM_DATABASES: ReadonlySet<string> = new Set(['information_schema', 'mysql', 'performance_schema', 'sys'])

export function isSystemDatabase(name: string | null): boolean {
  return name !== null && SYSTEM_DATABASES.has(name.toLowerCase())
}

/** One table of a database, as staging saw it. */
export interface DatabaseTableSummary {
  name: string
  columns: string[]
  rows: number
}

/** One database of a dump: `name` null for the tables of a dump that names no database. */
export interface DatabaseSummary {
  name: string | null
  system: boolean
  tables: DatabaseTableSummary[]
}

export type DatabaseChoice =
  /** `name` is the database to migrate; `reason` says why it was taken (for the run and the operator) */
  | { chosen: true; name: string | null; how: 'only' | 'legacy-tables' | 'operator'; reason: string }
  /** the operator must choose among `candidates`; `reason` says so */
  | { chosen: false; candidates: (string | null)[]; reason: string }

/** "`shop` (3 tables, 120 rows)" — a database as lists in messages name it. */
export function describeDatabase(database: DatabaseSummary): string {
  const rows = database.tables.reduce((n, t) => n + t.rows, 0)
  const tables = database.tables.length
  return `${database.name === null ? 'the tables outside any database' : `\`${database.name}\``} (${tables} ${tables === 1 ? 'table' : 'tables'}, ${rows} ${rows === 1 ? 'row' : 'rows'})`
}

/**
 * The database to migrate: the one asked for (`requested`: the command line's --database, the
 * operator's choice in the app); else the only one that holds tables; else the only one that holds
 * tables of the legacy contract; else none yet (the operator chooses among the candidates).
 * System databases are never candidates.
 */
export function chooseDatabase(databases: readonly DatabaseSummary[], contractTables: ReadonlySet<string>, requested?: string | null): DatabaseChoice {
  const candidates = databases.filter((d) => !d.system && d.tables.length > 0)
  if (requested !== undefined) {
    const asked = databases.find((d) => d.name === requested)
    if (asked && !asked.system) return { chosen: true, name: asked.name, how: 'operator', reason: `Database \`${requested}\` was chosen.` }
    const names = candidates.map(describeDatabase).join(', ')
    const why = asked ? `\`${requested}\` is a system database of the server, never data` : `the dump holds no database \`${requested}\``
    return { chosen: false, candidates: candidates.map((d) => d.name), reason: `Cannot migrate database ${JSON.stringify(requested)}: ${why}. ${names ? `Its databases with tables: ${names}.` : 'It holds no tables.'}` }
  }
  if (candidates.length <= 1) {
    const only = candidates[0] ?? databases.find((d) => !d.system) ?? null
    const others = databases.filter((d) => d !== only)
    const reason =
      only?.name == null || others.length === 0
        ? ''
        : `The dump holds ${databases.length} databases; \`${only.name}\` is the only one with tables${others.some((d) => d.system) ? ' (system databases are never data)' : ''}: it is migrated.`
    return { chosen: true, name: only?.name ?? null, how: 'only', reason }
  }
  const legacy = candidates.filter((d) => d.tables.some((t) => contractTables.has(t.name)))
  if (legacy.length === 1) {
    const others = candidates.filter((d) => d !== legacy[0]).map(describeDatabase).join(', ')
    return {
      chosen: true,
      name: legacy[0].name,
      how: 'legacy-tables',
      reason: `The dump holds ${candidates.length} databases with tables; \`${legacy[0].name}\` is the only one with tables of the legacy order system: it is migrated, not ${others}.`,
    }
  }
  return {
    chosen: false,
    candidates: candidates.map((d) => d.name),
    reason:
      `The dump holds ${candidates.length} databases with tables (${candidates.map(describeDatabase).join(', ')}) and ` +
      `${legacy.length === 0 ? 'none of them holds' : `${legacy.length} of them hold`} tables of the legacy order system: choose the one to migrate.`,
  }
}
