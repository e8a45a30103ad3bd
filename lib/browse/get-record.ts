import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import type { BrowseKind } from './browse.validation'
import { iso, money } from './plain'

// One imported record for the data browser: both ids (the new uuid and the legacy id), its
// values, and its related records — an order links to its customer, fitter and model and lists its
// lines; a customer links to its fitter and lists its orders; and so on. A reference whose target
// was an orphan in the dump shows its legacy id without a link.

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

async function load(db: DatabaseClients, kind: BrowseKind, id: string): Promise<RecordDetail | null> {
  const { prisma } = db
  switch (kind) {
    case 'orders': {
      const o = await prisma.order.findUnique({
        where: { id },
        include: {
          customer: { select: { id: true, legacyId: true, name: true } },
          fitter: { select: { id: true, legacyId: true, name: true } },
          model: { select: { id: true, legacyId: true, modelName: true } },
          leatherType: { select: { name: true } },
          supplier: { select: { name: true } },
          orderStatus: { select: { name: true } },
          lines: { orderBy: { legacyId: 'asc' }, take: LIST_ROWS, include: { option: { select: { name: true } }, optionItem: { select: { name: true } } } },
          clientConfirmations: { orderBy: { legacyId: 'asc' }, take: LIST_ROWS },
          _count: { select: { lines: true, clientConfirmations: true } },
        },
      })
      if (!o) return null
      return {
        kind,
        id: o.id,
        legacyId: o.legacyId,
        title: o.orderNumber,
        deleted: o.deletedAt !== null,
        fields: [
          { label: 'Order number', value: o.orderNumber },
          { label: 'Status', value: o.status },
          { label: 'Currency', value: o.currency },
          { label: 'Saddle', value: money(o.priceSaddle) },
          { label: 'Options', value: money(o.priceOptions) },
          { label: 'Shipping', value: money(o.priceShipping) },
          { label: 'Total', value: money(o.totalAmount) },
          { label: 'Deposit paid', value: money(o.depositPaid) },
          { label: 'Balance owing', value: money(o.balanceOwing) },
          { label: 'Urgent', value: text(o.isUrgent) },
          { label: 'Serial number', value: o.serialNumber },
          { label: 'Special instructions', value: o.specialInstructions },
          { label: 'Saddle specifications', value: o.saddleSpecifications === null ? null : JSON.stringify(o.saddleSpecifications).slice(0, 2000) },
          { label: 'Legacy order data (unparsed)', value: o.legacyOrderData?.slice(0, 2000) ?? null },
          { label: 'Created', value: iso(o.createdAt) },
          { label: 'Updated', value: iso(o.updatedAt) },
          { label: 'Deleted', value: iso(o.deletedAt) },
        ],
        links: [
          { label: 'Customer', legacyId: o.legacyCustomerId, target: o.customer && { kind: 'customers', id: o.customer.id, legacyId: o.customer.legacyId, title: o.customer.name } },
          { label: 'Fitter', legacyId: o.legacyFitterId, target: o.fitter && { kind: 'fitters', id: o.fitter.id, legacyId: o.fitter.legacyId, title: o.fitter.name } },
          { label: 'Model', legacyId: o.legacySaddleId, target: o.model && { kind: 'models', id: o.model.id, legacyId: o.model.legacyId, title: o.model.modelName } },
          { label: 'Leather', legacyId: o.legacyLeatherId, target: null, name: o.leatherType?.name ?? null },
          { label: 'Factory', legacyId: o.legacyFactoryId, target: null, name: o.supplier?.name ?? null },
          { label: 'Legacy status', legacyId: o.legacyStatusId, target: null, name: o.orderStatus?.name ?? null },
        ],
        lists: [
          {
            title: 'Order lines',
            total: o._count.lines,
            rows: o.lines.map((l) => ({
              kind: null,
              id: l.id,
              legacyId: l.legacyId,
              title: l.description,
              details: [[l.option?.name, l.optionItem?.name].filter(Boolean).join(': ') || 'free text', `× ${l.quantity}`, money(l.price) ?? ''],
            })),
          },
          {
            title: 'Client confirmations',
            total: o._count.clientConfirmations,
            rows: o.clientConfirmations.map((c) => ({
              kind: null,
              id: c.id,
              legacyId: c.legacyId,
              title: c.confirmed ? 'confirmed' : 'not confirmed',
              details: [iso(c.confirmedAt) ?? '—', c.ip ?? 'no IP'],
            })),
          },
        ],
      }
    }
    case 'customers': {
      const c = await prisma.customer.findUnique({
        where: { id },
        include: {
          fitter: { select: { id: true, legacyId: true, name: true } },
          orders: { orderBy: { legacyId: 'desc' }, take: LIST_ROWS },
          _count: { select: { orders: true } },
        },
      })
      if (!c) return null
      return {
        kind,
        id: c.id,
        legacyId: c.legacyId,
        title: c.name,
        deleted: c.deletedAt !== null,
        fields: [
          { label: 'Name', value: c.name },
          { label: 'Email', value: c.email },
          { label: 'Horse', value: c.horseName },
          { label: 'Address', value: c.address },
          { label: 'City', value: c.city },
          { label: 'State', value: c.state },
          { label: 'Zip code', value: c.zipcode },
          { label: 'Country', value: c.country },
          { label: 'Phone', value: c.phone },
          { label: 'Cellphone', value: c.cellphone },
          { label: 'Status', value: c.status },
          { label: 'Created', value: iso(c.createdAt) },
          { label: 'Deleted', value: iso(c.deletedAt) },
        ],
        links: [{ label: 'Fitter', legacyId: c.legacyFitterId, target: c.fitter && { kind: 'fitters', id: c.fitter.id, legacyId: c.fitter.legacyId, title: c.fitter.name } }],
        lists: [{ title: 'Orders', total: c._count.orders, rows: c.orders.map(orderRow) }],
      }
    }
    case 'fitters': {
      const f = await prisma.fitter.findUnique({
        where: { id },
        include: {
          user: { select: { username: true } },
          customers: { orderBy: { legacyId: 'asc' }, take: LIST_ROWS },
          orders: { orderBy: { legacyId: 'desc' }, take: LIST_ROWS },
          _count: { select: { customers: true, orders: true } },
        },
      })
      if (!f) return null
      return {
        kind,
        id: f.id,
        legacyId: f.legacyId,
        title: f.name,
        deleted: f.deletedAt !== null,
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
          { label: 'Created', value: iso(f.createdAt) },
          { label: 'Deleted', value: iso(f.deletedAt) },
        ],
        links: [{ label: 'User account', legacyId: f.legacyUserId, target: null, name: f.user?.username ?? null }],
        lists: [
          {
            title: 'Customers',
            total: f._count.customers,
            rows: f.customers.map((c) => ({ kind: 'customers' as const, id: c.id, legacyId: c.legacyId, title: c.name, details: [c.email ?? 'no email', c.status] })),
          },
          { title: 'Orders', total: f._count.orders, rows: f.orders.map(orderRow) },
        ],
      }
    }
    case 'models': {
      const m = await prisma.model.findUnique({
        where: { id },
        include: {
          brand: { select: { brandName: true } },
          products: { orderBy: { legacyId: 'asc' }, take: LIST_ROWS, include: { leatherType: { select: { name: true } } } },
          orders: { orderBy: { legacyId: 'desc' }, take: LIST_ROWS },
          _count: { select: { products: true, orders: true } },
        },
      })
      if (!m) return null
      return {
        kind,
        id: m.id,
        legacyId: m.legacyId,
        title: m.modelName,
        deleted: false,
        fields: [
          { label: 'Model', value: m.modelName },
          { label: 'Type', value: m.type },
          { label: 'Active', value: text(m.isActive) },
          { label: 'Sequence', value: text(m.sequence) },
          { label: 'Factory assignments', value: JSON.stringify(m.factoryAssignments) },
          { label: 'Created', value: iso(m.createdAt) },
        ],
        links: [{ label: 'Brand', legacyId: m.legacyBrandId, target: null, name: m.brand?.brandName ?? null }],
        lists: [
          {
            title: 'Leathers (products)',
            total: m._count.products,
            rows: m.products.map((p) => ({ kind: null, id: p.id, legacyId: p.legacyId, title: p.leatherType?.name ?? `leather ${p.legacyLeatherTypeId ?? '—'}`, details: [money(p.price) ?? ''] })),
          },
          { title: 'Orders', total: m._count.orders, rows: m.orders.map(orderRow) },
        ],
      }
    }
  }
}

function orderRow(o: { id: string; legacyId: number; orderNumber: string; status: string; totalAmount: { toFixed(digits: number): string }; currency: string | null; createdAt: Date }): RecordListRow {
  return {
    kind: 'orders',
    id: o.id,
    legacyId: o.legacyId,
    title: o.orderNumber,
    details: [o.status, `${money(o.totalAmount)} ${o.currency ?? ''}`.trim(), (iso(o.createdAt) ?? '').slice(0, 10)],
  }
}
