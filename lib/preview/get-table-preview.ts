import { createHash } from 'node:crypto'
import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { mappingFor, RULE_CODES, isRuleCode, type Severity } from '@/lib/mappings'
import { MAPPED_DECIDED, quoteIdent, stagedTable } from '@/lib/staging/staging-names'
import { mappedTableName } from '@/lib/staging/staging-names'
import {
  loadPreviewColumns,
  type LegacyPreviewColumn,
  type PreviewColumns,
  type TargetPreviewColumn,
} from './preview-columns'
import { describePasswordKind, isSecretLegacyColumn } from './secret-values'
import type { TablePreviewInput } from './table-preview.validation'

// One page of a staged table as the preview shows it: the staged (legacy) values beside the mapped
// (target) values, joined by `_row`, with the row's issues. Everything is paged in PostgreSQL:
//   - dump order, no filter: `_row` is 1…N without gaps, so page k is a range of the primary key
//     (the same cost for the first and the millionth row);
//   - filtered by severity / rule / column: the row numbers come from migration_row_issues'
//     (run, table, row_number) index, distinct, in order;
//   - sorted by ID or a legacy column: ORDER BY … OFFSET on the staged table;
// then one query fetches just those rows — both sides joined by `_row`, values cut to PREVIEW_CHARS
// (a 1 MB OrderData is not sent to the browser), each row's issues as JSON. Password values never
// leave: their kind does. A sort by ID is the dump order when the dump wrote rows by ID (the usual).
//
// Few round trips per page, because under load each costs more than the work it asks for (the
// preview load bench: 50 operators' worth of requests on two cores): the table's state and its run
// come in one query; its columns, and whether `_row` is dense, are asked once per staged table (it
// is written once, by staging, and never altered); the first sort by a column builds an index for it in the background
// (sort-index below), so that sorting 600k rows is done once, not on every page.

/** Characters of a value the preview sends; longer values say how long they are. */
export const PREVIEW_CHARS = 300
/** Filtered row counts stop here ("100,000+"): counting further costs time and tells nothing more. */
export const COUNT_CAP = 100_000

export type PreviewCell = null | string | { text: string; bytes: number; truncated: boolean; binary?: boolean }

export interface PreviewIssue {
  column: string | null
  severity: Severity
  code: string
  message: string
  sourceValue: string | null
  /** the operator's decision that answers it, or null (not reviewed) */
  decisionId: string | null
}

export interface PreviewRow {
  rowNumber: number
  legacyId: number | null
  legacy: Record<string, PreviewCell>
  /** null when the row is rejected (or the table is not validated yet) */
  target: Record<string, PreviewCell> | null
  /** target columns whose value a decision gave */
  decided: string[]
  issues: PreviewIssue[]
  status: 'ok' | 'warning' | 'rejected'
}

export interface RuleCount {
  code: string
  severity: Severity
  description: string
  count: number
}

export interface TablePreview {
  runId: string
  /** the run's dump, for the page's breadcrumb */
  fileName: string
  legacyTable: string
  targetTable: string | null
  state: string
  columns: PreviewColumns
  rows: PreviewRow[]
  /** rows matching the filter (capped at COUNT_CAP when filtered: then `totalCapped`) */
  total: number
  totalCapped: boolean
  rowsStaged: number
  /** 1-based */
  page: number
  pageSize: number
  pageCount: number
  /** the query as applied (a jump resets filters and sort) */
  applied: { severity: Severity | null; code: string | null; column: string | null; sort: string; descending: boolean }
  jump: { legacyId: number; rowNumber: number | null } | null
  rules: RuleCount[]
  warningCount: number
  errorCount: number
  milliseconds: number
}

export interface GetTablePreviewOptions {
  db: DatabaseClients
  runId: string
  legacyTable: string
  query: TablePreviewInput
}

interface TableLookup {
  state: string
  rows_staged: number
  /** staging saw every row's ID greater than the row before's */
  ids_ascending: boolean
  counts_by_rule: Record<string, number> | null
  warning_count: number
  error_count: number
  /** set by every import step and roll-back (validation makes a new mapped table instead) */
  updated_at: string
  staging_schema: string | null
  file_name: string
  /** the staged table's oid: a new one whenever the run is staged again */
  staged_oid: string | null
  /** the mapped rows' table's oid (validation makes it anew each time), or null before validation */
  mapped_oid: string | null
}

