// Reconciliation of a real run: the hard-case fixture dumped by the real mariadb-dump, staged,
// validated and imported by the real importer into a real PostgreSQL, reconciles and passes — with
// rejected rows (injected into staging: the fixture has none) accounted for, not failures. Then the
// target is tampered with, one way at a time, and each change is caught and named.

import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTestDatabase, useWorkDir } from '@/lib/testing/use-test-database'
import { openDumpFile } from '@/lib/dump'
import { importTable } from '@/lib/import/import-table'
import { mappings } from '@/lib/mappings'
import { createRun } from '@/lib/runs/create-run'
import { stageRun } from '@/lib/staging/stage-run'
import { quoteIdent, stagedTable } from '@/lib/staging/staging-names'
import { LEGACY_FIXTURE_ROW_COUNTS, loadLegacyFixture } from '@/lib/testing/legacy-fixture'
import { useMariaDb } from '@/lib/testing/use-mariadb'
import { validateRun } from '@/lib/validate/validate-run'
import { reconcileRun } from './reconcile-run'
import { renderReportCsv, renderReportJson } from './render-report'
import { reconciliationReport, type ReconciliationReport } from './report-schema'

const work = useWorkDir('reconcile-')
useMariaDb({
  setup: async (server) => {
    await loadLegacyFixture(server, { database: 'ordermys' })
    await server.dump('default', path.join(work, 'plain.sql'), { database: 'ordermys' })
  },
})

const db = useTestDatabase()
let runId: string
let schema: string


/** Adds a copy of staged row `fromId` of `table` with some values changed, as if the dump had it. */
async function injectStagedRow(table: string, fromId: number, values: Record<string, string | null>): Promise<void> {
  const staged = stagedTable(schema, table)
  const columns = (
    await db.pool.query<{ column_name: string }>(
      'select column_name from information_schema.columns where table_schema = $1 and table_name = $2 order by ordinal_position',
      [schema, table],
    )
  ).rows.map((r) => r.column_name)
  const params: (string | null)[] = []
  const select = columns.map((c) => {
    if (c === '_row') return `(select max(_row) + 1 from ${staged})`
    if (c === '_legacy_id' && 'ID' in values) return /^\d+$/.test(values.ID ?? '') ? `${Number(values.ID)}::bigint` : 'null::bigint'
    if (c in values) {
      params.push(values[c])
      return `$${params.length}::text`
    }
    return quoteIdent(c)
  })
  await db.pool.query(`insert into ${staged} (${columns.map(quoteIdent).join(', ')}) select ${select.join(', ')} from ${staged} where _legacy_id = ${fromId}`, params)
  // as staging would have recorded a dump with this row: one more, and its ID out of order
  await db.pool.query('update migration_run_tables set rows_staged = rows_staged + 1, ids_ascending = false where run_id = $1 and legacy_table = $2', [runId, table])
}

async function reconcile(rowHash: 'typed' | 'md5' = 'typed'): Promise<ReconciliationReport> {
  const result = await reconcileRun({ db, runId, createdBy: 'test', rowHash })
  expect(result.report.passed).toBe(result.passed)
  return result.report
}

/** Changes the target, reconciles, and puts the target back as it was. */
async function tampered(change: string, undo: string, rowHash: 'typed' | 'md5' = 'typed'): Promise<ReconciliationReport> {
  await db.pool.query(change)
  try {
    return await reconcile(rowHash)
  } finally {
    await db.pool.query(undo)
  }
}

const failures = (report: ReconciliationReport) => report.summary.failures.map((f) => `${f.section} ${f.subject} ${f.check}`)

