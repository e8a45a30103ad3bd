import type { PoolClient } from 'pg'
import type { ColumnDef, DumpEvent, DumpInfo, DumpWarning, SqlValue, TableDef } from '@/lib/dump/types'
import { READER_RULE_CODES } from '@/lib/mappings/rule-codes'
import { encodeCopyValue, escapeCopyText, hasNul } from './copy-text'
import { CopySink } from './copy-sink'
import { STAGING_EXACT, STAGING_LEGACY_ID, STAGING_ROW, quoteIdent, stagedTable } from './staging-names'

export interface StagedTable {
  name: string
  /** the table's definition from the dump's CREATE TABLE (synthesised when rows came without one) */
  definition: TableDef
  rows: number
  /** rows whose ID column was not an integer, or absent */
  rowsWithoutId: number
  /**
   * Every row had an integer ID greater than the row before's (mariadb-dump writes a table with a
   * primary key in key order): then no ID repeats, and validation need not look for repeats.
   */
  idsAscending: boolean
  /** the last row's integer ID */
  lastId: number
  /** values that held a NUL byte: stored without it, exact bytes kept in `_exact` */
  valuesWithNul: number
}

export interface StagingResult {
  schema: string
  tables: StagedTable[]
  views: string[]
  /** the first `maxWarnings` reader warnings */
  warnings: DumpWarning[]
  warningCount: number
  info: DumpInfo
}

export interface StageDumpOptions {
  /** a dedicated connection: staging runs in one transaction on it */
  client: PoolClient
  schema: string
  events: AsyncIterable<DumpEvent>
  info: () => DumpInfo
  onProgress?: (info: DumpInfo) => void
  /** keep at most this many reader warnings in the result (all are counted) */
  maxWarnings?: number
  /**
   * The run whose issues receive the reader's row warnings (invalid UTF-8 in a value), in this
   * transaction, so that the preview shows them on their rows. Without it they are only returned.
   */
  runId?: string
}

/** Row warnings stored as issues, at most (a dump with more has a broken encoding throughout; all are counted). */
export const MAX_ROW_WARNING_ISSUES = 100_000

interface OpenCopy {
  table: StagedTable
  sink: CopySink
  /** for each column of the staging table, the index of the value in the incoming row (or -1) */
  binary: boolean[]
  idIndex: number
  columnsKey: string
  positions: number[]
}

/**
 * Streams the dump's rows into `schema` with COPY, one staging table per dump table, all in one
 * transaction: a truncated or foreign dump rolls back and leaves nothing behind. Values are stored
 * as text (bytea for binary columns) exactly as the dump had them; mapping reads them from here.
 */
