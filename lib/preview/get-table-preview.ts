import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { mappingFor, RULE_CODES, isRuleCode, type Severity } from '@/lib/mappings'
import { quoteIdent, stagedTable } from '@/lib/staging/staging-names'
import { mappedTableName } from '@/lib/validate/validate-table'
import { loadPreviewColumns, type LegacyPreviewColumn, type PreviewColumns, type TargetPreviewColumn } from './preview-columns'
import { describePasswordKind, isSecretLegacyColumn } from './secret-values'
import type { TablePreviewInput } from './table-preview.validation'

// One page of a staged table as the preview shows it: the staged (legacy) values beside the mapped
// (target) values, joined by `_row`, with the row's issues. Everything is paged in PostgreSQL:
//   - dump order, no filter: `_row` is 1…N without gaps, so page k is a range of the primary key
//     (the same cost for the first and the millionth row);
//   - filtered by severity / rule / column: the row numbers come from migration_row_issues'
//     (run, table, row_number) index, distinct, in order;
//   - sorted by ID or a legacy column: ORDER BY … OFFSET on the staged table;
// then one query per side fetches just those rows, values cut to PREVIEW_CHARS (a 1 MB OrderData
// is not sent to the browser), and one query their issues. Password values never leave: their kind does.

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
}

export interface PreviewRow {
  rowNumber: number
  legacyId: number | null
  legacy: Record<string, PreviewCell>
  /** null when the row is rejected (or the table is not validated yet) */
  target: Record<string, PreviewCell> | null
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

export async function getTablePreview({ db, runId, legacyTable, query }: GetTablePreviewOptions): Promise<TablePreview> {
  const started = performance.now()
  const table = await db.prisma.migrationRunTable.findUnique({
    where: { runId_legacyTable: { runId, legacyTable } },
    include: { run: { select: { stagingSchema: true, fileName: true } } },
  })
  const schema = table?.run.stagingSchema
  if (!table || !schema || table.state === 'missing') throw new AppError('NOT_FOUND', `This run has no staged table ${legacyTable}`)
  const targetTable = mappingFor(legacyTable)?.targetTable ?? null
  const columns = await loadPreviewColumns(db, schema, legacyTable, targetTable)
  const staged = stagedTable(schema, legacyTable)
  const pageSize = query.size
  const rowsStaged = table.rowsStaged

  let severity: Severity | null = query.severity ?? null
  let code = query.code && isRuleCode(query.code) ? query.code : null
  let column = query.column && columns.legacy.some((c) => c.name === query.column) ? query.column : null
  let sort = resolveSort(query.sort, columns.legacy)
  let pageIndex = query.page - 1
  let jump: TablePreview['jump'] = null

  const dense = await isDense(db, staged, rowsStaged)
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

  const filtered = severity !== null || code !== null || column !== null
  let rowNumbers: number[]
  let total: number
  let totalCapped = false
  if (!filtered) {
    total = rowsStaged
    pageIndex = clampPage(pageIndex, total, pageSize)
    rowNumbers = await unfilteredPage(db, staged, sort, pageIndex, pageSize, rowsStaged, dense)
  } else {
    const issueFilter = issueWhere(runId, legacyTable, { severity, code, column })
    const counted = await db.pool.query<{ n: string }>(
      `select count(*) as n from (select distinct row_number from migration_row_issues where ${issueFilter.sql} limit ${COUNT_CAP + 1}) t`,
      issueFilter.params,
    )
    total = Math.min(Number(counted.rows[0].n), COUNT_CAP)
    totalCapped = Number(counted.rows[0].n) > COUNT_CAP
    pageIndex = totalCapped ? Math.max(0, pageIndex) : clampPage(pageIndex, total, pageSize)
    rowNumbers = await filteredPage(db, staged, sort, issueFilter, pageIndex, pageSize)
  }

  const rows = await loadRows(db, { runId, legacyTable, targetTable, schema, staged, columns, rowNumbers })
  return {
    runId,
    fileName: table.run.fileName,
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
    rules: ruleCounts(table.countsByRule as Record<string, number> | null),
    warningCount: table.warningCount,
    errorCount: table.errorCount,
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

function clampPage(pageIndex: number, total: number, pageSize: number): number {
  return Math.max(0, Math.min(pageIndex, Math.max(0, Math.ceil(total / pageSize) - 1)))
}

/** `_row` is 1…rowsStaged without gaps (the staging contract): checked, since paging relies on it. */
async function isDense(db: DatabaseClients, staged: string, rowsStaged: number): Promise<boolean> {
  const result = await db.pool.query<{ max: string | null }>(`select max(_row) as max from ${staged}`)
  return Number(result.rows[0].max ?? 0) === rowsStaged
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

async function filteredPage(db: DatabaseClients, staged: string, sort: Sort, where: IssueWhere, pageIndex: number, pageSize: number): Promise<number[]> {
  const offset = `$${where.params.length + 1}`
  const limit = `$${where.params.length + 2}`
  const params = [...where.params, pageIndex * pageSize, pageSize]
  if (sort.key === '_row') {
    const result = await db.pool.query<{ row: number }>(
      `select distinct row_number as row from migration_row_issues where ${where.sql}
        order by row_number ${sort.descending ? 'desc' : 'asc'} offset ${offset} limit ${limit}`,
      params,
    )
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

async function loadRows(db: DatabaseClients, o: LoadRowsOptions): Promise<PreviewRow[]> {
  if (o.rowNumbers.length === 0) return []
  const legacySelect = o.columns.legacy.flatMap((c, i) => legacyExpressions(c, i))
  const legacyQuery = db.pool.query<Record<string, string | null>>(
    `select _row::text as _row, _legacy_id::text as _legacy_id${legacySelect.length ? ', ' + legacySelect.join(', ') : ''}
       from ${o.staged} where _row = any($1::bigint[])`,
    [o.rowNumbers],
  )
  const targetQuery =
    o.columns.mapped && o.targetTable
      ? db.pool.query<Record<string, string | null>>(
          `select _row::text as _row, ${o.columns.target.flatMap((c, i) => targetExpressions(c, i)).join(', ')}
             from ${stagedTable(o.schema, mappedTableName(o.targetTable))} where _row = any($1::bigint[])`,
          [o.rowNumbers],
        )
      : Promise.resolve({ rows: [] as Record<string, string | null>[] })
  const issueQuery = db.pool.query<{ row_number: number; column_name: string | null; severity: Severity; code: string; message: string; source_value: string | null }>(
    `select row_number, column_name, severity, code, message, source_value from migration_row_issues
      where run_id = $1 and legacy_table = $2 and row_number = any($3::int[]) order by id`,
    [o.runId, o.legacyTable, o.rowNumbers],
  )
  const [legacy, target, issues] = await Promise.all([legacyQuery, targetQuery, issueQuery])

  const targetByRow = new Map(target.rows.map((r) => [Number(r._row), r]))
  const issuesByRow = new Map<number, PreviewIssue[]>()
  for (const issue of issues.rows) {
    const list = issuesByRow.get(issue.row_number) ?? []
    list.push({
      column: issue.column_name,
      severity: issue.severity,
      code: issue.code,
      message: issue.message,
      sourceValue: isSecretLegacyColumn(o.legacyTable, issue.column_name) ? null : issue.source_value,
    })
    issuesByRow.set(issue.row_number, list)
  }
  const legacyByRow = new Map(legacy.rows.map((r) => [Number(r._row), r]))
  return o.rowNumbers.flatMap((rowNumber) => {
    const l = legacyByRow.get(rowNumber)
    if (!l) return []
    const t = targetByRow.get(rowNumber)
    const rowIssues = issuesByRow.get(rowNumber) ?? []
    const rejected = rowIssues.some((i) => i.severity === 'error') || (o.columns.mapped && !t)
    return [
      {
        rowNumber,
        legacyId: l._legacy_id === null ? null : Number(l._legacy_id),
        legacy: Object.fromEntries(o.columns.legacy.map((c, i) => [c.name, legacyCell(c, l, i)])),
        target: t ? Object.fromEntries(o.columns.target.map((c, i) => [c.name, targetCell(c, t, i)])) : null,
        issues: rowIssues,
        status: rejected ? 'rejected' : rowIssues.length > 0 ? 'warning' : 'ok',
      } satisfies PreviewRow,
    ]
  })
}

function legacyExpressions(c: LegacyPreviewColumn, i: number): string[] {
  const q = quoteIdent(c.name)
  if (c.kind === 'secret') return [`${q} as l${i}`]
  if (c.kind === 'binary') return [`encode(substring(${q} from 1 for 24), 'hex') as l${i}`, `octet_length(${q})::text as l${i}_n`]
  return [`left(${q}, ${PREVIEW_CHARS + 1}) as l${i}`, `octet_length(${q})::text as l${i}_n`]
}

function targetExpressions(c: TargetPreviewColumn, i: number): string[] {
  const q = quoteIdent(c.name)
  switch (c.kind) {
    case 'secret':
      return [`${q} as t${i}`]
    case 'json':
      return [`left(${q}::text, ${PREVIEW_CHARS + 1}) as t${i}`, `octet_length(${q}::text)::text as t${i}_n`]
    case 'text':
      return [`left(${q}, ${PREVIEW_CHARS + 1}) as t${i}`, `octet_length(${q})::text as t${i}_n`]
    case 'time':
      return [`to_char(${q} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') as t${i}`]
    default:
      return [`${q}::text as t${i}`]
  }
}

function cut(text: string | null, bytes: string | null | undefined): PreviewCell {
  if (text === null) return null
  const n = bytes == null ? text.length : Number(bytes)
  if (text.length > PREVIEW_CHARS) return { text: text.slice(0, PREVIEW_CHARS), bytes: n, truncated: true }
  return text
}

function legacyCell(c: LegacyPreviewColumn, row: Record<string, string | null>, i: number): PreviewCell {
  const value = row[`l${i}`]
  if (c.kind === 'secret') return describePasswordKind(value)
  if (c.kind === 'binary') {
    if (value === null) return null
    const bytes = Number(row[`l${i}_n`])
    return { text: value, bytes, truncated: bytes > 24, binary: true }
  }
  return cut(value, row[`l${i}_n`])
}

function targetCell(c: TargetPreviewColumn, row: Record<string, string | null>, i: number): PreviewCell {
  const value = row[`t${i}`]
  if (c.kind === 'secret') return value === null ? null : describePasswordKind(value)
  return cut(value, row[`t${i}_n`])
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
