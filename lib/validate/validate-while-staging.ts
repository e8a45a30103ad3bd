// Validation in the same pass as staging: as the reader hands staging a contract table's rows, each
// one is mapped too, and the rows as they will be written go to their mapped table, their issues to
// migration_row_issues — no second reading of the staged rows. What needs other rows comes after
// the pass, as set-based SQL over the staged and mapped tables (validate-after-staging.ts): the
// references to rows the dump does not have (orphans: while the pass runs, a referenced table may
// not be read yet), and the repeated IDs.
//
// The mapped tables are written on a connection of their own, in a transaction of their own, into a
// schema of their own (`<run schema>_pass`), and moved into the run's staging schema only once the
// staging transaction committed; the issues likewise. A dump that fails leaves nothing of either.
// A dump of several databases is mapped only when its first database is the one migrated; else
// (and for a table dropped and created again) the validation pass does it after staging.
//
// The pass never fails staging: the staged rows are right whatever happens to it. If PostgreSQL
// refuses anything of the pass (a mapped table, a row), the pass gives up, keeps nothing, and every
// table is left to the validation pass, which then fails the table concerned with its reason.

import type { PoolClient } from 'pg'
import type { DatabaseClients } from '@/lib/db/prisma'
import type { SqlValue, TableDef } from '@/lib/dump/types'
import { createMappingContext, mapRow, mappingFor, type Mapping, type MappingContext, type RowIssue } from '@/lib/mappings'
import { CopyBinaryBuffer } from '@/lib/staging/copy-binary'
import { escapeCopyText } from '@/lib/staging/copy-text'
import { CopySink } from '@/lib/staging/copy-sink'
import { mappedTableName, quoteIdent, stagedTable } from '@/lib/staging/staging-names'
import { createUserLinker, loadExistingUsers } from './link-existing-users'
import { COPY_ISSUES_SQL, copyMappedRowsSql, createMappedTableSql, issueCopyFields, writeMappedRow } from './mapped-rows'
import type { TableValidator, ValidatedRow } from './table-validator'
import { contractColumns, targetValueWriter } from './target-columns'

/** What stageDump tells the pass, for the tables of the database staged in the run's schema. */
export interface StagingObserver {
  onTable(definition: TableDef): Promise<void>
  onRows(legacyTable: string, columns: readonly string[], rows: readonly SqlValue[][], firstRowNumber: number): Promise<void>
  /** the table was dropped (and may be created again): it is validated after staging instead */
  onDrop(legacyTable: string): Promise<void>
}

export interface PassOutcome {
  /** the legacy tables mapped in the pass (their mapped tables are in the run's schema now) */
  mapped: string[]
  /** the tables left to the validation pass (dropped and created again, or the whole dump: abandoned) */
  left: string[]
}

/** The per-table part of a TableValidator that writing mapped rows needs. */
type PassLayout = Pick<TableValidator, 'legacyTable' | 'targetColumns' | 'writers' | 'linked'>

interface PassTable {
  mapping: Mapping
  layout: PassLayout
  /** (legacy column → binary) of the table as the dump defines it */
  binary: Map<string, boolean>
  link: ((legacyId: number, email: string | null) => { linkId: string | null; issue: RowIssue | null }) | null
  dropped: boolean
}

export class ValidationWhileStaging implements StagingObserver {
  private readonly tables = new Map<string, PassTable>()
  private mappedWriter: PoolClient | null = null
  private issueWriter: PoolClient | null = null
  private mappedCopy: { table: PassTable; sink: CopySink<CopyBinaryBuffer> } | null = null
  private issueCopy: CopySink | null = null
  private readonly context: MappingContext
  private abandoned = false
  /** why the pass gave up, if it did (the tables are validated after staging instead) */
  failure: Error | null = null
  private readonly runField: string

  private constructor(
    private readonly db: DatabaseClients,
    private readonly runId: string,
    /** the run's staging schema */
    private readonly schema: string,
    readonly importTime: Date,
    private readonly existingUsers: Awaited<ReturnType<typeof loadExistingUsers>>,
  ) {
    // Every reference is taken as found while the pass runs (a referenced table may come later in
    // the dump); the orphans are found after it (validate-after-staging.ts).
    const context = createMappingContext({ importTime, existingIds: new Map() })
    this.context = { ...context, exists: () => true }
    this.runField = escapeCopyText(runId)
  }

