import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Prisma } from '../generated/prisma/client'
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
  it('creates and reads rows with the contract field names', async () => {
    const { prisma } = clients
    const brandId = randomUUID()
    const modelId = randomUUID()
    await prisma.brand.create({ data: { id: brandId, legacyId: 7, brandName: "Wolfgang 'Ü' \\ ; 🐴", isActive: true } })
    await prisma.model.create({
      data: {
        id: modelId,
        legacyId: 3,
        brandId,
        legacyBrandId: 7,
        modelName: 'Alpha',
        type: 'jump',
        factoryAssignments: { US: 1, EU: null, UK: 4, AU: null },
      },
    })
    await prisma.order.create({
      data: {
        id: randomUUID(),
        legacyId: 42,
        orderNumber: 'OMS-000042',
        modelId,
        legacySaddleId: 3,
        legacyCustomerId: 999, // an orphan: legacy half only
        priceSaddle: '1999.99',
        priceOptions: new Prisma.Decimal('0.01'),
        totalAmount: '2000.00',
        saddleSpecifications: { seat: '17.5', extras: ['knee roll'] },
        createdAt: new Date('2012-03-04T05:06:07Z'),
      },
    })

    const order = await prisma.order.findUniqueOrThrow({ where: { legacyId: 42 }, include: { model: { include: { brand: true } } } })
    expect(order).toMatchObject({
      orderNumber: 'OMS-000042',
      legacySaddleId: 3,
      customerId: null,
      legacyCustomerId: 999,
      status: 'pending',
      saddleSpecifications: { seat: '17.5', extras: ['knee roll'] },
      createdAt: new Date('2012-03-04T05:06:07Z'),
    })
    expect(order.priceSaddle.toFixed(2)).toBe('1999.99')
    expect(order.priceSaddle.plus(order.priceOptions).toFixed(2)).toBe(order.totalAmount.toFixed(2))
    expect(order.model?.brand?.brandName).toBe("Wolfgang 'Ü' \\ ; 🐴")
  })

  it('refuses to delete a row that an imported row references (ON DELETE RESTRICT)', async () => {
    await expect(clients.prisma.brand.delete({ where: { legacyId: 7 } })).rejects.toThrow()
    expect(await clients.prisma.brand.count()).toBe(1)
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
