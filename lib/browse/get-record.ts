import type { QueryResultRow } from 'pg'
import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import type { BrowseKind } from './browse.validation'
import { iso } from './plain'
import { moneySql, timeSql } from './search-records'

// One imported record for the data browser: both ids (the new uuid and the legacy id), its
// values, and its related records — an order links to its customer, fitter and model and lists its
// lines; a customer links to its fitter and lists its orders; and so on. A reference whose target
// was an orphan in the dump shows its legacy id without a link.
//
// Plain SQL over the pool (the target tables are not Prisma models, lib/target): the record with
// what it links to in one query (LEFT JOINs, and the sizes of its related lists as subqueries),
// each related list in one more, all at once.

export interface RecordField {
  label: string
  value: string | null
}

export interface RecordLink {
  label: string
  /** the legacy id the source row held (kept even when it pointed at nothing) */
  legacyId: number | null
  /** the linked record, when it exists in the new tables */
  target: { kind: BrowseKind; id: string; legacyId: number; title: string } | null
  /** a linked record that is not a browse kind (leather type, supplier, status): its name */
  name?: string | null
}

export interface RecordListRow {
  kind: BrowseKind | null
  id: string
  legacyId: number
  title: string
  details: string[]
}

export interface RecordList {
  title: string
  total: number
  rows: RecordListRow[]
}

export interface RecordDetail {
  kind: BrowseKind
  id: string
  legacyId: number
  title: string
  deleted: boolean
  fields: RecordField[]
  links: RecordLink[]
  lists: RecordList[]
}

/** Related lists show this many rows (with their total). */
const LIST_ROWS = 50

export async function getRecord({ db, kind, id }: { db: DatabaseClients; kind: BrowseKind; id: string }): Promise<RecordDetail> {
  const record = await load(db, kind, id)
  if (!record) throw new AppError('NOT_FOUND', `There is no such ${kind.slice(0, -1)}`)
  return record
}


const text = (value: string | number | boolean | null | undefined): string | null =>
  value === null || value === undefined ? null : typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value)

/** The record whose id is $1, or null. */
async function one<R extends QueryResultRow>(db: DatabaseClients, sql: string, id: string): Promise<R | null> {
  const { rows } = await db.pool.query<R>(sql, [id])
  return rows[0] ?? null
}

/** The rows of a related list of the record whose id is $1. */
async function many<R extends QueryResultRow>(db: DatabaseClients, sql: string, id: string): Promise<R[]> {
  return (await db.pool.query<R>(sql, [id])).rows
}

/** A link's target, when the joined record exists (its id is null otherwise: an orphan or no reference). */
function linked(kind: BrowseKind, id: string | null, legacyId: number | null, title: string | null): RecordLink['target'] {
  return id === null ? null : { kind, id, legacyId: legacyId!, title: title! }
}

interface OrderListRow {
  id: string
  legacy_id: number
  order_number: string
  status: string
  total_amount: string
  currency: string | null
  created_at: Date
}

/** Newest (highest legacy id) first, as the record pages always listed orders. */
function ordersOf(db: DatabaseClients, column: 'customer_id' | 'fitter_id' | 'model_id', id: string): Promise<OrderListRow[]> {
  return many<OrderListRow>(
    db,
    `SELECT id, legacy_id, order_number, status, ${moneySql('total_amount')} AS total_amount, currency, ${timeSql('created_at')} AS created_at
       FROM orders WHERE ${column} = $1 ORDER BY legacy_id DESC LIMIT ${LIST_ROWS}`,
    id,
  )
}

interface OrderRecord {
  id: string
  legacy_id: number
  order_number: string
  status: string
  currency: string | null
  price_saddle: string
  price_options: string
  price_shipping: string
  total_amount: string
  deposit_paid: string
  balance_owing: string
  is_urgent: boolean
  serial_number: string | null
  special_instructions: string | null
  saddle_specifications: unknown
  legacy_order_data: string | null
  created_at: Date
  updated_at: Date
  deleted_at: Date | null
  legacy_customer_id: number | null
  legacy_fitter_id: number | null
  legacy_saddle_id: number | null
  legacy_leather_id: number | null
  legacy_factory_id: number | null
  legacy_status_id: number | null
  c_id: string | null
  c_legacy_id: number | null
  c_name: string | null
  f_id: string | null
  f_legacy_id: number | null
  f_name: string | null
  m_id: string | null
  m_legacy_id: number | null
  m_model_name: string | null
  leather_name: string | null
  supplier_name: string | null
  status_name: string | null
  line_count: number
  confirmation_count: number
}