  static async start(options: { db: DatabaseClients; runId: string; schema: string; importTime: Date }): Promise<ValidationWhileStaging> {
    const { db, runId, schema, importTime } = options
    const users = await loadExistingUsers(db.pool, db.targetSchema, (id) => createMappingContext({ importTime, existingIds: new Map() }).uuidFor('Credentials', id))
    const pass = new ValidationWhileStaging(db, runId, schema, importTime, users)
    pass.mappedWriter = await db.pool.connect()
    pass.issueWriter = await db.pool.connect()
    await pass.mappedWriter.query('BEGIN')
    await pass.mappedWriter.query(`CREATE SCHEMA ${quoteIdent(pass.passSchema)}`)
    await pass.issueWriter.query('BEGIN')
    pass.issueCopy = new CopySink(pass.issueWriter, COPY_ISSUES_SQL)
    return pass
  }

  /** where the mapped tables are while staging runs */
  get passSchema(): string {
    return `${this.schema}_pass`
  }

  async onTable(definition: TableDef): Promise<void> {
    if (!this.abandoned) await this.orGiveUp(() => this.startTable(definition))
  }

  async onRows(legacyTable: string, columns: readonly string[], rows: readonly SqlValue[][], firstRowNumber: number): Promise<void> {
    if (!this.abandoned) await this.orGiveUp(() => this.mapRows(legacyTable, columns, rows, firstRowNumber))
  }

