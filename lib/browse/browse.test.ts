// The data browser's queries against a real PostgreSQL holding a few imported records (written
// straight into the target tables, as the import leaves them).

import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeClients, createClients, type DatabaseClients } from '@/lib/db/prisma'
import { createTestDatabase, type TestDatabase } from '@/lib/db/test-database'
import { browseSearchInput } from './browse.validation'
import { getRecord } from './get-record'
import { escapeLike, legacyIdOf, searchRecords, searchWhere } from './search-records'

let database: TestDatabase
let db: DatabaseClients
const ids = { fitter: randomUUID(), anna: randomUUID(), james: randomUUID(), brand: randomUUID(), model: randomUUID(), order42: randomUUID(), order7: randomUUID(), orphan: randomUUID() }

/** Rows into a target table, one INSERT each (column names are this file's; values are parameters). */
async function insert(table: string, rows: Record<string, unknown>[]): Promise<void> {
  for (const row of rows) {
    const columns = Object.keys(row)
    await db.pool.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row))
  }
}

beforeAll(async () => {
  database = await createTestDatabase()
  db = createClients(database.url)
  await insert('fitters', [{ id: ids.fitter, legacy_id: 3, name: 'Søren Jensen', email: 'soren@example.dk', city: 'Aarhus', country: 'DK', currency: 'EUR' }])
  await insert('customers', [
    { id: ids.anna, legacy_id: 1, name: 'Anna Müller', email: 'anna@example.de', fitter_id: ids.fitter, legacy_fitter_id: 3, horse_name: 'Charlie 🐴' },
    { id: ids.james, legacy_id: 2, name: "James O'Brien", email: null, legacy_fitter_id: 99 },
  ])
  await insert('brands', [{ id: ids.brand, legacy_id: 1, brand_name: 'Légende' }])
  await insert('models', [
    { id: ids.model, legacy_id: 5, brand_id: ids.brand, legacy_brand_id: 1, model_name: 'Grand Prix Monoflap', type: 'dressage', factory_assignments: JSON.stringify({ US: 1, EU: null, UK: null, AU: null }) },
  ])
  await insert('orders', [
    { id: ids.order42, legacy_id: 42, order_number: 'OMS-000042', customer_id: ids.anna, legacy_customer_id: 1, fitter_id: ids.fitter, legacy_fitter_id: 3, model_id: ids.model, legacy_saddle_id: 5, status: 'shipped', currency: 'EUR', price_saddle: '2500.00', price_shipping: '115.50', total_amount: '2615.50', balance_owing: '2615.50' },
    { id: ids.order7, legacy_id: 7, order_number: 'OMS-000007', customer_id: ids.james, legacy_customer_id: 2, status: 'pending' },
    { id: ids.orphan, legacy_id: 1234567, order_number: 'OMS-1234567', legacy_customer_id: 424242, status: 'pending', deleted_at: new Date('2020-01-01T00:00:00Z') },
  ])
  await insert('order_lines', [
    { id: randomUUID(), legacy_id: 1, order_id: ids.order42, legacy_order_id: 42, description: 'Kneeroll', quantity: 2, price: '30.00' },
    { id: randomUUID(), legacy_id: 2, order_id: ids.order42, legacy_order_id: 42, description: 'Engraving "AM"', quantity: 1, price: '12.25' },
  ])
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

describe('searchWhere', () => {
  it('is empty for an empty query', () => {
    expect(searchWhere('c', ['c.name'], { text: '', legacyId: null, uuid: null })).toEqual({ sql: '', values: [] })
  })

  it('matches the ids exactly and the text as itself, every value a parameter', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\')
    const uuid = randomUUID()
    expect(searchWhere('c', ['c.name', 'f.name'], { text: "O'Brien", legacyId: 42, uuid })).toEqual({
      sql: ` WHERE c.id = $3 OR c.legacy_id = $2 OR c.name ILIKE '%' || $1 || '%' OR f.name ILIKE '%' || $1 || '%'`,
      values: ["O'Brien", 42, uuid],
    })
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
    { kind: 'customers', q: "o'brien", titles: ["James O'Brien"] },
    // LIKE's wildcards and escape in the query are the characters themselves
    { kind: 'customers', q: '%', titles: [] },
    { kind: 'customers', q: 'a_na', titles: [] },
    { kind: 'customers', q: '\\', titles: [] },
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
