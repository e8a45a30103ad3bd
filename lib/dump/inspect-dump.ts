import type { DumpEvent, DumpInfo, DumpWarning } from './types'

export interface TableSummary {
  table: string
  /** the table's database, when the dump named one */
  database?: string
  columns: string[]
  rows: number
}

export interface DumpSummary {
  tables: TableSummary[]
  views: string[]
  warnings: DumpWarning[]
  info: DumpInfo
}

/** Reads a whole dump and says what it holds: tables (by database) with their columns and row counts, views, warnings. */
export async function inspectDump(events: AsyncIterable<DumpEvent> & { readonly info: DumpInfo }): Promise<DumpSummary> {
  const tables = new Map<string, TableSummary>()
  const key = (database: string | undefined, table: string) => (database === undefined ? table : `${database}\u0000${table}`)
  const views: string[] = []
  const warnings: DumpWarning[] = []
  for await (const event of events) {
    switch (event.kind) {
      case 'table':
        tables.set(key(event.database, event.table.name), { table: event.table.name, ...(event.database === undefined ? {} : { database: event.database }), columns: event.table.columns.map((c) => c.name), rows: 0 })
        break
      case 'drop':
        tables.delete(key(event.database, event.table)) // dropped: a later CREATE TABLE is a new table
        break
      case 'view':
        views.push(event.name)
        tables.delete(key(event.database, event.name)) // mysqldump's placeholder table for a view is not a table
        break
      case 'rows': {
        let summary = tables.get(key(event.database, event.table))
        if (!summary) tables.set(key(event.database, event.table), (summary = { table: event.table, ...(event.database === undefined ? {} : { database: event.database }), columns: event.columns, rows: 0 }))
        summary.rows += event.rows.length
        break
      }
      case 'warning':
        warnings.push(event.warning)
        break
    }
  }
  return { tables: [...tables.values()], views, warnings, info: events.info }
}
