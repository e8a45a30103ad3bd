// The preview query against a real PostgreSQL: a synthetic dump is staged and validated by the real
// pipeline, plus two hand-made problem rows in Customers (a repeated ID → rejected, a non-numeric
// FitterID → rejected), then pages are read the ways the page asks for them.

import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeClients, createClients, type DatabaseClients } from '@/lib/db/prisma'
import { createTestDatabase, type TestDatabase } from '@/lib/db/test-database'
import { openDumpFile } from '@/lib/dump'
import { createRun } from '@/lib/runs/create-run'
import { stageRun } from '@/lib/staging/stage-run'
import { stagedTable } from '@/lib/staging/staging-names'
import { writeSyntheticDump } from '@/lib/testing/write-synthetic-dump'
import { validateRun } from '@/lib/validate/validate-run'
import { validateTable } from '@/lib/validate/validate-table'
import { getTablePreview, PREVIEW_CHARS, type PreviewCell } from './get-table-preview'
import { parsePreviewParams } from './table-preview.validation'

let database: TestDatabase
let db: DatabaseClients
let runId: string
let schema: string
let customers: number
const work = mkdtempSync(path.join(os.tmpdir(), 'preview-test-'))

beforeAll(async () => {
  database = await createTestDatabase()
  db = createClients(database.url)
  const dump = path.join(work, 'dump.sql')
  await writeSyntheticDump({ targetBytes: 1_500_000, seed: 7, out: dump })
  runId = (await createRun({ db, fileName: 'dump.sql' })).id
  const staged = await stageRun({ db, runId, source: openDumpFile(dump) })
  schema = staged.staging.schema
  await validateRun({ db, runId })
  // Two rows the validation must reject, appended as the dump would have had them.
  const table = stagedTable(schema, 'Customers')
  const { rows } = await db.pool.query(`select max(_row)::int as max from ${table}`)
  customers = rows[0].max
  await db.pool.query(
    `insert into ${table} select _row + $1, _legacy_id, _exact, ${await otherColumns(table)} from ${table} where _row = 1`,
    [customers],
  )
  await db.pool.query(
    `insert into ${table} select $1, 999999, _exact, ${await otherColumns(table, { ID: `'999999'`, FitterID: `'abc'` })} from ${table} where _row = 2`,
    [customers + 2],
  )
  customers += 2
  await db.prisma.migrationRunTable.update({ where: { runId_legacyTable: { runId, legacyTable: 'Customers' } }, data: { rowsStaged: customers, idsAscending: false } }) // as staging would have recorded that dump
  await validateTable({ db, runId, legacyTable: 'Customers' })
}, 120_000)

afterAll(async () => {
  await closeClients(db)
  await database.drop()
  rmSync(work, { recursive: true, force: true })
})

async function otherColumns(table: string, replace: Record<string, string> = {}): Promise<string> {
  const [schemaName, tableName] = table.split('.').map((p) => p.replaceAll('"', ''))
  const { rows } = await db.pool.query(
    `select column_name from information_schema.columns where table_schema = $1 and table_name = $2 and column_name not like '\\_%' order by ordinal_position`,
    [schemaName, tableName],
  )
  return rows.map((r) => replace[r.column_name] ?? `"${r.column_name}"`).join(', ')
}

const preview = (legacyTable: string, params: Record<string, string> = {}) =>
  getTablePreview({ db, runId, legacyTable, query: parsePreviewParams(params) })

const text = (cell: PreviewCell | undefined) => (cell === null || cell === undefined ? cell : typeof cell === 'string' ? cell : cell.text)