describe('reconciling a run of the hard-case fixture', () => {
  it('stages, validates and imports the fixture, with three rejected rows', async () => {
    const run = await createRun({ db, fileName: 'plain.sql' })
    runId = run.id
    const staged = await stageRun({ db, runId, source: openDumpFile(path.join(work, 'plain.sql')) })
    schema = staged.staging.schema
    // A customer whose FitterID is no number (rejected), an order pointing at it (imported, with its
    // customer emptied: an orphan in the target), and an order line repeating an ID (rejected).
    await injectStagedRow('Customers', 1, { ID: '20', FitterID: 'abc', Name: 'Rejected customer' })
    await injectStagedRow('Orders', 1, { ID: '12', CustomerID: '20' })
    await injectStagedRow('OrdersInfo', 1, { Description: 'same ID again' })
    await injectStagedRow('Log', 3, { ID: '7', LogTime: '2012-02-30 00:00:00' })

    const validated = await validateRun({ db, runId })
    expect(Object.fromEntries(validated.filter((v) => v.rowsRejected > 0).map((v) => [v.legacyTable, v.rowsRejected]))).toEqual({ Customers: 1, OrdersInfo: 1, Log: 1 })
    for (const mapping of mappings) await importTable({ db, runId, legacyTable: mapping.legacyTable })
  }, 120_000)

  it('passes, with rejected rows and orphans accounted for', async () => {
    const report = await reconcile()
    expect(failures(report)).toEqual([])
    expect(report.passed).toBe(true)
    expect(report.tables).toHaveLength(21)
    expect(report.references).toHaveLength(32)
    expect(report.rowHashes).toHaveLength(21)

    const customers = report.tables.find((t) => t.legacyTable === 'Customers')!
    expect(customers.source).toMatchObject({ staged: LEGACY_FIXTURE_ROW_COUNTS.Customers + 1, rejected: 1, rejectedWithReason: 1, deleted: 1 })
    expect(customers.target).toMatchObject({ imported: LEGACY_FIXTURE_ROW_COUNTS.Customers, extra: 0, deleted: 1 })
    expect(customers.checks.find((c) => c.check === 'rows_accounted')).toMatchObject({ status: 'warn', source: '9', target: '9', difference: '0' })

    // Orders.CustomerID: 10 → 0 (none), 9 → 424242 (orphan), 12 → 20 (a rejected customer)
    const orderCustomer = report.references.find((r) => r.legacyTable === 'Orders' && r.legacyColumn === 'CustomerID')!
    expect(orderCustomer.source).toEqual({ none: 1, resolved: 9, orphan: 1, rejectedTarget: 1 })
    expect(orderCustomer.target).toEqual({ none: 1, resolved: 9, orphan: 2 })
    expect(orderCustomer.orphanExamples).toEqual([{ legacyId: 9, value: 424242 }, { legacyId: 12, value: 20 }])
    expect(orderCustomer.orphanWarnings).toBe(2)
    expect(orderCustomer.status).toBe('warn')

    const factoryUs = report.references.find((r) => r.legacyColumn === 'FactoryUS')!
    expect(factoryUs).toMatchObject({ kind: 'json', source: { none: 2, resolved: 2, orphan: 1, rejectedTarget: 0 }, target: { none: 2, resolved: 2, orphan: 1 } })

    // Money: the fixture's orders, exactly, per currency (order 12 is a USD copy of order 1)
    const usd = report.money.find((m) => m.legacyTable === 'Orders' && m.currency === 'USD')!
    expect(Object.fromEntries(usd.sums.map((s) => [s.measure, s.target]))).toEqual({
      saddle: '100004910.00', // 2450 + 10 + 0 + 99999999.99 + 0.01 + 2450
      options: '235.90',
      shipping: '90.00',
      deposit: '100000999.99',
      total: '100005235.90',
      balance: '4235.91',
    })
    expect(report.money.find((m) => m.legacyTable === 'Orders' && m.currency === null)).toMatchObject({ rows: { source: 1, target: 1 } })

    const logTime = report.dateRanges.find((d) => d.legacyTable === 'Log')!
    expect(logTime.target).toEqual({ min: '1970-01-01T00:00:00.000000Z', max: '2038-01-19T03:14:08.000000Z', nulls: 2, rows: 6 })
    expect(report.ordersByMonth!.months.reduce((n, m) => n + m.target, 0)).toBe(12)

    const stored = await db.prisma.migrationReconciliation.findFirstOrThrow({ where: { runId }, orderBy: { createdAt: 'desc' } })
    expect(stored).toMatchObject({ passed: true, createdBy: 'test' })
    expect(reconciliationReport.parse(stored.report)).toEqual(report)
    expect(JSON.parse(renderReportJson(report))).toEqual(report)
    expect(renderReportCsv(report)).toContain('references,Orders,CustomerID → Customers,orphan,2,2,0,warn,')
  }, 60_000)

  it('catches a deleted target row', async () => {
    await db.pool.query('create table tamper_backup as select * from order_lines where legacy_id = 2')
    const report = await tampered('delete from order_lines where legacy_id = 2', 'insert into order_lines select * from tamper_backup; drop table tamper_backup')
    expect(report.passed).toBe(false)
    expect(failures(report)).toEqual(
      expect.arrayContaining(['tables OrdersInfo (order_lines) rows_accounted', 'rowHashes OrdersInfo (order_lines) missing_in_target', 'money OrdersInfo sum_price']),
    )
    const hash = report.rowHashes.find((h) => h.targetTable === 'order_lines')!
    expect(hash.examples).toEqual([{ legacyId: 2, kind: 'missing', columns: [] }])
  }, 60_000)

  it.each(['typed', 'md5'] as const)('catches a changed price, by sum and by row (%s row hash)', async (rowHash) => {
    const report = await tampered('update products set price = price + 0.01 where legacy_id = 3', 'update products set price = price - 0.01 where legacy_id = 3', rowHash)
    expect(report.rowHashes.every((h) => h.hashMethod === rowHash)).toBe(true)
    expect(failures(report)).toEqual(['money SaddleLeathers sum_price', 'rowHashes SaddleLeathers (products) rows_identical'])
    expect(report.money.find((m) => m.legacyTable === 'SaddleLeathers')!.checks.find((c) => c.check === 'sum_price')).toMatchObject({ difference: '-0.01' })
    expect(report.rowHashes.find((h) => h.targetTable === 'products')!.examples).toEqual([{ legacyId: 3, kind: 'differs', columns: ['price'] }])
  }, 60_000)

  it('catches a resolved reference made NULL', async () => {
    const report = await tampered(
      'update orders set customer_id = null where legacy_id = 1',
      `update orders set customer_id = (select id from customers where legacy_id = 1) where legacy_id = 1`,
    )
    expect(failures(report)).toEqual(['references Orders.CustomerID resolved', 'references Orders.CustomerID orphan', 'references Orders.CustomerID rows_match'])
    expect(report.references.find((r) => r.legacyColumn === 'CustomerID' && r.legacyTable === 'Orders')!.mismatchExamples).toEqual([1])
  }, 60_000)

  it('catches a reference moved to another row, both halves consistent', async () => {
    const report = await tampered(
      'update orders set legacy_customer_id = 2, customer_id = (select id from customers where legacy_id = 2) where legacy_id = 1',
      'update orders set legacy_customer_id = 1, customer_id = (select id from customers where legacy_id = 1) where legacy_id = 1',
    )
    expect(failures(report)).toEqual(['references Orders.CustomerID rows_match', 'rowHashes Orders (orders) rows_identical'])
    expect(report.rowHashes.find((h) => h.targetTable === 'orders')!.examples).toEqual([{ legacyId: 1, kind: 'differs', columns: ['legacy_customer_id'] }])
  }, 60_000)

  it('catches a uuid naming another row', async () => {
    const report = await tampered(
      'update orders set customer_id = (select id from customers where legacy_id = 2) where legacy_id = 1',
      'update orders set customer_id = (select id from customers where legacy_id = 1) where legacy_id = 1',
    )
    expect(failures(report)).toEqual(['references Orders.CustomerID integrity'])
    expect(report.references.find((r) => r.legacyColumn === 'CustomerID' && r.legacyTable === 'Orders')!.integrityExamples).toEqual([1])
  }, 60_000)

  it('catches a moved order date in the months, the range and the row', async () => {
    const report = await tampered(
      `update orders set created_at = created_at + interval '20 years' where legacy_id = 2`,
      `update orders set created_at = created_at - interval '20 years' where legacy_id = 2`,
    )
    expect(failures(report)).toEqual([
      'ordersByMonth Orders (orders.created_at) per_month',
      'dateRanges Orders (orders.created_at) max',
      'rowHashes Orders (orders) rows_identical',
    ])
    expect(report.rowHashes.find((h) => h.targetTable === 'orders')!.examples).toEqual([{ legacyId: 2, kind: 'differs', columns: ['created_at'] }])
  }, 60_000)

  it('catches a soft delete that the source does not have, and a row the source does not have', async () => {
    const deleted = await tampered(`update leather_types set deleted_at = now() where legacy_id = 1`, `update leather_types set deleted_at = null where legacy_id = 1`)
    expect(failures(deleted)).toEqual(['tables LeatherTypes (leather_types) deleted', 'rowHashes LeatherTypes (leather_types) rows_identical'])

    const extra = await tampered(
      `insert into brands (id, legacy_id, brand_name) values ('00000000-0000-4000-8000-0000000000ff', 99, 'Hand-made')`,
      'delete from brands where legacy_id = 99',
    )
    expect(failures(extra)).toEqual(['tables Brands (brands) no_extra_rows', 'rowHashes Brands (brands) extra_in_target'])
  }, 60_000)

  it('passes again once the target is as it was, with either row hash', async () => {
    expect(failures(await reconcile())).toEqual([])
    const md5 = await reconcile('md5')
    expect(failures(md5)).toEqual([])
    expect(md5.rowHashes.find((h) => h.targetTable === 'orders')).toMatchObject({ hashMethod: 'md5', matching: 12, differing: 0 })
  }, 60_000)

  it('refuses a run that does not exist', async () => {
    await expect(reconcileRun({ db, runId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