interface CustomerRecord {
  id: string
  legacy_id: number
  name: string
  email: string | null
  horse_name: string | null
  address: string | null
  city: string | null
  state: string | null
  zipcode: string | null
  country: string | null
  phone: string | null
  cellphone: string | null
  status: string
  created_at: Date
  deleted_at: Date | null
  legacy_fitter_id: number | null
  f_id: string | null
  f_legacy_id: number | null
  f_name: string | null
  order_count: number
}

interface FitterRecord {
  id: string
  legacy_id: number
  name: string
  email: string | null
  address: string | null
  city: string | null
  state: string | null
  zipcode: string | null
  country: string | null
  region: string | null
  currency: string | null
  phone: string | null
  cellphone: string | null
  created_at: Date
  deleted_at: Date | null
  legacy_user_id: number | null
  username: string | null
  customer_count: number
  order_count: number
}

interface ModelRecord {
  id: string
  legacy_id: number
  model_name: string
  type: string | null
  is_active: boolean
  sequence: number
  factory_assignments: unknown
  created_at: Date
  legacy_brand_id: number | null
  brand_name: string | null
  product_count: number
  order_count: number
}

async function load(db: DatabaseClients, kind: BrowseKind, id: string): Promise<RecordDetail | null> {
  switch (kind) {
    case 'orders': {
      const [o, lines, confirmations] = await Promise.all([
        one<OrderRecord>(
          db,
          `SELECT o.id, o.legacy_id, o.order_number, o.status, o.currency,
                  ${moneySql('o.price_saddle')} AS price_saddle, ${moneySql('o.price_options')} AS price_options,
                  ${moneySql('o.price_shipping')} AS price_shipping, ${moneySql('o.total_amount')} AS total_amount,
                  ${moneySql('o.deposit_paid')} AS deposit_paid, ${moneySql('o.balance_owing')} AS balance_owing,
                  o.is_urgent, o.serial_number, o.special_instructions, o.saddle_specifications, o.legacy_order_data,
                  ${timeSql('o.created_at')} AS created_at, ${timeSql('o.updated_at')} AS updated_at, ${timeSql('o.deleted_at')} AS deleted_at,
                  o.legacy_customer_id, o.legacy_fitter_id, o.legacy_saddle_id, o.legacy_leather_id, o.legacy_factory_id, o.legacy_status_id,
                  c.id AS c_id, c.legacy_id AS c_legacy_id, c.name AS c_name,
                  f.id AS f_id, f.legacy_id AS f_legacy_id, f.name AS f_name,
                  m.id AS m_id, m.legacy_id AS m_legacy_id, m.model_name AS m_model_name,
                  lt.name AS leather_name, s.name AS supplier_name, st.name AS status_name,
                  (SELECT count(*)::int FROM order_lines WHERE order_id = o.id) AS line_count,
                  (SELECT count(*)::int FROM client_confirmations WHERE order_id = o.id) AS confirmation_count
             FROM orders o
             LEFT JOIN customers c ON c.id = o.customer_id
             LEFT JOIN fitters f ON f.id = o.fitter_id
             LEFT JOIN models m ON m.id = o.model_id
             LEFT JOIN leather_types lt ON lt.id = o.leather_type_id
             LEFT JOIN suppliers s ON s.id = o.supplier_id
             LEFT JOIN order_statuses st ON st.id = o.status_id
            WHERE o.id = $1`,
          id,
        ),
        many<{ id: string; legacy_id: number; description: string; quantity: number; price: string; option_name: string | null; option_item_name: string | null }>(
          db,
          `SELECT l.id, l.legacy_id, l.description, l.quantity, ${moneySql('l.price')} AS price, op.name AS option_name, oi.name AS option_item_name
             FROM order_lines l
             LEFT JOIN options op ON op.id = l.option_id
             LEFT JOIN option_items oi ON oi.id = l.option_item_id
            WHERE l.order_id = $1 ORDER BY l.legacy_id LIMIT ${LIST_ROWS}`,
          id,
        ),
        many<{ id: string; legacy_id: number; confirmed: boolean; confirmed_at: Date | null; ip: string | null }>(
          db,
          `SELECT id, legacy_id, confirmed, ${timeSql('confirmed_at')} AS confirmed_at, ip
             FROM client_confirmations WHERE order_id = $1 ORDER BY legacy_id LIMIT ${LIST_ROWS}`,
          id,
        ),
      ])
      if (!o) return null
      return {
        kind,
        id: o.id,
        legacyId: o.legacy_id,
        title: o.order_number,
        deleted: o.deleted_at !== null,
        fields: [
          { label: 'Order number', value: o.order_number },
          { label: 'Status', value: o.status },
          { label: 'Currency', value: o.currency },
          { label: 'Saddle', value: o.price_saddle },
          { label: 'Options', value: o.price_options },
          { label: 'Shipping', value: o.price_shipping },
          { label: 'Total', value: o.total_amount },
          { label: 'Deposit paid', value: o.deposit_paid },
          { label: 'Balance owing', value: o.balance_owing },
          { label: 'Urgent', value: text(o.is_urgent) },
          { label: 'Serial number', value: o.serial_number },
          { label: 'Special instructions', value: o.special_instructions },
          { label: 'Saddle specifications', value: o.saddle_specifications === null ? null : JSON.stringify(o.saddle_specifications).slice(0, 2000) },
          { label: 'Legacy order data (unparsed)', value: o.legacy_order_data?.slice(0, 2000) ?? null },
          { label: 'Created', value: iso(o.created_at) },
          { label: 'Updated', value: iso(o.updated_at) },
          { label: 'Deleted', value: iso(o.deleted_at) },
        ],
        links: [
          { label: 'Customer', legacyId: o.legacy_customer_id, target: linked('customers', o.c_id, o.c_legacy_id, o.c_name) },
          { label: 'Fitter', legacyId: o.legacy_fitter_id, target: linked('fitters', o.f_id, o.f_legacy_id, o.f_name) },
          { label: 'Model', legacyId: o.legacy_saddle_id, target: linked('models', o.m_id, o.m_legacy_id, o.m_model_name) },
          { label: 'Leather', legacyId: o.legacy_leather_id, target: null, name: o.leather_name },
          { label: 'Factory', legacyId: o.legacy_factory_id, target: null, name: o.supplier_name },
          { label: 'Legacy status', legacyId: o.legacy_status_id, target: null, name: o.status_name },
        ],
        lists: [
          {
            title: 'Order lines',
            total: o.line_count,
            rows: lines.map((l) => ({
              kind: null,
              id: l.id,
              legacyId: l.legacy_id,
              title: l.description,
              details: [[l.option_name, l.option_item_name].filter(Boolean).join(': ') || 'free text', `× ${l.quantity}`, l.price ?? ''],
            })),
          },
          {
            title: 'Client confirmations',
            total: o.confirmation_count,
            rows: confirmations.map((c) => ({
              kind: null,
              id: c.id,
              legacyId: c.legacy_id,
              title: c.confirmed ? 'confirmed' : 'not confirmed',
              details: [iso(c.confirmed_at) ?? '—', c.ip ?? 'no IP'],
            })),
          },
        ],
      }
    }
    case 'customers': {
      const [c, orders] = await Promise.all([
        one<CustomerRecord>(
          db,
          `SELECT c.id, c.legacy_id, c.name, c.email, c.horse_name, c.address, c.city, c.state, c.zipcode, c.country, c.phone, c.cellphone, c.status,
                  ${timeSql('c.created_at')} AS created_at, ${timeSql('c.deleted_at')} AS deleted_at,
                  c.legacy_fitter_id, f.id AS f_id, f.legacy_id AS f_legacy_id, f.name AS f_name,
                  (SELECT count(*)::int FROM orders WHERE customer_id = c.id) AS order_count
             FROM customers c
             LEFT JOIN fitters f ON f.id = c.fitter_id
            WHERE c.id = $1`,
          id,
        ),
        ordersOf(db, 'customer_id', id),
      ])
      if (!c) return null
      return {
        kind,
        id: c.id,
        legacyId: c.legacy_id,
        title: c.name,
        deleted: c.deleted_at !== null,
        fields: [
          { label: 'Name', value: c.name },
          { label: 'Email', value: c.email },
          { label: 'Horse', value: c.horse_name },
          { label: 'Address', value: c.address },
          { label: 'City', value: c.city },
          { label: 'State', value: c.state },
          { label: 'Zip code', value: c.zipcode },
          { label: 'Country', value: c.country },
          { label: 'Phone', value: c.phone },
          { label: 'Cellphone', value: c.cellphone },
          { label: 'Status', value: c.status },
          { label: 'Created', value: iso(c.created_at) },
          { label: 'Deleted', value: iso(c.deleted_at) },
        ],
        links: [{ label: 'Fitter', legacyId: c.legacy_fitter_id, target: linked('fitters', c.f_id, c.f_legacy_id, c.f_name) }],
        lists: [{ title: 'Orders', total: c.order_count, rows: orders.map(orderRow) }],
      }
    }
    case 'fitters': {
      const [f, customers, orders] = await Promise.all([
        one<FitterRecord>(
          db,
          `SELECT f.id, f.legacy_id, f.name, f.email, f.address, f.city, f.state, f.zipcode, f.country, f.region, f.currency, f.phone, f.cellphone,
                  ${timeSql('f.created_at')} AS created_at, ${timeSql('f.deleted_at')} AS deleted_at,
                  f.legacy_user_id, u.username,
                  (SELECT count(*)::int FROM customers WHERE fitter_id = f.id) AS customer_count,
                  (SELECT count(*)::int FROM orders WHERE fitter_id = f.id) AS order_count
             FROM fitters f
             LEFT JOIN users u ON u.id = f.user_id
            WHERE f.id = $1`,
          id,
        ),
        many<{ id: string; legacy_id: number; name: string; email: string | null; status: string }>(
          db,
          `SELECT id, legacy_id, name, email, status FROM customers WHERE fitter_id = $1 ORDER BY legacy_id LIMIT ${LIST_ROWS}`,
          id,
        ),
        ordersOf(db, 'fitter_id', id),
      ])
      if (!f) return null
      return {
        kind,
        id: f.id,
        legacyId: f.legacy_id,
        title: f.name,
        deleted: f.deleted_at !== null,
        fields: [
          { label: 'Name', value: f.name },
          { label: 'Email', value: f.email },
          { label: 'Address', value: f.address },
          { label: 'City', value: f.city },
          { label: 'State', value: f.state },
          { label: 'Zip code', value: f.zipcode },
          { label: 'Country', value: f.country },
          { label: 'Region', value: f.region },
          { label: 'Currency', value: f.currency },
          { label: 'Phone', value: f.phone },
          { label: 'Cellphone', value: f.cellphone },
          { label: 'Created', value: iso(f.created_at) },
          { label: 'Deleted', value: iso(f.deleted_at) },
        ],
        links: [{ label: 'User account', legacyId: f.legacy_user_id, target: null, name: f.username }],
        lists: [
          {
            title: 'Customers',
            total: f.customer_count,
            rows: customers.map((c) => ({ kind: 'customers' as const, id: c.id, legacyId: c.legacy_id, title: c.name, details: [c.email ?? 'no email', c.status] })),
          },
          { title: 'Orders', total: f.order_count, rows: orders.map(orderRow) },
        ],
      }
    }
    case 'models': {
      const [m, products, orders] = await Promise.all([
        one<ModelRecord>(
          db,
          `SELECT m.id, m.legacy_id, m.model_name, m.type, m.is_active, m.sequence, m.factory_assignments, ${timeSql('m.created_at')} AS created_at,
                  m.legacy_brand_id, b.brand_name,
                  (SELECT count(*)::int FROM products WHERE model_id = m.id) AS product_count,
                  (SELECT count(*)::int FROM orders WHERE model_id = m.id) AS order_count
             FROM models m
             LEFT JOIN brands b ON b.id = m.brand_id
            WHERE m.id = $1`,
          id,
        ),
        many<{ id: string; legacy_id: number; leather_name: string | null; legacy_leather_type_id: number | null; price: string }>(
          db,
          `SELECT p.id, p.legacy_id, lt.name AS leather_name, p.legacy_leather_type_id, ${moneySql('p.price')} AS price
             FROM products p
             LEFT JOIN leather_types lt ON lt.id = p.leather_type_id
            WHERE p.model_id = $1 ORDER BY p.legacy_id LIMIT ${LIST_ROWS}`,
          id,
        ),
        ordersOf(db, 'model_id', id),
      ])
      if (!m) return null
      return {
        kind,
        id: m.id,
        legacyId: m.legacy_id,
        title: m.model_name,
        deleted: false,
        fields: [
          { label: 'Model', value: m.model_name },
          { label: 'Type', value: m.type },
          { label: 'Active', value: text(m.is_active) },
          { label: 'Sequence', value: text(m.sequence) },
          { label: 'Factory assignments', value: JSON.stringify(m.factory_assignments) },
          { label: 'Created', value: iso(m.created_at) },
        ],
        links: [{ label: 'Brand', legacyId: m.legacy_brand_id, target: null, name: m.brand_name }],
        lists: [
          {
            title: 'Leathers (products)',
            total: m.product_count,
            rows: products.map((p) => ({ kind: null, id: p.id, legacyId: p.legacy_id, title: p.leather_name ?? `leather ${p.legacy_leather_type_id ?? '—'}`, details: [p.price ?? ''] })),
          },
          { title: 'Orders', total: m.order_count, rows: orders.map(orderRow) },
        ],
      }
    }
  }
}

function orderRow(o: OrderListRow): RecordListRow {
  return {
    kind: 'orders',
    id: o.id,
    legacyId: o.legacy_id,
    title: o.order_number,
    details: [o.status, `${o.total_amount} ${o.currency ?? ''}`.trim(), (iso(o.created_at) ?? '').slice(0, 10)],
  }
}
