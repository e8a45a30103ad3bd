// The whole pipeline on a dump written by the real mariadb-dump: a dry run writes nothing to the
// target tables, named tables bring what they reference, `all` imports every table and reconciles,
// and a table that cannot be imported is named with its reason while the others go on.

import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTestDatabase, useWorkDir } from '@/lib/testing/use-test-database'
import { mappings } from '@/lib/mappings'
import { quoteIdent } from '@/lib/staging/staging-names'
import { LEGACY_FIXTURE_ROW_COUNTS, loadLegacyFixture } from '@/lib/testing/legacy-fixture'
import { useMariaDb } from '@/lib/testing/use-mariadb'
import { REJECTED_REFERENCE_SQL } from '@/lib/import/testing/rejected-reference'
import { runMigration, type MigrationProgress } from './run-migration'

const work = useWorkDir('run-migration-')
const dump = path.join(work, 'fixture.sql.gz')
const mariadb = useMariaDb({
  setup: async (server) => {
    await loadLegacyFixture(server, { database: 'ordermys' })
    await server.exec(REJECTED_REFERENCE_SQL, 'ordermys') // a rejected customer and an order referring to it
    await server.dump('default', dump, { database: 'ordermys', gzip: true })
  },
})

const db = useTestDatabase()

async function targetRows(): Promise<number> {
  let n = 0
  for (const m of mappings) n += (await db.pool.query(`SELECT count(*)::int AS n FROM ${quoteIdent(m.targetTable)}`)).rows[0].n
  return n
}

describe('runMigration', () => {
  it('dry run: stages and validates every table, writes nothing to the target tables', async () => {
    mariadb()
    const events: MigrationProgress[] = []
    const result = await runMigration({ db, dumpPath: dump, dryRun: true, onProgress: (p) => events.push(p) })
    expect(result.ok).toBe(true)
    expect(result.tables).toHaveLength(21)
    const customers = result.tables.find((t) => t.table === 'Customers')!
    expect(customers).toMatchObject({ target: 'customers', rows: LEGACY_FIXTURE_ROW_COUNTS.Customers + 1, rejected: 1, errors: 1, imported: null, state: 'validated' })
    expect(customers.mapped).toBe(LEGACY_FIXTURE_ROW_COUNTS.Customers)
    expect(customers.byRule.INVALID_VALUE).toBe(1)
    expect(customers.columns[0]).toBe('ID')
    expect(await targetRows()).toBe(0)
    expect(result.timings).toMatchObject({ stage: expect.any(Number), validate: expect.any(Number), import: null, reconcile: null })
    expect(events.filter((e) => e.kind === 'done').map((e) => e.stage)).toEqual(['stage', 'validate'])
    expect(events.some((e) => e.kind === 'bytes')).toBe(true)
    expect((await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: result.runId } })).status).toBe('staged')
  })

  it('a named table brings the tables it references, and only those', async () => {
    const result = await runMigration({ db, dumpPath: dump, tables: ['option_items'], batchSize: 2 })
    expect(result.ok).toBe(true)
    expect(result.imports.map((i) => i.legacyTable)).toEqual(['Options', 'OptionsItems'])
    const states = Object.fromEntries(result.tables.map((t) => [t.table, t.state]))
    expect(states).toMatchObject({ Options: 'imported', OptionsItems: 'imported', Orders: 'validated', Brands: 'validated' })
    expect(result.reconciliation).toBeNull()
    expect(await db.pool.query('SELECT count(*)::int AS n FROM option_items').then((r) => r.rows[0].n)).toBe(LEGACY_FIXTURE_ROW_COUNTS.OptionsItems)
    await expect(runMigration({ db, dumpPath: dump, tables: ['Invoices'] })).rejects.toThrow(/^Unknown table Invoices/)
    await expect(runMigration({ db, dumpPath: dump })).rejects.toThrow(/^Say what to import/)
  })

  it('all: imports every table in dependency order and reconciles; every source row is imported or rejected', async () => {
    const result = await runMigration({ db, dumpPath: dump, all: true, actor: 'test' })
    expect(result.failures).toEqual([])
    expect(result.ok).toBe(true)
    expect(result.imports.map((i) => i.legacyTable)).toEqual(mappings.map((m) => m.legacyTable))
    for (const t of result.tables) {
      expect(t.state, t.table).toBe('imported')
      expect(t.imported! + t.rejected, t.table).toBe(t.rows)
    }
    expect(result.tables.find((t) => t.table === 'Orders')!.byRule.ORPHAN_REF).toBeGreaterThan(0)
    expect(result.reconciliation?.passed).toBe(true)
    expect(Object.values(result.timings).every((ms) => typeof ms === 'number')).toBe(true)
    const run = await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: result.runId } })
    expect(run).toMatchObject({ status: 'completed', uploadedBy: 'test' })
    expect(await db.prisma.migrationReconciliation.count({ where: { runId: result.runId, passed: true } })).toBe(1)
  })

  it('names a table that fails with its reason, refuses its dependents, and imports the rest', async () => {
    // A foreign row holding the order number of legacy order 1 under another legacy id: the
    // import of Orders breaks on the unique order_number.
    await db.pool.query('TRUNCATE orders, order_lines, client_confirmations')
    await db.pool.query(`INSERT INTO orders (id, legacy_id, order_number) VALUES (gen_random_uuid(), 999999, 'OMS-000001')`)
    try {
      const result = await runMigration({ db, dumpPath: dump, all: true })
      expect(result.ok).toBe(false)
      const failed = Object.fromEntries(result.failures.map((f) => [f.table, f]))
      expect(failed.Orders.code).toBe('INTERNAL')
      expect(failed.Orders.message).toMatch(/^Importing Orders failed: duplicate key value violates unique constraint "orders_order_number_key"\. Nothing was written\.$/)
      expect(failed.OrdersInfo).toMatchObject({ code: 'DEPENDENCY_MISSING' })
      expect(failed.OrdersInfo.message).toContain('Orders (failed)')
      expect(failed.ClientConfirmation.code).toBe('DEPENDENCY_MISSING')
      const states = Object.fromEntries(result.tables.map((t) => [t.table, t.state]))
      expect(states).toMatchObject({ Orders: 'failed', OrdersInfo: 'validated', ClientConfirmation: 'validated', DBlog: 'imported', Log: 'imported' })
      expect(result.tables.find((t) => t.table === 'Orders')!.failure?.code).toBe('INTERNAL')
      // The run is not failed as a whole: it is part-imported, and the failure is the table's.
      const run = await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: result.runId } })
      expect(run.status).toBe('importing')
      const state = await db.prisma.migrationRunTable.findUniqueOrThrow({ where: { runId_legacyTable: { runId: result.runId, legacyTable: 'Orders' } } })
      expect(state).toMatchObject({ state: 'failed', errorCode: 'PG_23505' })
      expect(state.errorMessage).toMatch(/^Importing Orders failed: duplicate key/)
    } finally {
      await db.pool.query('DELETE FROM orders WHERE legacy_id = 999999')
    }
  })
})
