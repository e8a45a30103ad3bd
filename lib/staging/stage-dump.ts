import type { PoolClient } from 'pg'
import type { ColumnDef, DumpEvent, DumpInfo, DumpWarning, SqlValue, TableDef } from '@/lib/dump/types'
import { READER_RULE_CODES } from '@/lib/mappings/rule-codes'
import { encodeCopyValue, escapeCopyText, hasNul } from './copy-text'
import { CopySink } from './copy-sink'
import { chooseDatabase, isSystemDatabase, type DatabaseChoice, type DatabaseSummary } from './choose-database'
import { STAGING_EXACT, STAGING_LEGACY_ID, STAGING_ROW, databaseSchemaFor, quoteIdent, stagedTable } from './staging-names'
import type { StagingObserver } from '@/lib/validate/validate-while-staging'

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

/** One database of the dump as staged: its own schema (none for a system database, whose rows are only counted). */
export interface StagedDatabase {
  /** null: the tables of a dump that names no database */
  name: string | null
  system: boolean
  /** where its tables are: the run's schema for the database migrated, `<schema>_d<N>` for the others; null when not staged */
  schema: string | null
  tables: StagedTable[]
  views: string[]
}

export interface StagingResult {
  schema: string
  /** the tables of the database migrated (empty while the operator has to choose one) */
  tables: StagedTable[]
  views: string[]
  /** every database of the dump, in the order the dump names them */
  databases: StagedDatabase[]
  /** which database is migrated and why, or that the operator must choose (chooseDatabase) */
  choice: DatabaseChoice
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
  /** the legacy contract's table names: a dump of several databases migrates the one holding them */
  contractTables?: ReadonlySet<string>
  /** the database to migrate, named by the operator up front (the command line's --database) */
  database?: string
  /**
   * Told of the tables and rows of the database staged in `schema` (the first a dump names), for
   * validation in the same pass (lib/validate/validate-while-staging.ts); told to abandon when
   * another database is the one migrated.
   */
  observer?: StagingObserver & { abandon(): void }
}