/**
 * The columns of a staged table and its mapped table, by their oids: neither table is ever altered
 * (staging writes the one, validation makes the other anew), so their columns are known for good.
 */
const columnsByTables = new Map<string, Promise<PreviewColumns>>()

function tableColumns(db: DatabaseClients, table: TableLookup, legacyTable: string, targetTable: string | null): Promise<PreviewColumns> {
  const key = `${table.staging_schema}.${legacyTable} ${table.staged_oid} ${table.mapped_oid ?? '-'}`
  let columns = columnsByTables.get(key)
  if (!columns) {
    if (columnsByTables.size >= 10_000) columnsByTables.clear()
    columns = loadPreviewColumns(db, table.staging_schema!, legacyTable, targetTable)
    columns.catch(() => columnsByTables.delete(key))
    columnsByTables.set(key, columns)
  }
  return columns
}

export async function getTablePreview({ db, runId, legacyTable, query }: GetTablePreviewOptions): Promise<TablePreview> {
  const started = performance.now()
  const targetTable = mappingFor(legacyTable)?.targetTable ?? null
  const lookup = await db.pool.query<TableLookup>(
    `select t.state, t.rows_staged, t.ids_ascending, t.counts_by_rule, t.warning_count, t.error_count, t.updated_at::text as updated_at, r.staging_schema, r.file_name,
            case when r.staging_schema is not null then to_regclass(format('%I.%I', r.staging_schema, t.legacy_table))::oid::text end as staged_oid,
            case when r.staging_schema is not null and $3::text is not null then to_regclass(format('%I.%I', r.staging_schema, $3::text))::oid::text end as mapped_oid
       from migration_run_tables t join migration_runs r on r.id = t.run_id
      where t.run_id = $1 and t.legacy_table = $2`,
    [runId, legacyTable, targetTable ? mappedTableName(targetTable) : null],
  )
  const table = lookup.rows[0]
  const schema = table?.staging_schema
  if (!table || !schema || table.state === 'missing' || !table.staged_oid) throw new AppError('NOT_FOUND', `This run has no staged table ${legacyTable}`)
  const columns = await tableColumns(db, table, legacyTable, targetTable)
  const staged = stagedTable(schema, legacyTable)
  const pageSize = query.size
  const rowsStaged = table.rows_staged

  let severity: Severity | null = query.severity ?? null
  let code = query.code && isRuleCode(query.code) ? query.code : null
  let column = query.column && columns.legacy.some((c) => c.name === query.column) ? query.column : null
  let sort = resolveSort(query.sort, columns.legacy)
  let pageIndex = query.page - 1
  let jump: TablePreview['jump'] = null

  const dense = await isDense(db, staged, rowsStaged, table.staged_oid)
  if (query.jump !== undefined) {
    // A jump shows the row where it is in the dump: filters and sort are cleared.
    const found = await db.pool.query<{ row: string }>(`select _row as row from ${staged} where _legacy_id = $1 order by _row limit 1`, [query.jump])
    const rowNumber = found.rows[0] ? Number(found.rows[0].row) : null
    jump = { legacyId: query.jump, rowNumber }
    if (rowNumber !== null) {
      severity = code = column = null
      sort = { key: '_row', label: '_row', descending: false, expression: ['_row'] }
      pageIndex = dense
        ? Math.floor((rowNumber - 1) / pageSize)
        : Math.floor(Number((await db.pool.query<{ n: string }>(`select count(*) as n from ${staged} where _row < $1`, [rowNumber])).rows[0].n) / pageSize)
    }
  }

  // mysqldump writes a table in primary-key order: when the staged IDs follow the dump order, a sort
  // by ID is the dump order, and its pages are found like those (by arithmetic, or the row-number
  // index) instead of by skipping every row before the page (OFFSET 300,000: ~50 ms).
  // Staging records whether the IDs came ascending; only when they did not is the table looked through.
  if (sort.key === '_legacy_id' && (table.ids_ascending || (await idInDumpOrder(db, staged, table.staged_oid)))) {
    sort = { ...sort, key: '_row', expression: ['_row'] }
  }

  const filtered = severity !== null || code !== null || column !== null
  let rowNumbers: number[]
  let total: number
  let totalCapped = false
  if (!filtered) {
    total = rowsStaged
    pageIndex = clampPage(pageIndex, total, pageSize)
    rowNumbers = await unfilteredPage(db, staged, sort, pageIndex, pageSize, rowsStaged, dense)
    ensureSortIndex(db, staged, table.staged_oid, sort)
  } else {
    const issueFilter = issueWhere(runId, legacyTable, { severity, code, column })
    const countSql = `select count(*) from (select distinct row_number from migration_row_issues where ${issueFilter.sql} limit ${COUNT_CAP + 1}) t`
    const countKey = issuesAtRest(table) ? `${runId} ${legacyTable} ${table.mapped_oid} ${table.state} ${table.updated_at} ${table.warning_count} ${table.error_count} ${JSON.stringify(table.counts_by_rule)} ${severity} ${code} ${column}` : null
    let counted = countKey === null ? undefined : filteredCounts.get(countKey)
    let asked: number[] | null = null
    if (counted !== undefined) {
      // counted before, for these very issues: only the page is asked (below)
    } else if (sort.key === '_row') {
      // In dump order, the count and the page come in one round trip (the page asked for is almost
      // always there; one past the end is asked again, clamped).
      const result = await db.pool.query<{ n: string; rows: string[] }>(
        `select (${countSql}) as n, array(${filteredRowsSql(sort, issueFilter)}) as rows`,
        [...issueFilter.params, Math.max(0, pageIndex) * pageSize, pageSize],
      )
      counted = Number(result.rows[0].n)
      asked = result.rows[0].rows.map(Number)
    } else {
      counted = Number((await db.pool.query<{ n: string }>(`select (${countSql}) as n`, issueFilter.params)).rows[0].n)
    }
    if (countKey !== null) rememberCount(countKey, counted)
    total = Math.min(counted, COUNT_CAP)
    totalCapped = counted > COUNT_CAP
    const askedIndex = Math.max(0, pageIndex)
    pageIndex = totalCapped ? askedIndex : clampPage(pageIndex, total, pageSize)
    rowNumbers =
      asked !== null && pageIndex === askedIndex
        ? asked
        : await filteredPage(db, staged, sort, issueFilter, pageIndex, pageSize)
  }

  const rows = await loadRows(db, { runId, legacyTable, targetTable, schema, staged, columns, rowNumbers })
  return {
    runId,
    fileName: table.file_name,
    legacyTable,
    targetTable,
    state: table.state,
    columns,
    rows,
    total,
    totalCapped,
    rowsStaged,
    page: pageIndex + 1,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    applied: { severity, code, column, sort: sort.label, descending: sort.descending },
    jump,
    rules: ruleCounts(table.counts_by_rule),
    warningCount: table.warning_count,
    errorCount: table.error_count,
    milliseconds: Math.round(performance.now() - started),
  }
}

