// The run list and overview queries against a real PostgreSQL, with runs and table states written
// as staging, validation and import leave them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeClients, createClients, type DatabaseClients } from '@/lib/db/prisma'
import { createTestDatabase, type TestDatabase } from '@/lib/db/test-database'
import { legacyTableNames, mappingFor } from '@/lib/mappings'
import { createRun } from './create-run'
import { getRunOverview } from './get-run-overview'
import { getTableImportSummary } from './get-table-import-summary'
import { listRuns } from './list-runs'
import { publicRunError } from './run-error-message'
import { syncRunStatus } from './sync-run-status'

let database: TestDatabase
let db: DatabaseClients

beforeAll(async () => {
  database = await createTestDatabase()
  db = createClients(database.url)
})
afterAll(async () => {
  await closeClients(db)
  await database.drop()
})

/** A staged run whose tables are in the given states (validated unless said otherwise). */
async function stagedRun(states: Record<string, string> = {}, extra: Partial<{ driftReport: object; fileName: string }> = {}) {
  const { id } = await createRun({ db, fileName: extra.fileName ?? 'ordermys.sql', sizeBytes: 1000, uploadedBy: 'tester' })
  await db.prisma.migrationRun.update({
    where: { id },
    data: { status: 'staged', stagingSchema: `staging_${id.replaceAll('-', '').slice(0, 16)}`, progressBytes: 1000n, driftReport: extra.driftReport ?? {} },
  })
  await db.prisma.migrationRunTable.createMany({
    data: legacyTableNames.map((legacyTable) => ({
      runId: id,
      legacyTable,
      targetTable: mappingFor(legacyTable)!.targetTable,
      state: states[legacyTable] ?? 'validated',
      rowsStaged: 10,
      rowsImported: states[legacyTable] === 'imported' ? 9 : 0,
      rowsRejected: 1,
    })),
  })
  return id
}

describe('listRuns', () => {
  it('lists runs newest first, a page at a time, with their table counts and status', async () => {
    const a = await stagedRun({}, { fileName: 'a.sql' })
    const b = await stagedRun({ UserTypes: 'imported' }, { fileName: 'b.sql' })
    const c = await stagedRun(Object.fromEntries(legacyTableNames.map((t) => [t, 'imported'])), { fileName: 'c.sql' })
    const first = await listRuns({ db, limit: 2 })
    expect(first.runs.map((r) => r.fileName)).toEqual(['c.sql', 'b.sql'])
    expect(first.runs[0]).toMatchObject({ id: c, status: 'completed', sizeBytes: 1000, progressBytes: 1000, uploadedBy: 'tester', tables: { total: 21, imported: 21, validated: 21 } })
    expect(first.runs[1]).toMatchObject({ id: b, status: 'importing', tables: { imported: 1 } })
    const second = await listRuns({ db, limit: 2, after: first.nextCursor })
    expect(second.runs[0]).toMatchObject({ id: a, status: 'staged', tables: { total: 21, validated: 21, imported: 0 } })
    expect(JSON.parse(JSON.stringify(first.runs[0]))).toEqual(first.runs[0]) // plain JSON: no BigInt, no Date
  })

  it('says why a run failed in words meant for the operator', async () => {
    const { id } = await createRun({ db, fileName: 'broken.sql', sizeBytes: 10 })
    await db.prisma.migrationRun.update({
      where: { id },
      data: { status: 'failed', errorCode: 'TRUNCATED', errorMessage: 'Dump truncated inside INSERT INTO `Orders` at byte 9 (line 1)' },
    })
    const { runs } = await listRuns({ db, limit: 100 })
    expect(runs.find((r) => r.id === id)?.error).toEqual({
      code: 'TRUNCATED',
      title: 'The dump is truncated: it ends in the middle of a statement.',
      detail: 'Dump truncated inside INSERT INTO `Orders` at byte 9 (line 1)',
    })
  })
})

describe('publicRunError', () => {
  it.each([
    { code: 'NOT_A_DUMP', message: 'Not a MySQL/MariaDB dump: …', title: 'This file is not a MySQL/MariaDB dump.', detail: 'Not a MySQL/MariaDB dump: …' },
    { code: 'INTERRUPTED', message: 'The server stopped…', title: 'The server stopped while this run was being worked on.', detail: 'The server stopped…' },
    { code: 'STAGING_FAILED', message: 'relation "x" does not exist', title: expect.stringContaining('server log'), detail: null },
  ])('$code', ({ code, message, title, detail }) => {
    expect(publicRunError(code, message)).toEqual({ code, title, detail })
  })
  it('is null for a run without error', () => expect(publicRunError(null, null)).toBeNull())
})