describe('getTablePreview', () => {
  it('pages through the rows in dump order, legacy beside target', async () => {
    const first = await preview('Customers', { size: '25' })
    expect(first.rows.map((r) => r.rowNumber)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1))
    expect(first.total).toBe(customers)
    expect(first.pageCount).toBe(Math.ceil(customers / 25))
    const row = first.rows[0]
    expect(text(row.legacy.ID)).toBe(String(row.legacyId))
    expect(row.target?.legacy_id).toBe(String(row.legacyId))
    expect(row.target?.name).toBe(text(row.legacy.Name))
    expect(first.columns.legacy.map((c) => c.name)).toContain('FitterID')
    expect(first.columns.target.map((c) => c.name)).toEqual(expect.arrayContaining(['id', 'legacy_id', 'fitter_id', 'legacy_fitter_id']))

    const second = await preview('Customers', { size: '25', page: '2' })
    expect(second.rows[0].rowNumber).toBe(26)
    const last = await preview('Customers', { size: '25', page: '999999' })
    expect(last.page).toBe(first.pageCount)
    expect(last.rows.at(-1)?.rowNumber).toBe(customers)
  })

  it('shows rejected rows with their errors and no target values', async () => {
    const errors = await preview('Customers', { severity: 'error' })
    expect(errors.total).toBe(2)
    expect(errors.rows.map((r) => r.rowNumber)).toEqual([customers - 1, customers])
    for (const row of errors.rows) {
      expect(row.status).toBe('rejected')
      expect(row.target).toBeNull()
    }
    expect(errors.rows[0].issues).toEqual([expect.objectContaining({ code: 'DUPLICATE_ID', severity: 'error', column: 'ID' })])
    expect(errors.rows[1].issues).toEqual([expect.objectContaining({ code: 'INVALID_VALUE', column: 'FitterID', sourceValue: 'abc' })])
    expect(errors.rules[0]).toMatchObject({ severity: 'error' })
  })

  it.each<{ filter: Record<string, string>; rows: number }>([
    { filter: { code: 'DUPLICATE_ID' }, rows: 1 },
    { filter: { column: 'FitterID', severity: 'error' }, rows: 1 },
    { filter: { code: 'NOT_A_RULE' }, rows: -1 },
  ])('filters by rule and column: $filter', async ({ filter, rows }) => {
    const page = await preview('Customers', filter)
    if (rows < 0) expect(page.applied.code).toBeNull()
    else {
      expect(page.total).toBe(rows)
      for (const row of page.rows) {
        expect(row.issues.some((i) => (!('code' in filter) || i.code === filter.code) && (!('column' in filter) || i.column === filter.column))).toBe(true)
      }
    }
  })

  it('filters to warnings: every row shown has one, counted by distinct row', async () => {
    const warnings = await preview('Orders', { severity: 'warning', size: '200' })
    const { rows } = await db.pool.query(
      `select count(distinct row_number)::int as n from migration_row_issues where run_id = $1 and legacy_table = 'Orders' and severity = 'warning'`,
      [runId],
    )
    expect(warnings.total).toBe(rows[0].n)
    expect(warnings.rows.length).toBe(Math.min(200, rows[0].n))
    for (const row of warnings.rows) expect(row.issues.some((i) => i.severity === 'warning')).toBe(true)
    // A page past the end shows the last one.
    const beyond = await preview('Orders', { severity: 'warning', size: '25', page: '999999' })
    expect(beyond.page).toBe(Math.ceil(rows[0].n / 25))
    expect(beyond.rows.length).toBe(rows[0].n - (beyond.page - 1) * 25)
    const numbers = warnings.rows.map((r) => r.rowNumber)
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b))
  })

  it('keeps a filtered count only for the issues it was counted from', async () => {
    const issuesOf = async () =>
      (
        await db.pool.query(
          `select count(distinct row_number)::int as n from migration_row_issues where run_id = $1 and legacy_table = 'Log' and severity = 'warning'`,
          [runId],
        )
      ).rows[0].n as number
    const state = (data: { state: string }) =>
      db.pool.query(`update migration_run_tables set state = $3, updated_at = clock_timestamp() where run_id = $1 and legacy_table = $2`, [runId, 'Log', data.state])
    // A warning on a row that has none yet, as an import batch writes its ORPHAN_REF issues.
    const addWarning = () =>
      db.pool.query(
        `insert into migration_row_issues (run_id, legacy_table, legacy_id, row_number, column_name, severity, code, message)
         select $1, 'Log', _legacy_id, _row, 'OrderID', 'warning', 'ORPHAN_REF', 'test' from ${stagedTable(schema, 'Log')} l
          where not exists (select 1 from migration_row_issues i where i.run_id = $1 and i.legacy_table = 'Log' and i.row_number = l._row)
          order by _row limit 1`,
        [runId],
      )
    const before = await issuesOf()
    expect((await preview('Log', { severity: 'warning' })).total).toBe(before)
    // While an import writes issues (state 'importing'), every page counts them afresh…
    await state({ state: 'importing' })
    await addWarning()
    expect((await preview('Log', { severity: 'warning' })).total).toBe(before + 1)
    await addWarning()
    expect((await preview('Log', { severity: 'warning' })).total).toBe(before + 2)
    // …and once it is done (a new state and updated_at), the count is the new one, then kept.
    await state({ state: 'imported' })
    expect((await preview('Log', { severity: 'warning' })).total).toBe(before + 2)
    expect((await preview('Log', { severity: 'warning', page: '2' })).total).toBe(before + 2)
    await db.pool.query(`delete from migration_row_issues where run_id = $1 and legacy_table = 'Log' and message = 'test'`, [runId])
    await state({ state: 'validated' })
    expect((await preview('Log', { severity: 'warning' })).total).toBe(before)
  })

  it.each([
    { sort: 'ID', key: (r: { legacyId: number | null }) => r.legacyId!, descending: false },
    { sort: '-ID', key: (r: { legacyId: number | null }) => r.legacyId!, descending: true },
    { sort: '-_row', key: (r: { rowNumber: number }) => r.rowNumber, descending: true },
  ])('sorts by $sort', async ({ sort, key, descending }) => {
    const page = await preview('Customers', { sort, size: '50' })
    const keys = page.rows.map((r) => key(r as never))
    expect(keys).toEqual([...keys].sort((a, b) => (descending ? b - a : a - b)))
    expect(page.applied).toMatchObject({ descending })
  })

  it('sorts a numeric legacy column as numbers, a text column as text', async () => {
    const byFitter = await preview('Customers', { sort: '-FitterID', size: '200' })
    const fitters = byFitter.rows.map((r) => text(r.legacy.FitterID)).filter((v) => v !== null && /^\d+$/.test(v as string)).map(Number)
    expect(fitters).toEqual([...fitters].sort((a, b) => b - a))
    const byName = await preview('Customers', { sort: 'Name', size: '200' })
    const names = byName.rows.map((r) => text(r.legacy.Name) as string)
    expect(names).toEqual([...names].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : Buffer.from(a) > Buffer.from(b) ? 1 : 0)))
  })

  it.each<{ table: string; params: Record<string, string>; order: 'asc' | 'desc'; filter: string }>([
    { table: 'Orders', params: { sort: 'ID', page: '3', size: '25' }, order: 'asc', filter: '' },
    { table: 'Orders', params: { sort: '-ID', page: '2', size: '25' }, order: 'desc', filter: '' },
    { table: 'Customers', params: { sort: '-ID', page: '1', size: '25' }, order: 'desc', filter: '' },
    { table: 'Orders', params: { sort: '-ID', severity: 'warning', size: '25' }, order: 'desc', filter: 'warning' },
  ])('a sort by ID gives the rows in ID order, whether or not the dump wrote them so: $table $params', async ({ table, params, order, filter }) => {
    // The synthetic dump writes Orders by ID (the sort is the dump order); Customers got rows with
    // lower and repeated IDs appended above (the sort is a real one).
    const page = await preview(table, params)
    const offset = (Number(params.page ?? 1) - 1) * 25
    const { rows } = await db.pool.query<{ row: number }>(
      `select _row::int as row from ${stagedTable(schema, table)} s
        where $1 = '' or _row in (select row_number from migration_row_issues where run_id = $2 and legacy_table = $3 and severity = $1)
        order by _legacy_id ${order}, _row ${order} offset ${offset} limit 25`,
      [filter, runId, table],
    )
    expect(page.rows.map((r) => r.rowNumber)).toEqual(rows.map((r) => r.row))
    expect(page.applied).toMatchObject({ sort: 'ID', descending: order === 'desc' })
  })

  it('builds an index for a column sort in the background, and reads the same pages from it', async () => {
    const params = { sort: '-Name', page: '2', size: '25' }
    const before = await preview('Customers', params)
    const indexes = async () =>
      (await db.pool.query(`select indexdef from pg_indexes where schemaname = $1 and tablename = 'Customers' and indexname like 'preview_sort_%' and indexdef like '%"Name"%DESC%'`, [schema])).rows
    for (const until = Date.now() + 10_000; (await indexes()).length === 0; await new Promise((r) => setTimeout(r, 20))) {
      if (Date.now() > until) throw new Error('no sort index was built')
    }
    expect((await indexes()).map((r) => r.indexdef)).toEqual([expect.stringMatching(/USING btree \("Name" COLLATE "C" DESC NULLS LAST, _row DESC\)$/)])
    const after = await preview('Customers', params)
    expect(after.rows.map((r) => r.rowNumber)).toEqual(before.rows.map((r) => r.rowNumber))
  })

  it('jumps to a legacy id, clearing filters, on the page that holds it', async () => {
    const { rows } = await db.pool.query(`select _legacy_id::int as id, _row::int as row from ${stagedTable(schema, 'Customers')} where _row = 137`)
    const page = await preview('Customers', { jump: String(rows[0].id), severity: 'warning', size: '25' })
    expect(page.jump).toEqual({ legacyId: rows[0].id, rowNumber: 137 })
    expect(page.page).toBe(6)
    expect(page.applied).toMatchObject({ severity: null, sort: '_row' })
    expect(page.rows.map((r) => r.rowNumber)).toContain(137)

    const missing = await preview('Customers', { jump: '123456789' })
    expect(missing.jump).toEqual({ legacyId: 123456789, rowNumber: null })
    expect(missing.page).toBe(1)
  })

  it('never sends a password: only its kind', async () => {
    const page = await preview('Credentials', { size: '200' })
    const { rows } = await db.pool.query(`select "Password" as p from ${stagedTable(schema, 'Credentials')}`)
    const secrets = new Set(rows.map((r) => r.p as string).filter(Boolean))
    const json = JSON.stringify(page)
    for (const secret of secrets) expect(json).not.toContain(secret)
    const kinds = new Set(page.rows.map((r) => text(r.legacy.Password)))
    expect([...kinds].every((k) => k === null || /^(bcrypt|md5 — reset required|empty — reset required|unknown — not copied, reset required)$/.test(k as string))).toBe(true)
    expect(page.rows.some((r) => text(r.target?.password_hash) === 'bcrypt')).toBe(true)
  })

  it('cuts long values and says how long they were', async () => {
    const { rows } = await db.pool.query(
      `select _row::int as row, octet_length("Query") as n from ${stagedTable(schema, 'DBlog')} where length("Query") > ${PREVIEW_CHARS} order by _row limit 1`,
    )
    const page = await preview('DBlog', { jump: String((await db.pool.query(`select _legacy_id::int as id from ${stagedTable(schema, 'DBlog')} where _row = $1`, [rows[0].row])).rows[0].id) })
    const row = page.rows.find((r) => r.rowNumber === rows[0].row)!
    expect(row.legacy.Query).toMatchObject({ truncated: true, bytes: rows[0].n })
    expect((row.legacy.Query as { text: string }).text).toHaveLength(PREVIEW_CHARS)
  })

  it('answers NOT_FOUND for a table the run does not have', async () => {
    await expect(preview('NoSuchTable')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