interface Sort {
  key: string
  /** as in the URL: `_row`, `ID`, a legacy column */
  label: string
  descending: boolean
  /** SQL over the staged table (alias-free), the sort keys in order */
  expression: string[]
  /** the same order for a column that holds text that is not a number (slower: checks every value) */
  guarded?: string[]
}

function resolveSort(raw: string | undefined, legacy: LegacyPreviewColumn[]): Sort {
  const descending = raw?.startsWith('-') ?? false
  const name = raw?.replace(/^-/, '') ?? '_row'
  if (name === 'ID' || name === '_legacy_id') return { key: '_legacy_id', label: 'ID', descending, expression: ['_legacy_id'] }
  const column = legacy.find((c) => c.name === name && c.kind !== 'secret' && c.kind !== 'binary')
  if (!column) return { key: '_row', label: '_row', descending, expression: ['_row'] }
  const quoted = quoteIdent(column.name)
  // Staged values are text: a numeric legacy column sorts by number (text that is not a number after).
  if (column.kind === 'integer' || column.kind === 'number') {
    // Staged values are text: a numeric legacy column sorts by number. The plain cast is tried first
    // (the dump writes numbers canonically); a value that is not a number falls back to the check.
    const type = column.kind === 'integer' ? 'bigint' : 'numeric'
    const pattern = column.kind === 'integer' ? '^-?[0-9]{1,18}$' : '^-?[0-9]+(\\.[0-9]+)?$'
    return {
      key: column.name,
      label: column.name,
      descending,
      expression: [`${quoted}::${type}`],
      guarded: [`(case when ${quoted} ~ '${pattern}' then ${quoted}::${type} end)`, `${quoted} collate "C"`],
    }
  }
  return { key: column.name, label: column.name, descending, expression: [`${quoted} collate "C"`] }
}