/** Where a database whose choice is pending keeps its reader row warnings until it is chosen. */
export const PENDING_ROW_WARNINGS = '_ordermys_reader_row_warnings'

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
  const databases = new Map<string | null, StagedDatabase>()
  /** every table of every database, by tableKey */
  const tables = new Map<string, { table: StagedTable; database: StagedDatabase }>()
  const warnings: DumpWarning[] = []
  const rowWarnings: DumpWarning[] = []
  let warningCount = 0
  let copy: OpenCopy | null = null
  let lastProgress = 0
  let schemas = 0

  const finishCopy = async () => {
    if (!copy) return
    const current = copy
    copy = null
    await current.sink.end()
  }
  /** The database `name`, made when first named; its schema when its first table comes. */
  const databaseOf = (name: string | null): StagedDatabase => {
    let database = databases.get(name)
    if (!database) databases.set(name, (database = { name, system: isSystemDatabase(name), schema: null, tables: [], views: [] }))
    return database
  }
  const addTable = async (database: StagedDatabase, definition: TableDef): Promise<StagedTable> => {
    if (!database.system && database.schema === null) {
      // The first database with tables stays in the run's schema (a dump without USE: exactly as
      // before); the others get their own.
      schemas += 1
      database.schema = schemas === 1 ? schema : databaseSchemaFor(schema, schemas)
      if (schemas > 1) await client.query(`CREATE SCHEMA ${quoteIdent(database.schema)}`)
    }
    if (database.schema !== null) await createStagingTable(client, database.schema, definition)
    if (database.schema === schema) await options.observer?.onTable(definition)
    const table = emptyStagedTable(definition)
    database.tables.push(table)
    tables.set(tableKey(database.name, definition.name), { table, database })
    return table
  }
  const dropTable = async (databaseName: string | null, name: string) => {
    const key = tableKey(databaseName, name)
    const found = tables.get(key)
    if (!found) return false
    if (copy?.table === found.table) await finishCopy()
    tables.delete(key)
    found.database.tables.splice(found.database.tables.indexOf(found.table), 1)
    if (found.database.schema !== null) await client.query(`DROP TABLE ${stagedTable(found.database.schema, name)}`)
    if (found.database.schema === schema) await options.observer?.onDrop(name)
    return true
  }

  await client.query('BEGIN')
  try {
    await client.query(`CREATE SCHEMA ${quoteIdent(schema)}`)
    for await (const event of events) {
      switch (event.kind) {
        case 'database':
          databaseOf(event.name)
          break
        case 'table': {
          await finishCopy()
          const database = databaseOf(event.database ?? null)
          if (tables.has(tableKey(database.name, event.table.name))) {
            // The reader refuses a second CREATE TABLE (DUPLICATE_TABLE) and reports a DROP first:
            // this cannot happen with its events; never mix two tables' rows.
            throw new Error(`Table \`${event.table.name}\` is defined twice in the dump (at byte ${event.table.offset})`)
          }
          await addTable(database, event.table)
          break
        }
        case 'drop':
          await dropTable(event.database ?? null, event.table)
          break
        case 'view': {
          await finishCopy()
          const database = databaseOf(event.database ?? null)
          database.views.push(event.name)
          // mysqldump writes a placeholder table before the real view: it is not data.
          await dropTable(database.name, event.name)
          break
        }
        case 'warning':
          warningCount += 1
          if (warnings.length < maxWarnings) warnings.push(event.warning)
          if (isRowIssue(event.warning) && rowWarnings.length < MAX_ROW_WARNING_ISSUES) rowWarnings.push(event.warning)
          break
        case 'rows': {
          const database = databaseOf(event.database ?? null)
          let table = tables.get(tableKey(database.name, event.table))?.table
          if (!table) {
            await finishCopy()
            table = await addTable(database, synthesiseDefinition(event.table, event.columns, event.offset))
          }
          if (database.schema === null) {
            table.rows += event.rows.length // a system database: counted, not staged
            break
          }
          const columnsKey = event.columns.join('\u0001')
          if (!copy || copy.table !== table || copy.columnsKey !== columnsKey) {
            await finishCopy()
            copy = openCopy(client, database.schema, table, event.columns)
          }
          const firstRow = table.rows + 1
          await appendRows(copy, event.rows)
          if (database.schema === schema) await options.observer?.onRows(table.name, event.columns, event.rows, firstRow)
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
    for (const { table, database } of tables.values()) {
      if (database.schema === null) continue
      await client.query(
        `CREATE INDEX ON ${stagedTable(database.schema, table.name)} (${STAGING_LEGACY_ID}, ${STAGING_ROW})`,
      )
      await client.query(`ALTER TABLE ${stagedTable(database.schema, table.name)} ADD PRIMARY KEY (${STAGING_ROW})`)
    }
    if (databases.size === 0) databaseOf(null)
    const choice = chooseDatabase([...databases.values()].map(summarizeDatabase), options.contractTables ?? new Set(), options.database)
    const chosen = choice.chosen ? databases.get(choice.name) ?? null : null
    // The pass mapped the database staged in the run's schema: of no use when another is migrated.
    if (!chosen || chosen.schema !== schema) options.observer?.abandon()
    if (chosen) await moveToRunSchema(client, schema, chosen, [...databases.values()])
    if (options.runId) {
      if (chosen) await storeRowWarnings(client, options.runId, chosen, rowWarnings)
      else await keepPendingRowWarnings(client, [...databases.values()], rowWarnings)
    }
    await client.query('COMMIT')
    const staged = [...databases.values()]
    for (const database of staged) {
      if (database.schema === null) continue
      for (const table of database.tables) await client.query(`ANALYZE ${stagedTable(database.schema, table.name)}`)
    }
    const info = options.info()
    options.onProgress?.(info)
    return { schema, tables: chosen?.tables ?? [], views: chosen?.views ?? [], databases: staged, choice, warnings, warningCount, info }
  } catch (error) {
    const open = copy as OpenCopy | null
    if (open) {
      // CopyFail: PostgreSQL abandons the COPY, then the whole transaction rolls back.
      await open.sink.abort(error instanceof Error ? error : new Error(String(error)))
    }
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

/** A table's key: its name within its database (null: a dump that names none). */
function tableKey(database: string | null, table: string): string {
  return database === null ? table : `${database}\u0000${table}`
}

export function summarizeDatabase(database: StagedDatabase): DatabaseSummary {
  return {
    name: database.name,
    system: database.system,
    tables: database.tables.map((t) => ({ name: t.name, columns: t.definition.columns.map((c) => c.name), rows: t.rows })),
  }
}

/**
 * The database to migrate into the run's schema (`schema`), which validation, import and
 * reconciliation read: the one there now moves to its own `<schema>_d<N>`. Every database's
 * `schema` is updated. In the caller's transaction (ALTER SCHEMA … RENAME is transactional).
 */
export async function moveToRunSchema(client: PoolClient, schema: string, chosen: { schema: string | null }, databases: readonly { schema: string | null }[]): Promise<void> {
  if (chosen.schema === schema || chosen.schema === null) return
  const current = databases.find((d) => d.schema === schema)
  const chosenSchema = chosen.schema
  if (current) {
    const parked = `${schema}_moving`
    await client.query(`ALTER SCHEMA ${quoteIdent(schema)} RENAME TO ${quoteIdent(parked)}`)
    await client.query(`ALTER SCHEMA ${quoteIdent(chosenSchema)} RENAME TO ${quoteIdent(schema)}`)
    await client.query(`ALTER SCHEMA ${quoteIdent(parked)} RENAME TO ${quoteIdent(chosenSchema)}`)
    current.schema = chosenSchema
  } else {
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)}`) // empty: the dump's first database had no tables
    await client.query(`ALTER SCHEMA ${quoteIdent(chosenSchema)} RENAME TO ${quoteIdent(schema)}`)
  }
  chosen.schema = schema
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

/** Row warnings of one database (the reader names the database of a table it read within one). */
function warningsOf(database: StagedDatabase, rowWarnings: readonly DumpWarning[]): Map<string, DumpWarning[]> {
  const names = new Set(database.tables.map((t) => t.name))
  const byTable = new Map<string, DumpWarning[]>()
  for (const w of rowWarnings) {
    if ((w.database ?? null) !== database.name || !names.has(w.table!)) continue
    let list = byTable.get(w.table!)
    if (!list) byTable.set(w.table!, (list = []))
    list.push(w)
  }
  return byTable
}

/**
 * The reader's warnings about one row's value (invalid UTF-8) as that row's issues (INVALID_UTF8,
 * a warning), with the row's legacy id from its staged table; validation keeps them.
 */
async function storeRowWarnings(client: PoolClient, runId: string, database: StagedDatabase, rowWarnings: readonly DumpWarning[]) {
  for (const [table, list] of warningsOf(database, rowWarnings)) {
    for (let i = 0; i < list.length; i += 5000) {
      const chunk = list.slice(i, i + 5000)
      await client.query(
        `INSERT INTO migration_row_issues (run_id, legacy_table, legacy_id, row_number, column_name, severity, code, message, source_value)
         SELECT $1, $2, CASE WHEN s.${STAGING_LEGACY_ID} BETWEEN -2147483648 AND 2147483647 THEN s.${STAGING_LEGACY_ID} END, w.row, w.column_name, 'warning', w.code, w.message, NULL
           FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[]) AS w(row, column_name, code, message)
           LEFT JOIN ${stagedTable(database.schema!, table)} s ON s.${STAGING_ROW} = w.row`,
        [runId, table, chunk.map((w) => w.row), chunk.map((w) => w.column), chunk.map((w) => w.code), chunk.map((w) => w.message)],
      )
    }
  }
}

/** While the operator chooses a database, each database keeps its row warnings beside its tables (storePendingRowWarnings moves them). */
async function keepPendingRowWarnings(client: PoolClient, databases: readonly StagedDatabase[], rowWarnings: readonly DumpWarning[]) {
  for (const database of databases) {
    if (database.schema === null) continue
    const holding = stagedTable(database.schema, PENDING_ROW_WARNINGS)
    await client.query(`CREATE TABLE ${holding} (legacy_table text, row_number bigint, column_name text, code text, message text)`)
    for (const [table, list] of warningsOf(database, rowWarnings)) {
      await client.query(`INSERT INTO ${holding} SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[])`, [
        table,
        list.map((w) => w.row),
        list.map((w) => w.column),
        list.map((w) => w.code),
        list.map((w) => w.message),
      ])
    }
  }
}

/** The chosen database's kept row warnings (keepPendingRowWarnings) as the run's issues; the other databases' are dropped. */
export async function storePendingRowWarnings(client: PoolClient, runId: string, schema: string, schemas: readonly string[]): Promise<void> {
  const holding = stagedTable(schema, PENDING_ROW_WARNINGS)
  const { rows } = await client.query<{ legacy_table: string }>(`SELECT DISTINCT legacy_table FROM ${holding}`)
  for (const { legacy_table: table } of rows) {
    await client.query(
      `INSERT INTO migration_row_issues (run_id, legacy_table, legacy_id, row_number, column_name, severity, code, message, source_value)
       SELECT $1, $2, CASE WHEN s.${STAGING_LEGACY_ID} BETWEEN -2147483648 AND 2147483647 THEN s.${STAGING_LEGACY_ID} END, w.row_number, w.column_name, 'warning', w.code, w.message, NULL
         FROM ${holding} w LEFT JOIN ${stagedTable(schema, table)} s ON s.${STAGING_ROW} = w.row_number
        WHERE w.legacy_table = $2`,
      [runId, table],
    )
  }
  for (const other of schemas) await client.query(`DROP TABLE IF EXISTS ${stagedTable(other, PENDING_ROW_WARNINGS)}`)
}
