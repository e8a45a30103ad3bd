// The data browser's queries against a real PostgreSQL holding a few imported records (written
// straight into the target tables, as the import leaves them).

import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeClients, createClients, type DatabaseClients } from '@/lib/db/prisma'
import { createTestDatabase, type TestDatabase } from '@/lib/db/test-database'
import { browseSearchInput } from './browse.validation'
import { getRecord } from './get-record'
import { legacyIdOf, searchRecords } from './search-records'

let database: TestDatabase
let db: DatabaseClients
const ids = { fitter: randomUUID(), anna: randomUUID(), james: randomUUID(), brand: randomUUID(), model: randomUUID(), order42: randomUUID(), order7: randomUUID(), orphan: randomUUID() }

beforeAll(async () => {
  database = await createTestDatabase()
  db = createClients(database.url)
  const { prisma } = db
  await prisma.fitter.create({ data: { id: ids.fitter, legacyId: 3, name: 'Søren Jensen', email: 'soren@example.dk', city: 'Aarhus', country: 'DK', currency: 'EUR' } })
  await prisma.customer.createMany({
    data: [
      { id: ids.anna, legacyId: 1, name: 'Anna Müller', email: 'anna@example.de', fitterId: ids.fitter, legacyFitterId: 3, horseName: 'Charlie 🐴' },
      { id: ids.james, legacyId: 2, name: "James O'Brien", email: null, legacyFitterId: 99 },
    ],
  })
  await prisma.brand.create({ data: { id: ids.brand, legacyId: 1, brandName: 'Légende' } })
  await prisma.model.create({ data: { id: ids.model, legacyId: 5, brandId: ids.brand, legacyBrandId: 1, modelName: 'Grand Prix Monoflap', type: 'dressage', factoryAssignments: { US: 1, EU: null, UK: null, AU: null } } })
  await prisma.order.createMany({
    data: [
      { id: ids.order42, legacyId: 42, orderNumber: 'OMS-000042', customerId: ids.anna, legacyCustomerId: 1, fitterId: ids.fitter, legacyFitterId: 3, modelId: ids.model, legacySaddleId: 5, status: 'shipped', currency: 'EUR', priceSaddle: '2500.00', priceShipping: '115.50', totalAmount: '2615.50', balanceOwing: '2615.50' },
      { id: ids.order7, legacyId: 7, orderNumber: 'OMS-000007', customerId: ids.james, legacyCustomerId: 2, status: 'pending' },
      { id: ids.orphan, legacyId: 1234567, orderNumber: 'OMS-1234567', legacyCustomerId: 424242, status: 'pending', deletedAt: new Date('2020-01-01T00:00:00Z') },
    ],
  })
  await prisma.orderLine.createMany({
    data: [
      { id: randomUUID(), legacyId: 1, orderId: ids.order42, legacyOrderId: 42, description: 'Kneeroll', quantity: 2, price: '30.00' },
      { id: randomUUID(), legacyId: 2, orderId: ids.order42, legacyOrderId: 42, description: 'Engraving "AM"', quantity: 1, price: '12.25' },
    ],
  })
})

afterAll(async () => {
  await closeClients(db)
  await database.drop()
})

describe('legacyIdOf', () => {
  it.each([
    { q: '42', kind: 'orders', want: 42 },
    { q: '#42', kind: 'customers', want: 42 },
    { q: 'OMS-000042', kind: 'orders', want: 42 },
    { q: 'oms-1234567', kind: 'orders', want: 1234567 },
    { q: 'OMS-000042', kind: 'customers', want: null },
    { q: 'Anna', kind: 'customers', want: null },
    { q: '99999999999', kind: 'orders', want: null },
  ] as const)('$q ($kind) → $want', ({ q, kind, want }) => {
    expect(legacyIdOf(q, kind)).toBe(want)
  })
})