/**
 * Filtered row counts, by the issues they were counted from. Counting the distinct rows of one rule
 * (~7,500 issues of 600k rows: ~6 ms) cost more than the rest of the page, for every page of every
 * operator; the issues change only with a validation (a new mapped table), an import step or a
 * roll-back (each sets `updated_at` and the counts), so a count is kept for its table's state as the
 * lookup saw it, and only while nothing is writing issues for the table.
 */
const filteredCounts = new Map<string, number>()

function issuesAtRest(table: TableLookup): boolean {
  return table.mapped_oid !== null && (table.state === 'validated' || table.state === 'imported' || table.state === 'rolled_back')
}

function rememberCount(key: string, count: number): void {
  if (filteredCounts.size >= 10_000) filteredCounts.clear()
  filteredCounts.set(key, count)
}

function clampPage(pageIndex: number, total: number, pageSize: number): number {
  return Math.max(0, Math.min(pageIndex, Math.max(0, Math.ceil(total / pageSize) - 1)))
}

/** Whether a staged table (by oid and row count) has `_row` 1…rows without gaps. */
const denseTables = new Map<string, boolean>()

/**
 * `_row` is 1…rowsStaged without gaps (the staging contract): checked, since paging relies on it —
 * once per staged table: staging writes it in one transaction and nothing writes it later (staging
 * again makes a new table, with a new oid).
 */
async function isDense(db: DatabaseClients, staged: string, rowsStaged: number, oid: string): Promise<boolean> {
  const key = `${oid}:${rowsStaged}`
  const known = denseTables.get(key)
  if (known !== undefined) return known
  const result = await db.pool.query<{ max: string | null }>(`select max(_row) as max from ${staged}`)
  const dense = Number(result.rows[0].max ?? 0) === rowsStaged
  if (denseTables.size >= 10_000) denseTables.clear()
  denseTables.set(key, dense)
  return dense
}

/** Whether a staged table's `_legacy_id` never decreases in `_row` order, and is never NULL: by oid. */
const idOrders = new Map<string, Promise<boolean>>()

/** Asked once per staged table (one pass over it, ~200 ms for 600k rows), like isDense. */
function idInDumpOrder(db: DatabaseClients, staged: string, oid: string): Promise<boolean> {
  let ordered = idOrders.get(oid)
  if (!ordered) {
    if (idOrders.size >= 10_000) idOrders.clear()
    ordered = db.pool
      .query<{ ordered: boolean }>(
        `select not exists (select 1 from (select _legacy_id, lag(_legacy_id) over (order by _row) as previous from ${staged}) t
                             where _legacy_id is null or _legacy_id < previous) as ordered`,
      )
      .then((result) => result.rows[0].ordered)
    ordered.catch(() => idOrders.delete(oid))
    idOrders.set(oid, ordered)
  }
  return ordered
}

/** Index builds for column sorts, by index name: started (a promise) or given up. */
const sortIndexes = new Map<string, Promise<void> | 'failed'>()

/**
 * The first sort of a staged table by one of its columns (in one direction) builds an index for
 * exactly that order, in the background; later pages are read from it instead of sorting all the
 * rows again (~100 ms for 600k rows, for every page of every operator). The page that asked is
 * served by the sort as before, and so are the others until the index is there. Staged tables are
 * never written after staging, and the index goes with the staging schema. One build per index
 * across processes (an advisory lock); a build that fails leaves the sort as it was.
 */