  private async orGiveUp(step: () => Promise<void>): Promise<void> {
    try {
      await step()
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error))
      this.abandoned = true
      await this.rollback(this.failure)
    }
  }

  private async startTable(definition: TableDef): Promise<void> {
    const mapping = mappingFor(definition.name)
    if (!mapping || this.abandoned) return
    if (this.tables.has(definition.name)) {
      // created again after a DROP: the validation pass takes it after staging
      this.tables.get(definition.name)!.dropped = true
      return
    }
    const targetColumns = contractColumns(mapping.targetTable)
    const layout: PassLayout = { legacyTable: definition.name, targetColumns, writers: targetColumns.map((c) => targetValueWriter(c.dataType)), linked: mapping.targetTable === 'users' }
    const table: PassTable = {
      mapping,
      layout,
      binary: new Map(definition.columns.map((c) => [c.name, c.binary])),
      link: layout.linked ? createUserLinker(this.existingUsers) : null,
      dropped: false,
    }
    this.tables.set(definition.name, table)
    // the writer's connection is in the COPY of the table before: it ends first
    await this.mappedCopy?.sink.end()
    this.mappedCopy = null
    await this.mappedWriter!.query(createMappedTableSql(stagedTable(this.passSchema, mappedTableName(mapping.targetTable)), layout as TableValidator))
  }

  async onDrop(legacyTable: string): Promise<void> {
    const table = this.tables.get(legacyTable)
    if (table) table.dropped = true
  }

  private async mapRows(legacyTable: string, columns: readonly string[], rows: readonly SqlValue[][], firstRowNumber: number): Promise<void> {
    const table = this.tables.get(legacyTable)
    if (!table || table.dropped) return
    const { mapping } = table
    if (this.mappedCopy?.table !== table) {
      await this.mappedCopy?.sink.end()
      const mapped = stagedTable(this.passSchema, mappedTableName(mapping.targetTable))
      this.mappedCopy = { table, sink: new CopySink(this.mappedWriter!, copyMappedRowsSql(mapped, table.layout as TableValidator, { freeze: true }), new CopyBinaryBuffer()) }
    }
    const sink = this.mappedCopy.sink
    // The mapping's columns this INSERT names, with their place in the row.
    const read: [string, number, boolean][] = []
    for (const column of mapping.legacyColumns) {
      const at = columns.indexOf(column)
      if (at >= 0) read.push([column, at, table.binary.get(column) ?? false])
    }
    const tableField = escapeCopyText(legacyTable)
    for (let r = 0; r < rows.length; r++) {
      const values = rows[r]
      const raw: Record<string, SqlValue> = {}
      for (const [column, at, binary] of read) raw[column] = stagedValue(values[at] ?? null, binary)
      const mapped = mapRow(mapping, raw, this.context) as { target: Record<string, unknown> | null; issues: RowIssue[] }
      const legacyId = integerId(raw.ID)
      const row: ValidatedRow = { rowNumber: firstRowNumber + r, legacyId, target: mapped.target, issues: mapped.issues, decidedColumns: [], decisions: [], linkId: null }
      if (table.link && mapped.target) {
        const link = table.link(mapped.target.legacyId as number, mapped.target.email as string | null)
        if (link.issue) row.issues = [...row.issues, link.issue]
        row.linkId = link.linkId
      }
      if (row.target) {
        writeMappedRow(sink.rows, table.layout as TableValidator, row)
        const written = sink.written()
        if (written) await written
      }
      for (const issue of row.issues) {
        const written = this.issueCopy!.push(issueCopyFields(this.runField, tableField, row, issue))
        if (written) await written
      }
    }
  }

  /** Nothing of the pass is kept (a dump of several databases whose first is not the one migrated). */
  abandon(): void {
    this.abandoned = true
  }

  /**
   * After the staging transaction committed: the mapped tables into the run's schema, both
   * transactions committed. Returns which tables were mapped and which are left to validation;
   * never throws (a failure gives the pass up: every table is left to validation).
   */
  async commit(): Promise<PassOutcome> {
    const mapped: string[] = []
    const left: string[] = []
    if (this.failure) return { mapped, left: [...this.tables.keys()] }
    try {
      await this.mappedCopy?.sink.end()
      this.mappedCopy = null
      await this.issueCopy!.end()
      this.issueCopy = null
      for (const [legacyTable, table] of this.tables) {
        const name = mappedTableName(table.mapping.targetTable)
        if (this.abandoned || table.dropped) {
          left.push(legacyTable)
          await this.issueWriter!.query('DELETE FROM migration_row_issues WHERE run_id = $1 AND legacy_table = $2', [this.runId, legacyTable])
          continue
        }
        await this.mappedWriter!.query(`ALTER TABLE ${stagedTable(this.passSchema, name)} SET SCHEMA ${quoteIdent(this.schema)}`)
        mapped.push(legacyTable)
      }
      await this.mappedWriter!.query(`DROP SCHEMA ${quoteIdent(this.passSchema)} CASCADE`)
      await this.mappedWriter!.query('COMMIT')
      await this.issueWriter!.query('COMMIT')
    } catch (error) {
      // Given up, not thrown: staging has committed. Whatever of the pass did commit (the mapped
      // tables, if only the issues' commit failed) the validation after staging replaces.
      this.failure = error instanceof Error ? error : new Error(String(error))
      await this.rollback(error)
      return { mapped: [], left: [...this.tables.keys()] }
    }
    this.release(false)
    return { mapped, left }
  }

  /** Staging failed: nothing of the pass stays. */
  async rollback(reason: unknown): Promise<void> {
    const error = reason instanceof Error ? reason : new Error(String(reason))
    await this.mappedCopy?.sink.abort(error).catch(() => undefined)
    await this.issueCopy?.abort(error).catch(() => undefined)
    this.mappedCopy = null
    this.issueCopy = null
    await this.mappedWriter?.query('ROLLBACK').catch(() => undefined)
    await this.issueWriter?.query('ROLLBACK').catch(() => undefined)
    this.release(true)
  }

  private release(broken: boolean): void {
    this.mappedWriter?.release(broken)
    this.issueWriter?.release(broken)
    this.mappedWriter = null
    this.issueWriter = null
  }
}

/**
 * A value of the dump as staging stores it and the validation pass reads it back: text as text
 * (a number's text, bytes read as UTF-8), a binary column's value as bytes.
 */
export function stagedValue(value: SqlValue, binary: boolean): SqlValue {
  if (value === null) return null
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return String(value)
    case 'string':
      return binary ? Buffer.from(value, 'utf8') : value
    default:
      return binary ? Buffer.from(value as Uint8Array) : Buffer.from(value as Uint8Array).toString('utf8')
  }
}

function integerId(value: SqlValue | undefined): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value)
  return null
}