export async function stageDump(options: StageDumpOptions): Promise<StagingResult> {
  const { client, schema, events } = options
  const maxWarnings = options.maxWarnings ?? 1000
  const tables = new Map<string, StagedTable>()
  const views: string[] = []
  const warnings: DumpWarning[] = []
  const rowWarnings: DumpWarning[] = []
  let warningCount = 0
  let copy: OpenCopy | null = null
  let lastProgress = 0

  const finishCopy = async () => {
    if (!copy) return
    const current = copy
    copy = null
    await current.sink.end()
  }

  await client.query('BEGIN')
  try {
    await client.query(`CREATE SCHEMA ${quoteIdent(schema)}`)
    for await (const event of events) {
      switch (event.kind) {
        case 'table': {
          await finishCopy()
          if (tables.has(event.table.name)) {
            // A second CREATE TABLE of the same name (a dump of several databases): refuse the
            // dump rather than mix the rows of two different tables in one staging table.
            throw new Error(`Table \`${event.table.name}\` is defined twice in the dump (at byte ${event.table.offset})`)
          }
          await createStagingTable(client, schema, event.table)
          tables.set(event.table.name, emptyStagedTable(event.table))
          break
        }
        case 'view': {
          await finishCopy()
          views.push(event.name)
          // mysqldump writes a placeholder table before the real view: it is not data.
          if (tables.delete(event.name)) {
            await client.query(`DROP TABLE IF EXISTS ${stagedTable(schema, event.name)}`)
          }
          break
        }
        case 'warning':
          warningCount += 1
          if (warnings.length < maxWarnings) warnings.push(event.warning)
          if (isRowIssue(event.warning) && rowWarnings.length < MAX_ROW_WARNING_ISSUES) rowWarnings.push(event.warning)
          break
        case 'rows': {
          let table = tables.get(event.table)
          if (!table) {
            const definition = synthesiseDefinition(event.table, event.columns, event.offset)
            await finishCopy()
            await createStagingTable(client, schema, definition)
            table = emptyStagedTable(definition)
            tables.set(event.table, table)
          }
          const columnsKey = event.columns.join('\u0001')
          if (!copy || copy.table !== table || copy.columnsKey !== columnsKey) {
            await finishCopy()
            copy = openCopy(client, schema, table, event.columns)
          }
          await appendRows(copy, event.rows)
          const now = Date.now()
          if (options.onProgress && now - lastProgress > 100) {
            lastProgress = now
            options.onProgress(options.info())
          }
          break
        }
      }
    }
    await finishCopy()
    for (const table of tables.values()) {
      await client.query(
        `CREATE INDEX ON ${stagedTable(schema, table.name)} (${STAGING_LEGACY_ID}, ${STAGING_ROW})`,
      )
      await client.query(`ALTER TABLE ${stagedTable(schema, table.name)} ADD PRIMARY KEY (${STAGING_ROW})`)
    }
    if (options.runId) await storeRowWarnings(client, options.runId, schema, tables, rowWarnings)
    await client.query('COMMIT')
  } catch (error) {
    const open = copy as OpenCopy | null
    if (open) {
      // CopyFail: PostgreSQL abandons the COPY, then the whole transaction rolls back.
      await open.sink.abort(error instanceof Error ? error : new Error(String(error)))
    }
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
  for (const table of tables.values()) await client.query(`ANALYZE ${stagedTable(schema, table.name)}`)
  const info = options.info()
  options.onProgress?.(info)
  return { schema, tables: [...tables.values()], views, warnings, warningCount, info }
}

function emptyStagedTable(definition: TableDef): StagedTable {
  return { name: definition.name, definition, rows: 0, rowsWithoutId: 0, idsAscending: true, lastId: -Infinity, valuesWithNul: 0 }
}

function synthesiseDefinition(name: string, columns: string[], offset: number): TableDef {
  const column = (columnName: string): ColumnDef => ({
    name: columnName,
    type: 'text',
    baseType: 'text',
    unsigned: false,
    nullable: true,
    autoIncrement: false,
    defaultText: null,
    binary: false,
  })
  return { name, columns: columns.map(column), primaryKey: [], keys: [], options: '', offset }
}

async function createStagingTable(client: PoolClient, schema: string, definition: TableDef): Promise<void> {
  const columns = definition.columns.map((c) => `${quoteIdent(c.name)} ${c.binary ? 'bytea' : 'text'}`)
  await client.query(
    `CREATE TABLE ${stagedTable(schema, definition.name)} (
       ${STAGING_ROW} bigint NOT NULL,
       ${STAGING_LEGACY_ID} bigint,
       ${STAGING_EXACT} jsonb${columns.length ? ',\n' + columns.join(',\n') : ''}
     )`,
  )
}

function openCopy(client: PoolClient, schema: string, table: StagedTable, eventColumns: string[]): OpenCopy {
  const byName = new Map(table.definition.columns.map((c) => [c.name, c]))
  const positions = eventColumns.map((name) => {
    if (!byName.has(name)) {
      throw new Error(`INSERT into \`${table.name}\` names column \`${name}\`, which its CREATE TABLE does not have`)
    }
    return table.definition.columns.indexOf(byName.get(name)!)
  })
  const targetColumns = [STAGING_ROW, STAGING_LEGACY_ID, STAGING_EXACT, ...eventColumns.map(quoteIdent)]
  return {
    table,
    // FREEZE (allowed: every staging table is created in this transaction): the rows are written
    // as committed and visible to all, so the index builds, ANALYZE and the validation's reads do
    // not mark every row and write every page again (PostgreSQL's CPU in validation: −20%).
    sink: new CopySink(client, `COPY ${stagedTable(schema, table.name)} (${targetColumns.join(', ')}) FROM STDIN (FREEZE)`),
    binary: positions.map((p) => table.definition.columns[p].binary),
    idIndex: eventColumns.indexOf('ID'),
    columnsKey: eventColumns.join('\u0001'),
    positions,
  }
}

async function appendRows(copy: OpenCopy, rows: SqlValue[][]): Promise<void> {
  const { table, sink, binary, idIndex } = copy
  const width = binary.length
  for (const row of rows) {
    table.rows += 1
    const id = idIndex >= 0 ? row[idIndex] : null
    // Only ids a JavaScript number holds exactly are looked up; larger ones stay in their column.
    const legacyId = typeof id === 'number' ? String(id) : '\\N'
    if (legacyId === '\\N') {
      table.rowsWithoutId += 1
      table.idsAscending = false
    } else {
      if ((id as number) <= table.lastId) table.idsAscending = false
      table.lastId = id as number
    }
    const fields = new Array<string>(width + 3)
    fields[0] = String(table.rows)
    fields[1] = legacyId
    let exact: Record<string, string> | null = null
    for (let i = 0; i < width; i++) {
      const value = row[i] ?? null
      if (typeof value === 'string' && !binary[i] && hasNul(value)) {
        // PostgreSQL text cannot hold NUL: store the text without it, keep the exact bytes.
        exact ??= {}
        exact[table.definition.columns[copy.positions[i]].name] = Buffer.from(value, 'utf8').toString('hex')
        table.valuesWithNul += 1
        fields[i + 3] = escapeCopyText(value.replaceAll('\u0000', ''))
      } else {
        fields[i + 3] = encodeCopyValue(value, binary[i])
      }
    }
    fields[2] = exact ? escapeCopyText(JSON.stringify(exact)) : '\\N'
    const written = sink.push(fields)
    if (written) await written
  }
}

/** A reader warning about one row's value that becomes that row's issue (READER_RULE_CODES). */
function isRowIssue(warning: DumpWarning): boolean {
  return warning.table !== null && warning.row !== null && (READER_RULE_CODES as readonly string[]).includes(warning.code)
}

/**
 * The reader's warnings about one row's value (invalid UTF-8) as that row's issues (INVALID_UTF8,
 * a warning), with the row's legacy id from its staged table; validation keeps them.
 */
async function storeRowWarnings(client: PoolClient, runId: string, schema: string, tables: Map<string, StagedTable>, rowWarnings: DumpWarning[]) {
  const byTable = new Map<string, DumpWarning[]>()
  for (const w of rowWarnings) {
    if (!tables.has(w.table!)) continue
    let list = byTable.get(w.table!)
    if (!list) byTable.set(w.table!, (list = []))
    list.push(w)
  }
  for (const [table, list] of byTable) {
    for (let i = 0; i < list.length; i += 5000) {
      const chunk = list.slice(i, i + 5000)
      await client.query(
        `INSERT INTO migration_row_issues (run_id, legacy_table, legacy_id, row_number, column_name, severity, code, message, source_value)
         SELECT $1, $2, CASE WHEN s.${STAGING_LEGACY_ID} BETWEEN -2147483648 AND 2147483647 THEN s.${STAGING_LEGACY_ID} END, w.row, w.column_name, 'warning', w.code, w.message, NULL
           FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[]) AS w(row, column_name, code, message)
           LEFT JOIN ${stagedTable(schema, table)} s ON s.${STAGING_ROW} = w.row`,
        [runId, table, chunk.map((w) => w.row), chunk.map((w) => w.column), chunk.map((w) => w.code), chunk.map((w) => w.message)],
      )
    }
  }
}