describe('getRunOverview', () => {
  it('lists the 21 tables in dependency order, importable only after what they reference', async () => {
    const runId = await stagedRun({ UserTypes: 'imported', Factories: 'missing' })
    const { tables, run } = await getRunOverview({ db, runId })
    expect(tables.map((t) => t.legacyTable)).toEqual(legacyTableNames)
    const byName = Object.fromEntries(tables.map((t) => [t.legacyTable, t]))
    expect(byName.UserTypes).toMatchObject({ state: 'imported', canImport: false, canRollBack: true, blockedReason: null })
    expect(byName.Credentials).toMatchObject({ canImport: true, missingDependencies: [], blockedReason: null })
    // A table missing from the dump does not block (nothing to import), Credentials does.
    expect(byName.FactoryEmployees).toMatchObject({ canImport: false, missingDependencies: ['Credentials'], blockedReason: 'waits for Credentials' })
    expect(byName.Orders.missingDependencies).toEqual(['Customers', 'Fitters', 'Saddles', 'LeatherTypes', 'Statuses'])
    expect(run.tables).toMatchObject({ total: 20, missing: 1, imported: 1 })
  })

  it('blocks a roll-back while an imported table references the rows', async () => {
    const runId = await stagedRun({ UserTypes: 'imported', Credentials: 'imported' })
    const { tables } = await getRunOverview({ db, runId })
    expect(tables[0]).toMatchObject({ legacyTable: 'UserTypes', canRollBack: false, importedDependents: ['Credentials'] })
    expect(tables[1]).toMatchObject({ legacyTable: 'Credentials', canRollBack: true })
  })

  it('says which tables are not validated, and reports the schema drift', async () => {
    const runId = await stagedRun(
      { Orders: 'staged' },
      { driftReport: { extraTables: ['Invoices'], extraColumns: [{ table: 'Customers', column: 'Newsletter' }], missingTables: [], missingColumns: [], views: ['v_orders'], readerWarningCount: 0, readerWarnings: [] } },
    )
    await db.prisma.migrationRunTable.create({ data: { runId, legacyTable: 'Invoices', targetTable: null, state: 'staged', rowsStaged: 3 } })
    const overview = await getRunOverview({ db, runId })
    expect(overview.unvalidated).toBe(1)
    expect(overview.tables.find((t) => t.legacyTable === 'Orders')).toMatchObject({ canImport: false, blockedReason: expect.stringMatching(/waits for|not validated/) })
    expect(overview.drift).toMatchObject({ extraTables: [{ name: 'Invoices', rowsStaged: 3 }], extraColumns: [{ table: 'Customers', column: 'Newsletter' }], views: ['v_orders'] })
    expect(overview.run.tables.total).toBe(21) // the drift table is not one of them
  })

  it('answers NOT_FOUND for a run that does not exist', async () => {
    await expect(getRunOverview({ db, runId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('getTableImportSummary', () => {
  it('says what will be written and why rows are rejected, without passwords', async () => {
    const runId = await stagedRun({})
    await db.prisma.migrationRunTable.update({
      where: { runId_legacyTable: { runId, legacyTable: 'Credentials' } },
      data: { countsByRule: { DUPLICATE_ID: 1, MD5_PASSWORD: 2 }, warningCount: 2, errorCount: 1 },
    })
    await db.prisma.migrationRowIssue.createMany({
      data: [
        { runId, legacyTable: 'Credentials', legacyId: 4, rowNumber: 9, columnName: 'ID', severity: 'error', code: 'DUPLICATE_ID', message: 'ID 4 appears again', sourceValue: '4' },
        { runId, legacyTable: 'Credentials', legacyId: 4, rowNumber: 9, columnName: 'Password', severity: 'error', code: 'INVALID_VALUE', message: 'Password is broken', sourceValue: 'hunter2' },
        { runId, legacyTable: 'Credentials', legacyId: 2, rowNumber: 2, columnName: 'Password', severity: 'warning', code: 'MD5_PASSWORD', message: 'md5', sourceValue: null },
      ],
    })
    await db.prisma.migrationEvent.create({ data: { runId, legacyTable: 'Credentials', type: 'table.import_refused', data: { reason: 'import UserTypes first' } } })
    const summary = await getTableImportSummary({ db, runId, legacyTable: 'Credentials' })
    expect(summary.rowsToWrite).toBe(9)
    expect(summary.rules.map((r) => [r.code, r.severity, r.count])).toEqual([
      ['DUPLICATE_ID', 'error', 1],
      ['MD5_PASSWORD', 'warning', 2],
    ])
    expect(summary.rejected).toEqual([
      {
        rowNumber: 9,
        legacyId: 4,
        reasons: [
          { code: 'DUPLICATE_ID', column: 'ID', message: 'ID 4 appears again', sourceValue: '4' },
          { code: 'INVALID_VALUE', column: 'Password', message: 'Password is broken', sourceValue: null },
        ],
      },
    ])
    expect(JSON.stringify(summary)).not.toContain('hunter2')
    expect(summary.dependencies).toEqual([{ table: 'UserTypes', state: 'validated' }])
    expect(summary.events[0]).toMatchObject({ type: 'table.import_refused', message: 'import UserTypes first' })
  })
})

describe('syncRunStatus', () => {
  it.each([
    { states: {}, want: 'staged' },
    { states: { UserTypes: 'imported' }, want: 'importing' },
    { states: { UserTypes: 'importing' }, want: 'importing' },
    { states: Object.fromEntries(legacyTableNames.map((t) => [t, t === 'Log' ? 'missing' : 'imported'])), want: 'completed' },
  ])('$want', async ({ states, want }) => {
    const runId = await stagedRun(states)
    expect(await syncRunStatus({ db, runId })).toBe(want)
    expect((await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe(want)
  })
})
