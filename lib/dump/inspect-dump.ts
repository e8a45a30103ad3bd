import type { DumpEvent, DumpInfo, DumpWarning } from './types'

export interface TableSummary {
  table: string
  columns: string[]
  rows: number
}

export interface DumpSummary {
  tables: TableSummary[]
  views: string[]
  warnings: DumpWarning[]
  info: DumpInfo
}

/** Reads a whole dump and says what it holds: tables with their columns and row counts, views, warnings. */
export async function inspectDump(events: AsyncIterable<DumpEvent> & { readonly info: DumpInfo }): Promise<DumpSummary> {
  const tables = new Map<string, TableSummary>()
  const views: string[] = []
  const warnings: DumpWarning[] = []
  for await (const event of events) {
    switch (event.kind) {
      case 'table':
        tables.set(event.table.name, { table: event.table.name, columns: event.table.columns.map((c) => c.name), rows: 0 })
        break
      case 'view':
        views.push(event.name)
        tables.delete(event.name) // mysqldump's placeholder table for a view is not a table
        break
      case 'rows': {
        let summary = tables.get(event.table)
        if (!summary) tables.set(event.table, (summary = { table: event.table, columns: event.columns, rows: 0 }))
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