function ensureSortIndex(db: DatabaseClients, staged: string, oid: string, sort: Sort): void {
  if (sort.key === '_row' || sort.key === '_legacy_id') return // the primary key and the (_legacy_id, _row) index
  const order = `${sort.expression.map((part) => `(${part}) ${sort.descending ? 'desc' : 'asc'} nulls last`).join(', ')}, _row ${sort.descending ? 'desc' : 'asc'}`
  const name = `preview_sort_${createHash('sha256').update(`${oid} ${order}`).digest('hex').slice(0, 24)}`
  if (sortIndexes.has(name)) return
  const build = (async () => {
    const client = await db.pool.connect()
    try {
      await client.query('begin')
      const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_xact_lock(hashtext($1)) as locked', [name])
      // Another process builds it: it is there when that build commits.
      if (rows[0].locked) await client.query(`create index if not exists ${quoteIdent(name)} on ${staged} (${order})`)
      await client.query('commit')
    } catch (error) {
      await client.query('rollback').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  })()
  sortIndexes.set(name, build)
  // A failed build (a value the sort had to fall back for, a staging schema dropped meanwhile) only
  // means this sort stays unindexed; the pages themselves are not affected.
  build.catch(() => sortIndexes.set(name, 'failed'))
}

function direction(sort: Sort, expression: string[]): string {
  const dir = sort.descending ? 'desc' : 'asc'
  // `_legacy_id` and `_row` keep PostgreSQL's default NULL placement, so the (_legacy_id, _row)
  // index serves both directions; value columns put NULLs last either way.
  if (sort.key === '_row' || sort.key === '_legacy_id') return expression.map((part) => `${part} ${dir}`).join(', ')
  return expression.map((part) => `${part} ${dir} nulls last`).join(', ')
}

/** Runs a sorted query; when the fast numeric cast meets text that is not a number, again with the checked sort. */
async function withSortFallback<T>(sort: Sort, run: (sort: Sort) => Promise<T>): Promise<T> {
  try {
    return await run(sort)
  } catch (error) {
    const code = (error as { code?: string }).code
    if (!sort.guarded || (code !== '22P02' && code !== '22003')) throw error
    return run({ ...sort, expression: sort.guarded, guarded: undefined })
  }
}

async function unfilteredPage(db: DatabaseClients, staged: string, sort: Sort, pageIndex: number, pageSize: number, rowsStaged: number, dense: boolean): Promise<number[]> {
  if (sort.key === '_row' && dense) {
    const first = sort.descending ? rowsStaged - (pageIndex + 1) * pageSize + 1 : pageIndex * pageSize + 1
    const last = first + pageSize - 1
    const from = Math.max(1, first)
    const numbers: number[] = []
    for (let n = from; n <= Math.min(last, rowsStaged); n++) numbers.push(n)
    return sort.descending ? numbers.reverse() : numbers
  }
  return withSortFallback(sort, async (sort) => {
    const order = sort.key === '_row' ? direction(sort, ['_row']) : `${direction(sort, sort.expression)}, _row ${sort.descending ? 'desc' : 'asc'}`
    const result = await db.pool.query<{ row: string }>(`select _row as row from ${staged} order by ${order} offset $1 limit $2`, [pageIndex * pageSize, pageSize])
    return result.rows.map((r) => Number(r.row))
  })
}

interface IssueWhere {
  sql: string
  params: unknown[]
}

function issueWhere(runId: string, legacyTable: string, filter: { severity: string | null; code: string | null; column: string | null }): IssueWhere {
  const params: unknown[] = [runId, legacyTable]
  let sql = 'run_id = $1 and legacy_table = $2 and row_number is not null'
  if (filter.severity) sql += ` and severity = $${params.push(filter.severity)}`
  if (filter.code) sql += ` and code = $${params.push(filter.code)}`
  if (filter.column) sql += ` and column_name = $${params.push(filter.column)}`
  return { sql, params }
}

/** The row numbers of a filtered page in dump order; its offset and limit are the two parameters after the filter's. */
function filteredRowsSql(sort: Sort, where: IssueWhere): string {
  return `select distinct row_number as row from migration_row_issues where ${where.sql}
           order by row_number ${sort.descending ? 'desc' : 'asc'} offset $${where.params.length + 1} limit $${where.params.length + 2}`
}

async function filteredPage(db: DatabaseClients, staged: string, sort: Sort, where: IssueWhere, pageIndex: number, pageSize: number): Promise<number[]> {
  const offset = `$${where.params.length + 1}`
  const limit = `$${where.params.length + 2}`
  const params = [...where.params, pageIndex * pageSize, pageSize]
  if (sort.key === '_row') {
    const result = await db.pool.query<{ row: number }>(filteredRowsSql(sort, where), params)
    return result.rows.map((r) => Number(r.row))
  }
  return withSortFallback(sort, async (sort) => {
    const result = await db.pool.query<{ row: string }>(
      `select _row as row from ${staged} where _row in (select row_number from migration_row_issues where ${where.sql})
        order by ${direction(sort, sort.expression)}, _row ${sort.descending ? 'desc' : 'asc'} offset ${offset} limit ${limit}`,
      params,
    )
    return result.rows.map((r) => Number(r.row))
  })
}

interface LoadRowsOptions {
  runId: string
  legacyTable: string
  targetTable: string | null
  schema: string
  staged: string
  columns: PreviewColumns
  rowNumbers: number[]
}

/** A row's issues as the rows query returns them (JSON). */
interface IssueRow {
  column_name: string | null
  severity: Severity
  code: string
  message: string
  source_value: string | null
  decision_id: string | null
}

/**
 * Where each cell is in a rows-query result row. The rows come back as arrays (`rowMode: 'array'`):
 * 50 rows of ~45 columns each as objects with named keys cost the server more than the query does.
 */
interface RowLayout {
  select: string[]
  /** per legacy column: the value's position, and its byte count's (or -1) */
  legacy: Array<[number, number]>
  /** per target column, likewise; empty when there are no mapped rows */
  target: Array<[number, number]>
  mapped: number
  /** the mapped row's decided columns (comma-separated), or -1 */
  decided: number
  issues: number
}

/**
 * Layouts by columns: kept per staged and mapped table (see tableColumns), which also settles
 * whether mapped rows are read (`columns.mapped`).
 */
const rowLayouts = new WeakMap<PreviewColumns, RowLayout>()

function rowLayoutFor(columns: PreviewColumns, mapped: boolean): RowLayout {
  let layout = rowLayouts.get(columns)
  if (!layout) rowLayouts.set(columns, (layout = rowLayout(columns, mapped)))
  return layout
}

function rowLayout(columns: PreviewColumns, mapped: boolean): RowLayout {
  const select = ['l._row::text', 'l._legacy_id::text']
  const place = (expressions: string[]): [number, number] => {
    const at = select.length
    select.push(...expressions)
    return [at, expressions.length > 1 ? at + 1 : -1]
  }
  const legacy = columns.legacy.map((c) => place(legacyExpressions(c, 'l')))
  let mappedAt = -1
  let decided = -1
  let target: Array<[number, number]> = []
  if (mapped) {
    mappedAt = select.push('m._row is not null') - 1
    target = columns.target.map((c) => place(targetExpressions(c, 'm')))
    if (columns.decided) decided = select.push(`m.${MAPPED_DECIDED}`) - 1
  }
  const issues =
    select.push(`(select json_agg(json_build_object('column_name', i.column_name, 'severity', i.severity, 'code', i.code, 'message', i.message, 'source_value', i.source_value, 'decision_id', i.decision_id) order by i.id)
        from migration_row_issues i where i.run_id = $2 and i.legacy_table = $3 and i.row_number = l._row)`) - 1
  return { select, legacy, target, mapped: mappedAt, decided, issues }
}

async function loadRows(db: DatabaseClients, o: LoadRowsOptions): Promise<PreviewRow[]> {
  if (o.rowNumbers.length === 0) return []
  const mapped = o.columns.mapped && o.targetTable ? stagedTable(o.schema, mappedTableName(o.targetTable)) : null
  const layout = rowLayoutFor(o.columns, mapped !== null)
  const result = await db.pool.query<unknown[]>({
    text: `select ${layout.select.join(', ')} from ${o.staged} l ${mapped ? `left join ${mapped} m on m._row = l._row` : ''} where l._row = any($1::bigint[])`,
    values: [o.rowNumbers, o.runId, o.legacyTable],
    rowMode: 'array',
  })
  const byRow = new Map(result.rows.map((r) => [Number(r[0]), r]))
  return o.rowNumbers.flatMap((rowNumber) => {
    const l = byRow.get(rowNumber)
    if (!l) return []
    const rowIssues: PreviewIssue[] = ((l[layout.issues] as IssueRow[] | null) ?? []).map((issue) => ({
      column: issue.column_name,
      severity: issue.severity,
      code: issue.code,
      message: issue.message,
      sourceValue: isSecretLegacyColumn(o.legacyTable, issue.column_name) ? null : issue.source_value,
      decisionId: issue.decision_id,
    }))
    const hasTarget = layout.mapped >= 0 && l[layout.mapped] === true
    const rejected = rowIssues.some((i) => i.severity === 'error') || (o.columns.mapped && !hasTarget)
    const cells = l as CellValues
    return [
      {
        rowNumber,
        legacyId: l[1] === null ? null : Number(l[1]),
        legacy: cellsByName(o.columns.legacy, layout.legacy, (c, at) => legacyCell(c, cells, at)),
        target: hasTarget ? cellsByName(o.columns.target, layout.target, (c, at) => targetCell(c, cells, at)) : null,
        decided: layout.decided >= 0 && typeof l[layout.decided] === 'string' ? (l[layout.decided] as string).split(',') : [],
        issues: rowIssues,
        status: rejected ? 'rejected' : rowIssues.length > 0 ? 'warning' : 'ok',
      } satisfies PreviewRow,
    ]
  })
}

type CellValues = Array<string | null>

/** One side of a row: each column's cell, by the column's name. */
function cellsByName<C extends { name: string }>(columns: C[], positions: Array<[number, number]>, cell: (column: C, at: [number, number]) => PreviewCell): Record<string, PreviewCell> {
  const out: Record<string, PreviewCell> = {}
  for (let i = 0; i < columns.length; i++) out[columns[i].name] = cell(columns[i], positions[i])
  return out
}

/** The value, then (for text and binary) its length in bytes. */
function legacyExpressions(c: LegacyPreviewColumn, alias: string): string[] {
  const q = `${alias}.${quoteIdent(c.name)}`
  if (c.kind === 'secret') return [q]
  if (c.kind === 'binary') return [`encode(substring(${q} from 1 for 24), 'hex')`, `octet_length(${q})::text`]
  return [`left(${q}, ${PREVIEW_CHARS + 1})`, `octet_length(${q})::text`]
}

function targetExpressions(c: TargetPreviewColumn, alias: string): string[] {
  const q = `${alias}.${quoteIdent(c.name)}`
  switch (c.kind) {
    case 'secret':
      return [q]
    case 'json':
      return [`left(${q}::text, ${PREVIEW_CHARS + 1})`, `octet_length(${q}::text)::text`]
    case 'text':
      return [`left(${q}, ${PREVIEW_CHARS + 1})`, `octet_length(${q})::text`]
    case 'time':
      return [`to_char(${q} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS')`]
    default:
      return [`${q}::text`]
  }
}

function cut(text: string | null, bytes: string | null | undefined): PreviewCell {
  if (text === null) return null
  const n = bytes == null ? text.length : Number(bytes)
  if (text.length > PREVIEW_CHARS) return { text: text.slice(0, PREVIEW_CHARS), bytes: n, truncated: true }
  return text
}

function legacyCell(c: LegacyPreviewColumn, row: CellValues, [at, bytesAt]: [number, number]): PreviewCell {
  const value = row[at]
  if (c.kind === 'secret') return describePasswordKind(value)
  if (c.kind === 'binary') {
    if (value === null) return null
    const bytes = Number(row[bytesAt])
    return { text: value, bytes, truncated: bytes > 24, binary: true }
  }
  return cut(value, bytesAt >= 0 ? row[bytesAt] : undefined)
}

function targetCell(c: TargetPreviewColumn, row: CellValues, [at, bytesAt]: [number, number]): PreviewCell {
  const value = row[at]
  if (c.kind === 'secret') return value === null ? null : describePasswordKind(value)
  return cut(value, bytesAt >= 0 ? row[bytesAt] : undefined)
}

function ruleCounts(counts: Record<string, number> | null): RuleCount[] {
  return Object.entries(counts ?? {})
    .filter(([code, count]) => count > 0 && isRuleCode(code))
    .map(([code, count]) => {
      const rule = RULE_CODES[code as keyof typeof RULE_CODES]
      return { code, severity: rule.severity as Severity, description: rule.description, count }
    })
    .sort((a, b) => (a.severity === b.severity ? b.count - a.count : a.severity === 'error' ? -1 : 1))
}
