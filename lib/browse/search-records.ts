import type { DatabaseClients } from '@/lib/db/prisma'
import type { Prisma } from '@/lib/generated/prisma/client'
import type { BrowseKind } from './browse.validation'
import { iso, money } from './plain'

// The data browser's search over the imported (target) tables: by name, email, order number or
// legacy id (and the new uuid, pasted). A number also matches the legacy id exactly and, for
// orders, the order number it stands for (42 → OMS-000042). Paged in the database.

export interface RecordSummary {
  kind: BrowseKind
  id: string
  legacyId: number
  /** the line that names the record: customer name, order number, … */
  title: string
  /** a few facts beside it */
  details: string[]
  deleted: boolean
}

export interface SearchRecordsOptions {
  db: DatabaseClients
  kind: BrowseKind
  q: string
  page?: number
  pageSize?: number
}

export interface SearchResult {
  kind: BrowseKind
  q: string
  rows: RecordSummary[]
  total: number
  page: number
  pageCount: number
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const INT_MAX = 2_147_483_647

/** The legacy id a query names: `42`, `#42`, `OMS-000042` (orders), else null. */
export function legacyIdOf(q: string, kind: BrowseKind): number | null {
  const match = (kind === 'orders' ? /^(?:#|oms-)?0*(\d{1,10})$/i : /^#?0*(\d{1,10})$/).exec(q.trim())
  if (!match) return null
  const id = Number(match[1])
  return id <= INT_MAX ? id : null
}

export async function searchRecords({ db, kind, q, page = 1, pageSize = 25 }: SearchRecordsOptions): Promise<SearchResult> {
  const text = q.trim()
  const legacyId = text ? legacyIdOf(text, kind) : null
  const uuid = UUID.test(text) ? text.toLowerCase() : null
  const contains = { contains: text, mode: 'insensitive' as const }
  const skip = (Math.max(1, page) - 1) * pageSize
  const exact = [...(legacyId !== null ? [{ legacyId }] : []), ...(uuid ? [{ id: uuid }] : [])]

  let rows: RecordSummary[]
  let total: number
  switch (kind) {
    case 'customers': {
      const where: Prisma.CustomerWhereInput = text ? { OR: [...exact, { name: contains }, { email: contains }, { horseName: contains }] } : {}
      const [found, count] = await Promise.all([
        db.prisma.customer.findMany({ where, orderBy: { legacyId: 'asc' }, skip, take: pageSize, include: { fitter: { select: { name: true } } } }),
        db.prisma.customer.count({ where }),
      ])
      total = count
      rows = found.map((c) => ({
        kind,
        id: c.id,
        legacyId: c.legacyId,
        title: c.name,
        details: [c.email ?? 'no email', [c.city, c.country].filter(Boolean).join(', ') || '—', c.fitter ? `fitter ${c.fitter.name}` : 'no fitter'],
        deleted: c.deletedAt !== null,
      }))
      break
    }
    case 'orders': {
      const where: Prisma.OrderWhereInput = text
        ? { OR: [...exact, { orderNumber: contains }, { serialNumber: contains }, { customer: { is: { name: contains } } }, { customer: { is: { email: contains } } }] }
        : {}
      const [found, count] = await Promise.all([
        db.prisma.order.findMany({ where, orderBy: { legacyId: 'asc' }, skip, take: pageSize, include: { customer: { select: { name: true } } } }),
        db.prisma.order.count({ where }),
      ])
      total = count
      rows = found.map((o) => ({
        kind,
        id: o.id,
        legacyId: o.legacyId,
        title: o.orderNumber,
        details: [o.customer?.name ?? 'no customer', o.status, `${money(o.totalAmount)} ${o.currency ?? ''}`.trim(), (iso(o.createdAt) ?? '').slice(0, 10)],
        deleted: o.deletedAt !== null,
      }))
      break
    }
    case 'fitters': {
      const where: Prisma.FitterWhereInput = text ? { OR: [...exact, { name: contains }, { email: contains }, { city: contains }] } : {}
      const [found, count] = await Promise.all([
        db.prisma.fitter.findMany({ where, orderBy: { legacyId: 'asc' }, skip, take: pageSize }),
        db.prisma.fitter.count({ where }),
      ])
      total = count
      rows = found.map((f) => ({
        kind,
        id: f.id,
        legacyId: f.legacyId,
        title: f.name,
        details: [f.email ?? 'no email', [f.city, f.country].filter(Boolean).join(', ') || '—', f.currency ?? 'no currency'],
        deleted: f.deletedAt !== null,
      }))
      break
    }
    case 'models': {
      const where: Prisma.ModelWhereInput = text ? { OR: [...exact, { modelName: contains }, { brand: { is: { brandName: contains } } }] } : {}
      const [found, count] = await Promise.all([
        db.prisma.model.findMany({ where, orderBy: { legacyId: 'asc' }, skip, take: pageSize, include: { brand: { select: { brandName: true } } } }),
        db.prisma.model.count({ where }),
      ])
      total = count
      rows = found.map((m) => ({
        kind,
        id: m.id,
        legacyId: m.legacyId,
        title: m.modelName,
        details: [m.brand?.brandName ?? 'no brand', m.type ?? 'no type', m.isActive ? 'active' : 'inactive'],
        deleted: false,
      }))
      break
    }
  }
  return { kind, q: text, rows, total, page: Math.max(1, page), pageCount: Math.max(1, Math.ceil(total / pageSize)) }
}
