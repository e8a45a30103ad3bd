// Importing a dump written by the real mariadb-dump into a real PostgreSQL, table by table:
// every row imported or rejected with its reason, references that agree with their legacy halves,
// money that adds up, reruns that change nothing, refusals that name the tables in the way, one
// import per table at a time, and a kill -9 in the middle of a big import that a rerun completes
// to exactly what an uninterrupted import writes, with the operator's decisions (excluded rows, a set
// value) in both.

import { spawn } from 'node:child_process'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { projectRoot } from '@/lib/db/paths'
import { useTestDatabase, useWorkDir } from '@/lib/testing/use-test-database'
import { openDumpFile } from '@/lib/dump'
import { AppError } from '@/lib/errors'
import { mappingFor, mappings } from '@/lib/mappings'
import { createRun } from '@/lib/runs/create-run'
import { stageRun } from '@/lib/staging/stage-run'
import { quoteIdent, stagedTable } from '@/lib/staging/staging-names'
import { loadLegacyFixture } from '@/lib/testing/legacy-fixture'
import { useMariaDb } from '@/lib/testing/use-mariadb'
import { writeSyntheticDump } from '@/lib/testing/write-synthetic-dump'
import { mappedTableName } from '@/lib/staging/staging-names'
import { validateTable } from '@/lib/validate/validate-table'
import { checkDecision } from '@/lib/decisions/decision-spec'
import { recordDecisions } from '@/lib/decisions/record-decisions'
import { checkDependencies } from './check-dependencies'
import { importTable, type ImportTableResult } from './import-table'
import { referencedTargetTable, referencesOf } from './references'
import { rollBackTable } from './roll-back-table'
import { tryLockTable } from './table-lock'
import { ORDER_OF_REJECTED_CUSTOMER, REJECTED_CUSTOMER, REJECTED_REFERENCE_SQL } from './testing/rejected-reference'

const work = useWorkDir('import-table-')
// The fixture, plus a customer that validation rejects and an order that refers to it.
const mariadb = useMariaDb({
  setup: async (server) => {
    await loadLegacyFixture(server, { database: 'ordermys' })
    await server.exec(REJECTED_REFERENCE_SQL, 'ordermys')
    await server.dump('default', path.join(work, 'fixture.sql'), { database: 'ordermys' })
  },
})

const db = useTestDatabase()

/** Stages the dump; unless `validate` is false, the staging pass validates it too. */
async function stageAndValidate(file: string, clients = db, validate = true) {
  const run = await createRun({ db: clients, fileName: path.basename(file) })
  const { staging } = await stageRun({ db: clients, runId: run.id, source: openDumpFile(file), validate })
  return { runId: run.id, schema: staging.schema }
}

/** Imports every table; `bulkLoadMinRows: 1` loads every empty table without its indexes and keys first. */
async function importAll(runId: string, bulkLoadMinRows?: number): Promise<Map<string, ImportTableResult>> {
  const results = new Map<string, ImportTableResult>()
  for (const m of mappings) results.set(m.legacyTable, await importTable({ db, runId, legacyTable: m.legacyTable, actor: 'test', bulkLoadMinRows }))
  return results
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>(`SELECT (${sql})::int AS n`, params)
  return rows[0].n
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

/** Per target table: row count and a digest of (legacy id → id), to compare before and after. */
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const m of mappings) {
    const { rows } = await db.pool.query(
      `SELECT count(*) || ' ' || coalesce(md5(string_agg(legacy_id || '=' || id, ',' ORDER BY legacy_id)), '') AS s FROM ${quoteIdent(m.targetTable)}`,
    )
    out[m.targetTable] = rows[0].s
  }
  return out
}