describe('searchRecords', () => {
  it.each([
    { kind: 'customers', q: 'müller', titles: ['Anna Müller'] },
    { kind: 'customers', q: 'ANNA@EXAMPLE', titles: ['Anna Müller'] },
    { kind: 'customers', q: '2', titles: ["James O'Brien"] },
    { kind: 'customers', q: 'charlie', titles: ['Anna Müller'] },
    { kind: 'orders', q: '42', titles: ['OMS-000042'] },
    { kind: 'orders', q: 'OMS-000042', titles: ['OMS-000042'] },
    { kind: 'orders', q: 'oms-0000', titles: ['OMS-000007', 'OMS-000042'] },
    { kind: 'orders', q: 'Anna', titles: ['OMS-000042'] },
    { kind: 'fitters', q: 'søren', titles: ['Søren Jensen'] },
    { kind: 'models', q: 'légende', titles: ['Grand Prix Monoflap'] },
    { kind: 'models', q: '5', titles: ['Grand Prix Monoflap'] },
    { kind: 'customers', q: 'nobody', titles: [] },
  ] as const)('$kind "$q"', async ({ kind, q, titles }) => {
    const result = await searchRecords({ db, kind, q })
    expect(result.rows.map((r) => r.title)).toEqual(titles)
    expect(result.total).toBe(titles.length)
  })

  it('finds a record by its new uuid too', async () => {
    const result = await searchRecords({ db, kind: 'customers', q: ids.james.toUpperCase() })
    expect(result.rows.map((r) => r.id)).toEqual([ids.james])
  })

  it('lists everything, paged, without a query', async () => {
    const first = await searchRecords({ db, kind: 'orders', q: '', pageSize: 2 })
    expect(first.rows.map((r) => r.legacyId)).toEqual([7, 42])
    expect(first).toMatchObject({ total: 3, pageCount: 2 })
    const second = await searchRecords({ db, kind: 'orders', q: '', page: 2, pageSize: 2 })
    expect(second.rows.map((r) => r.legacyId)).toEqual([1234567])
    expect(second.rows[0].deleted).toBe(true)
  })

  it('parses its input leniently (the URL is typed by people)', () => {
    expect(browseSearchInput.parse({ kind: 'nonsense', q: '  x ', page: '-3' })).toEqual({ kind: 'orders', q: 'x', page: 1 })
  })
})

describe('getRecord', () => {
  it('shows an order with both ids and links to its customer, fitter, model and lines', async () => {
    const order = await getRecord({ db, kind: 'orders', id: ids.order42 })
    expect(order).toMatchObject({ id: ids.order42, legacyId: 42, title: 'OMS-000042' })
    expect(order.fields).toContainEqual({ label: 'Total', value: '2615.50' })
    expect(order.fields).toContainEqual({ label: 'Saddle', value: '2500.00' })
    expect(order.links.find((l) => l.label === 'Customer')).toEqual({ label: 'Customer', legacyId: 1, target: { kind: 'customers', id: ids.anna, legacyId: 1, title: 'Anna Müller' } })
    expect(order.links.find((l) => l.label === 'Fitter')?.target?.id).toBe(ids.fitter)
    expect(order.links.find((l) => l.label === 'Model')?.target).toMatchObject({ kind: 'models', id: ids.model, legacyId: 5 })
    const lines = order.lists.find((l) => l.title === 'Order lines')!
    expect(lines.total).toBe(2)
    expect(lines.rows.map((r) => r.title)).toEqual(['Kneeroll', 'Engraving "AM"'])
  })

  it('keeps the legacy id of an orphan reference without a link', async () => {
    const order = await getRecord({ db, kind: 'orders', id: ids.orphan })
    expect(order.links.find((l) => l.label === 'Customer')).toEqual({ label: 'Customer', legacyId: 424242, target: null })
    expect(order.deleted).toBe(true)
  })

  it('shows a customer with its fitter and orders, a fitter with its customers', async () => {
    const anna = await getRecord({ db, kind: 'customers', id: ids.anna })
    expect(anna.links[0].target).toMatchObject({ kind: 'fitters', id: ids.fitter })
    expect(anna.lists[0]).toMatchObject({ title: 'Orders', total: 1, rows: [expect.objectContaining({ kind: 'orders', id: ids.order42 })] })
    const fitter = await getRecord({ db, kind: 'fitters', id: ids.fitter })
    expect(fitter.lists.find((l) => l.title === 'Customers')?.rows.map((r) => r.id)).toEqual([ids.anna])
    const model = await getRecord({ db, kind: 'models', id: ids.model })
    expect(model.links[0]).toMatchObject({ label: 'Brand', name: 'Légende' })
    expect(model.lists.find((l) => l.title === 'Orders')?.total).toBe(1)
  })

  it('answers NOT_FOUND for an id that is not there', async () => {
    await expect(getRecord({ db, kind: 'customers', id: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
