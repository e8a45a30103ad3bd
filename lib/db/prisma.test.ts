import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeClients, createClients, type DatabaseClients } from './prisma'
import { createTestDatabase, type TestDatabase } from './test-database'

let db: TestDatabase
let clients: DatabaseClients

beforeAll(async () => {
  db = await createTestDatabase()
  clients = createClients(db.url)
})

afterAll(async () => {
  if (clients) await closeClients(clients)
  await db?.drop()
})

describe('Prisma client over the pg adapter', () => {
  // The target tables are not Prisma models (lib/target): the app reads and writes them with SQL on
  // the same pool, whose search path finds them unqualified.
  it('writes and reads target rows through its pool with the contract column names', async () => {
    const { pool } = clients
    const brandId = randomUUID()
    const modelId = randomUUID()
    await pool.query('INSERT INTO brands (id, legacy_id, brand_name, is_active) VALUES ($1, $2, $3, $4)', [brandId, 7, "Wolfgang 'Ü' \\ ; 🐴", true])
    await pool.query(
      `INSERT INTO models (id, legacy_id, brand_id, legacy_brand_id, model_name, type, factory_assignments)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [modelId, 3, brandId, 7, 'Alpha', 'jump', JSON.stringify({ US: 1, EU: null, UK: 4, AU: null })],
    )
    await pool.query(
      `INSERT INTO orders (id, legacy_id, order_number, model_id, legacy_saddle_id, legacy_customer_id,
                           price_saddle, price_options, total_amount, saddle_specifications, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        randomUUID(),
        42,
        'OMS-000042',
        modelId,
        3,
        999, // an orphan: legacy half only
        '1999.99',
        '0.01',
        '2000.00',
        JSON.stringify({ seat: '17.5', extras: ['knee roll'] }),
        new Date('2012-03-04T05:06:07Z'),
      ],
    )

    const { rows } = await pool.query(
      `SELECT o.*, m.factory_assignments, b.brand_name, (o.price_saddle + o.price_options)::text AS saddle_and_options
         FROM orders o LEFT JOIN models m ON m.id = o.model_id LEFT JOIN brands b ON b.id = m.brand_id
        WHERE o.legacy_id = $1`,
      [42],
    )
    expect(rows).toHaveLength(1)
    const order = rows[0]
    expect(order).toMatchObject({
      order_number: 'OMS-000042',
      legacy_saddle_id: 3,
      customer_id: null,
      legacy_customer_id: 999,
      status: 'pending',
      saddle_specifications: { seat: '17.5', extras: ['knee roll'] },
      factory_assignments: { US: 1, EU: null, UK: 4, AU: null },
      created_at: new Date('2012-03-04T05:06:07Z'),
    })
    // numeric(12,2) comes back as its exact text, and sums in the database without a float's error
    expect(order.price_saddle).toBe('1999.99')
    expect(order.saddle_and_options).toBe(order.total_amount)
    expect(order.total_amount).toBe('2000.00')
    expect(order.brand_name).toBe("Wolfgang 'Ü' \\ ; 🐴")
  })

  it('refuses to delete a row that an imported row references (ON DELETE RESTRICT)', async () => {
    // restrict_violation: RESTRICT's own error (NO ACTION would raise foreign_key_violation, 23503)
    await expect(clients.pool.query('DELETE FROM brands WHERE legacy_id = $1', [7])).rejects.toMatchObject({ code: '23001', constraint: 'models_brand_id_fkey' })
    const { rows } = await clients.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM brands')
    expect(rows).toEqual([{ n: 1 }])
  })

  it('keeps the tool bookkeeping: bigint sizes, jsonb reports, issues cascade with their run', async () => {
    const { prisma } = clients
    const run = await prisma.migrationRun.create({
      data: { fileName: 'ordermys_new.sql', sizeBytes: 5_000_000_000n, driftReport: { extraTables: ['Foo'] } },
    })
    expect(run).toMatchObject({ status: 'created', progressBytes: 0n, sizeBytes: 5_000_000_000n })
    await prisma.migrationRunTable.create({ data: { runId: run.id, legacyTable: 'Orders', targetTable: 'orders' } })
    await prisma.migrationRowIssue.createMany({
      data: [
        { runId: run.id, legacyTable: 'Orders', legacyId: 1, rowNumber: 1, columnName: 'OrderTime', severity: 'warning', code: 'ZERO_DATE', message: 'zero', sourceValue: '0' },
        { runId: run.id, legacyTable: 'Orders', rowNumber: 2, severity: 'error', code: 'NO_ID', message: 'no ID' },
      ],
    })
    await prisma.migrationEvent.create({ data: { runId: run.id, type: 'run.uploaded', data: { bytes: 1 } } })

    await prisma.migrationRun.delete({ where: { id: run.id } })
    expect(await prisma.migrationRowIssue.count()).toBe(0)
    expect(await prisma.migrationRunTable.count()).toBe(0)
    expect(await prisma.migrationEvent.findFirst()).toMatchObject({ runId: null, type: 'run.uploaded' })
  })

  it('shares its pool for raw SQL', async () => {
    const { rows } = await clients.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM orders')
    expect(rows).toEqual([{ n: 1 }])
  })
})