describe('importing a real mariadb-dump', () => {
  let runId: string
  let schema: string
  let first: Map<string, ImportTableResult>

  beforeAll(async () => {
    mariadb()
    ;({ runId, schema } = await stageAndValidate(path.join(work, 'fixture.sql')))
    // The first import of each (empty) table is a bulk load, however small the fixture: every
    // check below also holds for the indexes and keys it rebuilt.
    first = await importAll(runId, 1)
    expect(first.get('Orders')!.indexesDeferred).toBeGreaterThan(10)
  }, 120_000)

  it('imports every table in dependency order; every source row is imported or rejected with its reason', async () => {
    const states = await db.prisma.migrationRunTable.findMany({ where: { runId, targetTable: { not: null } } })
    expect(states).toHaveLength(21)
    for (const state of states) {
      const target = state.targetTable!
      expect(state.state, state.legacyTable).toBe('imported')
      expect(state.rowsImported + state.rowsRejected, state.legacyTable).toBe(state.rowsStaged)
      expect(await count(`SELECT count(*) FROM ${quoteIdent(target)}`), target).toBe(state.rowsImported)
      // A staged row that is not in the target is a rejected row with an error saying why.
      const unexplained = await count(
        `SELECT count(*) FROM ${stagedTable(schema, state.legacyTable)} s
          WHERE NOT EXISTS (SELECT 1 FROM ${quoteIdent(target)} t WHERE t.legacy_id = s._legacy_id)
            AND NOT EXISTS (SELECT 1 FROM migration_row_issues i WHERE i.run_id = $1 AND i.legacy_table = $2 AND i.row_number = s._row AND i.severity = 'error')`,
        [runId, state.legacyTable],
      )
      expect(unexplained, state.legacyTable).toBe(0)
    }
    expect(first.get('Customers')!.rowsRejected).toBe(1)
    const events = await db.prisma.migrationEvent.groupBy({ by: ['type'], where: { runId }, _count: true })
    expect(Object.fromEntries(events.map((e) => [e.type, e._count]))).toEqual({ 'table.import_started': 21, 'table.imported': 21 })
  })

  it('resolves every reference to the row with the matching legacy id, and reports each one it could not', async () => {
    let resolved = 0
    for (const m of mappings) {
      for (const reference of referencesOf(m.legacyTable)) {
        const target = quoteIdent(m.targetTable)
        const uuid = quoteIdent(reference.column)
        const legacy = quoteIdent(reference.legacyColumn)
        const mismatched = await count(
          `SELECT count(*) FROM ${target} t JOIN ${quoteIdent(referencedTargetTable(reference))} r ON r.id = t.${uuid} WHERE r.legacy_id IS DISTINCT FROM t.${legacy}`,
        )
        expect(mismatched, `${m.targetTable}.${reference.column}`).toBe(0)
        resolved += await count(`SELECT count(*) FROM ${target} WHERE ${uuid} IS NOT NULL`)
        const unreported = await count(
          `SELECT count(*) FROM ${target} t WHERE t.${uuid} IS NULL AND t.${legacy} IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM migration_row_issues i WHERE i.run_id = $1 AND i.legacy_table = $2
                                AND i.legacy_id = t.legacy_id AND i.code = 'ORPHAN_REF' AND i.column_name = $3)`,
          [runId, m.legacyTable, reference.sourceColumn],
        )
        expect(unreported, `${m.targetTable}.${reference.column}`).toBe(0)
      }
    }
    expect(resolved).toBeGreaterThan(50)
  })

  it('has exactly the foreign keys of the reference list in the database', async () => {
    const { rows } = await db.pool.query<{ table: string; column: string; references: string }>(
      `SELECT c.conrelid::regclass::text AS table, a.attname AS column, c.confrelid::regclass::text AS references
         FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace AND c.conrelid::regclass::text = ANY($1)`,
      [mappings.map((m) => m.targetTable)],
    )
    const inDatabase = rows.map((r) => `${r.table}.${r.column} → ${r.references}`).sort()
    const listed = mappings.flatMap((m) => referencesOf(m.legacyTable).map((r) => `${m.targetTable}.${r.column} → ${referencedTargetTable(r)}`)).sort()
    expect(listed).toEqual(inDatabase)
    // …and every target table its primary key and its indexes back after the bulk loads.
    const keys = await db.pool.query<{ table: string; primary: boolean; indexes: number }>(
      `SELECT t::text AS table, EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = t AND c.contype = 'p') AS primary,
              (SELECT count(*)::int FROM pg_index x WHERE x.indrelid = t) AS indexes
         FROM unnest($1::regclass[]) AS t`,
      [mappings.map((m) => m.targetTable)],
    )
    for (const k of keys.rows) expect(k.primary, k.table).toBe(true)
    expect(keys.rows.find((k) => k.table === 'orders')!.indexes).toBe(17)
  })

  it('NULLs a reference whose row was rejected, keeps its legacy id and reports it', async () => {
    const { rows } = await db.pool.query('SELECT customer_id, legacy_customer_id, fitter_id FROM orders WHERE legacy_id = $1', [ORDER_OF_REJECTED_CUSTOMER])
    expect(rows).toEqual([{ customer_id: null, legacy_customer_id: REJECTED_CUSTOMER, fitter_id: expect.any(String) }])
    const issues = await db.prisma.migrationRowIssue.findMany({ where: { runId, legacyTable: 'Orders', legacyId: ORDER_OF_REJECTED_CUSTOMER, code: 'ORPHAN_REF' } })
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ columnName: 'CustomerID', severity: 'warning', sourceValue: String(REJECTED_CUSTOMER) })
    expect(issues[0].message).toBe(
      'CustomerID -7 points at Customers row -7, which is not in customers (it was rejected, or not imported); customer_id is left empty and legacy_customer_id keeps -7.',
    )
    expect(first.get('Orders')!.orphansNulled).toBe(1)
    const state = await db.prisma.migrationRunTable.findUniqueOrThrow({ where: { runId_legacyTable: { runId, legacyTable: 'Orders' } } })
    const issueCount = await db.prisma.migrationRowIssue.count({ where: { runId, legacyTable: 'Orders', code: 'ORPHAN_REF' } })
    expect((state.countsByRule as Record<string, number>).ORPHAN_REF).toBe(issueCount)
  })

  it('keeps the money of every imported row to the cent', async () => {
    const money: [string, string, string][] = [
      ['Orders', 'PriceSaddle', 'price_saddle'],
      ['Orders', 'PriceOptions', 'price_options'],
      ['Orders', 'PriceShipping', 'price_shipping'],
      ['Orders', 'PriceDeposit', 'deposit_paid'],
      ['SaddleLeathers', 'Price', 'price'],
      ['OptionsItems', 'Price', 'price'],
      ['SaddleOptionsItems', 'Price', 'price'],
      ['OrdersInfo', 'Price', 'price'],
    ]
    for (const [legacyTable, legacyColumn, column] of money) {
      const target = quoteIdent(mappingFor(legacyTable)!.targetTable)
      const { rows } = await db.pool.query(
        `SELECT (SELECT sum(s.${quoteIdent(legacyColumn)}::numeric) FROM ${stagedTable(schema, legacyTable)} s
                  WHERE s._legacy_id IN (SELECT legacy_id FROM ${target}))::text AS source,
                (SELECT sum(${quoteIdent(column)}) FROM ${target})::text AS target`,
      )
      expect(rows[0].target, `${legacyTable}.${legacyColumn}`).toBe(rows[0].source)
      expect(Number(rows[0].source)).not.toBe(0)
    }
    const totals = await count(`SELECT count(*) FROM orders WHERE total_amount <> price_saddle + price_options + price_shipping OR balance_owing <> total_amount - deposit_paid`)
    expect(totals).toBe(0)
  })

  it('changes no count, no id and no issue when the same tables are imported again', async () => {
    const before = await snapshot()
    const issues = await db.prisma.migrationRowIssue.count({ where: { runId } })
    const again = await importAll(runId)
    expect(await snapshot()).toEqual(before)
    expect(await db.prisma.migrationRowIssue.count({ where: { runId } })).toBe(issues)
    for (const [table, result] of again) {
      expect(result.rowsImported, table).toBe(first.get(table)!.rowsImported)
      expect(result.resumedAfterRow).toBeNull()
    }
  })

  it('refuses a second import of a table while another session holds it', async () => {
    const attempt = await tryLockTable(db.pool, 'brands')
    if (!attempt.locked) throw new Error('brands is locked')
    try {
      const error = await refusal(importTable({ db, runId, legacyTable: 'Brands' }))
      expect(error.code).toBe('CONFLICT')
      const pid = (await attempt.lock.client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid
      expect(error.message).toBe(`Brands (brands) is being imported or rolled back by another session (PostgreSQL process ${pid}); try again when it has finished.`)
      expect((await refusal(rollBackTable({ db, runId, legacyTable: 'Brands' }))).code).toBe('CONFLICT')
    } finally {
      await attempt.lock.release()
    }
  })

  it('refuses to roll back a table that imported tables reference, naming them, until those are rolled back', async () => {
    const customers = await refusal(rollBackTable({ db, runId, legacyTable: 'Customers', actor: 'test' }))
    expect(customers.code).toBe('CONFLICT')
    expect(customers.message).toBe('Customers cannot be rolled back: Orders (imported) references it; roll that table back first.')
    const orders = await refusal(rollBackTable({ db, runId, legacyTable: 'Orders' }))
    expect(orders.message).toBe('Orders cannot be rolled back: OrdersInfo (imported), ClientConfirmation (imported) reference it; roll those tables back first.')
    expect((await checkDependencies({ db, runId, legacyTable: 'Orders' })).dependents.map((d) => d.table)).toEqual(['OrdersInfo', 'ClientConfirmation'])

    const ordersRows = await count('SELECT count(*) FROM orders')
    const idsBefore = await snapshot()
    for (const table of ['ClientConfirmation', 'OrdersInfo']) await rollBackTable({ db, runId, legacyTable: table, actor: 'test' })
    const rolled = await rollBackTable({ db, runId, legacyTable: 'Orders', actor: 'test' })
    expect(rolled).toMatchObject({ targetTable: 'orders', rowsDeleted: ordersRows })
    expect(await count('SELECT count(*) FROM orders')).toBe(0)
    // The import's own ORPHAN_REF went with it; validation's stay.
    expect(await db.prisma.migrationRowIssue.count({ where: { runId, legacyTable: 'Orders', legacyId: ORDER_OF_REJECTED_CUSTOMER, code: 'ORPHAN_REF' } })).toBe(0)
    const state = await db.prisma.migrationRunTable.findUniqueOrThrow({ where: { runId_legacyTable: { runId, legacyTable: 'Orders' } } })
    expect(state).toMatchObject({ state: 'rolled_back', rowsImported: 0, resumeCursor: null })
    await rollBackTable({ db, runId, legacyTable: 'Customers' })
    expect(await count('SELECT count(*) FROM customers')).toBe(0)

    const events = await db.prisma.migrationEvent.findMany({ where: { runId, type: { in: ['table.rolled_back', 'table.rollback_refused'] } }, orderBy: { id: 'asc' } })
    expect(events.map((e) => `${e.type} ${e.legacyTable}`)).toEqual([
      'table.rollback_refused Brands',
      'table.rollback_refused Customers',
      'table.rollback_refused Orders',
      'table.rolled_back ClientConfirmation',
      'table.rolled_back OrdersInfo',
      'table.rolled_back Orders',
      'table.rolled_back Customers',
    ])
    expect(events[1]).toMatchObject({ actor: 'test', data: { code: 'CONFLICT', dependents: ['Orders'] } })

    // Imported again, the rows come back with the same ids.
    for (const table of ['Customers', 'Orders', 'OrdersInfo', 'ClientConfirmation']) await importTable({ db, runId, legacyTable: table })
    expect(await snapshot()).toEqual(idsBefore)
  })

  it('refuses to import a table before the tables it references are imported in the run, naming them', async () => {
    const second = await stageAndValidate(path.join(work, 'fixture.sql'))
    const error = await refusal(importTable({ db, runId: second.runId, legacyTable: 'Orders', actor: 'test' }))
    expect(error.code).toBe('DEPENDENCY_MISSING')
    expect(error.message).toBe(
      'Orders cannot be imported yet: it references Customers (validated), Fitters (validated), Saddles (validated), LeatherTypes (validated), Factories (validated), Statuses (validated), which must be imported first in this run.',
    )
    expect(error.details).toMatchObject({ missing: ['Customers', 'Fitters', 'Saddles', 'LeatherTypes', 'Factories', 'Statuses'] })
    const state = await db.prisma.migrationRunTable.findUniqueOrThrow({ where: { runId_legacyTable: { runId: second.runId, legacyTable: 'Orders' } } })
    expect(state.state).toBe('validated')
    const event = await db.prisma.migrationEvent.findFirstOrThrow({ where: { runId: second.runId, type: 'table.import_refused' } })
    expect(event).toMatchObject({ legacyTable: 'Orders', actor: 'test', data: { code: 'DEPENDENCY_MISSING' } })

    // Not validated yet (staged without the validation pass): refused as well.
    const third = await stageAndValidate(path.join(work, 'fixture.sql'), db, false)
    expect((await refusal(importTable({ db, runId: third.runId, legacyTable: 'Brands' }))).message).toBe('Brands is staged but not validated yet: validate it before importing')
  })
})

describe('a kill -9 in the middle of importing a big table', () => {
  const crashDb = useTestDatabase()
  let runId: string
  /** DBlog's rows to import: the dump's, less the two the operator excluded */
  let total: number
  let decided: { excluded: number[]; set: number }
  let uninterrupted: { n: number; sum: string }
  let catalog: string

  const checksum = async () =>
    (await crashDb.pool.query(`SELECT count(*)::int AS n, md5(string_agg(t::text, '' ORDER BY legacy_id)) AS sum FROM db_change_logs t`)).rows[0] as { n: number; sum: string }
  /** The table's indexes and constraints, as the catalog would recreate them. */
  const indexesAndConstraints = async () =>
    (
      await crashDb.pool.query<{ s: string }>(
        `SELECT string_agg(d, E'\n' ORDER BY d) AS s FROM (
           SELECT pg_get_indexdef(indexrelid) AS d FROM pg_index WHERE indrelid = 'db_change_logs'::regclass
           UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'db_change_logs'::regclass) x`,
      )
    ).rows[0].s
  const state = () => crashDb.prisma.migrationRunTable.findUniqueOrThrow({ where: { runId_legacyTable: { runId, legacyTable: 'DBlog' } } })
  // Values the contract fills with "the import time" are the same in every validation of this test.
  const importTime = new Date('2026-11-25T12:00:00Z')

  beforeAll(async () => {
    const file = path.join(work, 'synthetic.sql')
    const manifest = await writeSyntheticDump({ targetBytes: 24 * 1024 * 1024, seed: 4, out: file })
    expect(manifest.tables.DBlog.rows).toBeGreaterThan(10_000)
    ;({ runId } = await stageAndValidate(file, crashDb, false))
    // The operator's decisions, which the import applies (issue 14): two rows excluded, one column set.
    const ids = (await crashDb.pool.query<{ id: number }>(`SELECT "ID"::int AS id FROM ${stagedTable((await crashDb.prisma.migrationRun.findUniqueOrThrow({ where: { id: runId } })).stagingSchema!, 'DBlog')} ORDER BY _row LIMIT 3 OFFSET 5000`)).rows.map((r) => r.id)
    await recordDecisions({
      db: crashDb,
      runId,
      decisions: [
        checkDecision({ table: 'DBlog', legacyId: ids[0], action: 'exclude', reason: 'a test entry' }, 'd1'),
        checkDecision({ table: 'DBlog', legacyId: ids[1], action: 'exclude', reason: 'a test entry' }, 'd2'),
        checkDecision({ table: 'DBlog', legacyId: ids[2], action: 'set', column: 'table_name', value: 'Decided', reason: 'named by the operator' }, 'd3'),
      ],
    })
    total = manifest.tables.DBlog.rows - 2
    decided = { excluded: ids.slice(0, 2), set: ids[2] }
    for (const legacyTable of ['UserTypes', 'Credentials', 'DBlog']) await validateTable({ db: crashDb, runId, legacyTable, importTime })
    for (const legacyTable of ['UserTypes', 'Credentials']) await importTable({ db: crashDb, runId, legacyTable })
    catalog = await indexesAndConstraints()
    expect(catalog).toMatch(/db_change_logs_user_id_fkey FOREIGN KEY/)

    // The reference: every index and foreign key in place while the rows are written.
    const plain = await importTable({ db: crashDb, runId, legacyTable: 'DBlog', batchSize: 2000, bulkLoadMinRows: Infinity, bulkInsert: false })
    expect(plain.indexesDeferred).toBe(0)
    uninterrupted = await checksum()
    expect(uninterrupted.n).toBe(total)
    // the decisions are in it: every kill below must end with them as well
    const { rows: decidedRows } = await crashDb.pool.query(`SELECT legacy_id, table_name FROM db_change_logs WHERE legacy_id = ANY($1::int[]) ORDER BY legacy_id`, [[...decided.excluded, decided.set]])
    expect(decidedRows).toEqual([{ legacy_id: decided.set, table_name: 'Decided' }])
    await rollBackTable({ db: crashDb, runId, legacyTable: 'DBlog' })
    expect((await checksum()).n).toBe(0)
  }, 120_000)

  /** Starts a bulk-load import of DBlog in a child process and kills it (SIGKILL) after 20 batches. */
  async function importAndKill(batchSize: number) {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(projectRoot(), 'lib/import/testing/import-in-child.ts'), crashDb.url, runId, 'DBlog', String(batchSize), '1'],
      { cwd: projectRoot(), stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    for (let waited = 0; (await state()).lastCommittedBatch === null || (await state()).lastCommittedBatch! < 20; waited += 50) {
      if (waited > 60_000 || child.exitCode !== null) throw new Error(`the child import did not get going: ${stderr}`)
      await new Promise((r) => setTimeout(r, 50))
    }
    // While it runs, the same table cannot be imported from here.
    const busy = await refusal(importTable({ db: crashDb, runId, legacyTable: 'DBlog' }))
    expect(busy.message).toMatch(/^DBlog \(db_change_logs\) is being imported or rolled back by another session \(PostgreSQL process \d+\)/)
    // Nor validated: that would replace the mapped rows the import is reading.
    const revalidation = await refusal(validateTable({ db: crashDb, runId, legacyTable: 'DBlog', importTime }))
    expect(revalidation.code).toBe('CONFLICT')

    child.kill('SIGKILL')
    expect(await exited).toBeNull()
    const crashed = await state()
    expect(crashed.state).toBe('importing')
    const committed = await checksum()
    // The target holds exactly the committed batches: no half batch, nothing twice.
    expect(committed.n).toBe(crashed.rowsImported)
    expect(committed.n).toBe(crashed.lastCommittedBatch! * batchSize)
    expect(committed.n).toBeLessThan(total)
    // The bulk load had dropped the secondary indexes and foreign keys, and says which.
    const deferred = (crashed.resumeCursor as { deferred?: { name: string }[] }).deferred ?? []
    expect(deferred.map((d) => d.name)).toContain('db_change_logs_user_id_fkey')
    expect(await indexesAndConstraints()).not.toBe(catalog)
    return crashed
  }

  /** The killed session's lock goes with its connection, as soon as the server notices. */
  async function untilUnlocked<T>(attempt: () => Promise<T>): Promise<T> {
    for (let tries = 0; ; tries++) {
      try {
        return await attempt()
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'CONFLICT') || tries > 50) throw error
        await new Promise((r) => setTimeout(r, 100))
      }
    }
  }

  it('ends, after a rerun, with exactly the rows, indexes and foreign keys of an uninterrupted import', async () => {
    const crashed = await importAndKill(40)
    const resumed = await untilUnlocked(() => importTable({ db: crashDb, runId, legacyTable: 'DBlog', batchSize: 2000, bulkInsert: false }))
    expect(resumed.resumedAfterRow).toBe((crashed.resumeCursor as { afterRow: number }).afterRow)
    expect(resumed.rowsImported).toBe(total)
    expect(resumed.indexesDeferred).toBeGreaterThan(0)
    expect(await checksum()).toEqual(uninterrupted)
    expect(await indexesAndConstraints()).toBe(catalog)
    expect(await state()).toMatchObject({ state: 'imported', rowsImported: total, resumeCursor: null })
    const mapped = await crashDb.pool.query(`SELECT count(*)::int AS n FROM ${stagedTable((await crashDb.prisma.migrationRun.findUniqueOrThrow({ where: { id: runId } })).stagingSchema!, mappedTableName('db_change_logs'))}`)
    expect(mapped.rows[0].n).toBe(total)
  }, 120_000)

  it('a bulk load in one statement, killed while PostgreSQL writes it, leaves nothing; the rerun loads it all', async () => {
    await rollBackTable({ db: crashDb, runId, legacyTable: 'DBlog' })
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(projectRoot(), 'lib/import/testing/import-in-child.ts'), crashDb.url, runId, 'DBlog', '2000', '1', 'bulk'],
      { cwd: projectRoot(), stdio: ['ignore', 'pipe', 'pipe'] },
    )
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    // killed while its INSERT … SELECT runs
    for (let waited = 0; ; waited += 10) {
      const { rows } = await crashDb.pool.query(`SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'INSERT INTO "db_change_logs"%'`)
      if (rows.length > 0) break
      if (waited > 60_000 || child.exitCode !== null) throw new Error('the bulk load was not seen running')
      await new Promise((r) => setTimeout(r, 10))
    }
    child.kill('SIGKILL')
    expect(await exited).toBeNull()
    const crashed = await state()
    expect(crashed).toMatchObject({ state: 'importing', rowsImported: 0, lastCommittedBatch: null })
    expect((await checksum()).n).toBe(0) // one transaction: nothing of it
    expect(((crashed.resumeCursor as { deferred?: unknown[] }).deferred ?? []).length).toBeGreaterThan(0)
    const rerun = await untilUnlocked(() => importTable({ db: crashDb, runId, legacyTable: 'DBlog' }))
    expect(rerun).toMatchObject({ rowsImported: total, batches: 1 })
    expect(await checksum()).toEqual(uninterrupted)
    expect(await indexesAndConstraints()).toBe(catalog)
  }, 120_000)

  it('gives the table its indexes and foreign keys back when the crashed import is rolled back, or validated and imported afresh', async () => {
    await rollBackTable({ db: crashDb, runId, legacyTable: 'DBlog' })
    await importAndKill(40)
    await untilUnlocked(() => rollBackTable({ db: crashDb, runId, legacyTable: 'DBlog' }))
    expect((await checksum()).n).toBe(0)
    expect(await indexesAndConstraints()).toBe(catalog)

    await importAndKill(40)
    await untilUnlocked(() => validateTable({ db: crashDb, runId, legacyTable: 'DBlog', importTime }))
    expect((await state()).state).toBe('validated')
    // Validated again: the import starts from the first row, onto a table that has rows, so it
    // restores what the crashed bulk load dropped and writes with everything in place.
    const fresh = await untilUnlocked(() => importTable({ db: crashDb, runId, legacyTable: 'DBlog', batchSize: 2000, bulkLoadMinRows: 1, bulkInsert: false }))
    expect(fresh.resumedAfterRow).toBeNull()
    expect(fresh.indexesDeferred).toBe(0)
    expect(await indexesAndConstraints()).toBe(catalog)
    expect(await checksum()).toEqual(uninterrupted)
  }, 180_000)
})

describe('two imports at once (the CLI imports two tables at a time)', () => {
  const twoDb = useTestDatabase()

  it('bulk-load, batch by batch and roll back two tables that reference the same table without deadlocking', async () => {
    const { runId } = await stageAndValidate(path.join(work, 'fixture.sql'), twoDb)
    for (const m of mappings) {
      if (m.legacyTable === 'OrdersInfo') break
      await importTable({ db: twoDb, runId, legacyTable: m.legacyTable })
    }
    // One row per batch: many small transactions of one import meet the other's changes of the
    // tables' definitions (both drop and restore foreign keys to orders).
    const both = ['OrdersInfo', 'ClientConfirmation', 'DBlog', 'Log']
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(both.map((legacyTable) => importTable({ db: twoDb, runId, legacyTable, batchSize: 1, bulkLoadMinRows: 1, bulkInsert: round !== 1 })))
      for (const r of results) expect(r.indexesDeferred, r.legacyTable).toBeGreaterThan(0)
      await Promise.all(both.map((legacyTable) => rollBackTable({ db: twoDb, runId, legacyTable })))
    }
  }, 180_000)
})
