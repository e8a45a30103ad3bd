import type { QueryResultRow } from 'pg'
import type { DatabaseClients } from '@/lib/db/prisma'
import type { BrowseKind } from './browse.validation'
import { iso } from './plain'

// The data browser's search over the imported (target) tables: by name, email, order number or
// legacy id (and the new uuid, pasted). A number also matches the legacy id exactly and, for
// orders, the order number it stands for (42 → OMS-000042). Paged in the database.
//
// The target tables are not Prisma models (lib/target): plain SQL over the pool, whose search path
// finds them unqualified. Identifiers are fixed strings of this file; the user's text is always a
// parameter.

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

/** `text` as a LIKE pattern that matches itself only: `\`, `%` and `_` escaped (backslash is LIKE's default escape). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&')
}

/**
 * A money column (numeric(12,2), or a wider numeric in a target the backend made) as its exact
 * text with two decimals, '2615.50': pg hands numerics over as text, and round(…, 2) fixes the
 * scale the way Decimal.toFixed(2) did (half away from zero).
 */
export function moneySql(column: string): string {
  return `round(${column}, 2)::text`
}

/**
 * A time column as timestamptz: a target the backend made may hold `timestamp without time zone`
 * (accepted as UTC, lib/target), which pg would parse in the process's time zone; cast in the
 * session (always UTC, lib/db/pg-pool.ts) it reads as UTC. A no-op on timestamptz.
 */
export function timeSql(column: string): string {
  return `${column}::timestamptz`
}

export interface SearchTerms {
  /** the trimmed query; empty: everything */
  text: string
  legacyId: number | null
  /** a pasted uuid, lower case */
  uuid: string | null
}

/**
 * The WHERE clause of a search (pure) over the record `alias` (whose `id` and `legacy_id` are
 * matched exactly) and the `searched` text columns (case-insensitive "contains"), with its values
 * as $1…$n. Empty for an empty query.
 */
export function searchWhere(alias: string, searched: readonly string[], terms: SearchTerms): { sql: string; values: unknown[] } {
  if (!terms.text) return { sql: '', values: [] }
  const values: unknown[] = [escapeLike(terms.text)]
  const or = searched.map((column) => `${column} ILIKE '%' || $1 || '%'`)
  if (terms.legacyId !== null) or.unshift(`${alias}.legacy_id = $${values.push(terms.legacyId)}`)
  if (terms.uuid) or.unshift(`${alias}.id = $${values.push(terms.uuid)}`)
  return { sql: ` WHERE ${or.join(' OR ')}`, values }
}

interface PageQuery {
  /** the select list */
  select: string
  /** the record's table as `alias`, with LEFT JOINs to what it shows or searches */
  from: string
  alias: string
  /** text columns searched with "contains" */
  searched: readonly string[]
}

/** One page of matching records in legacy id order, and how many match in all. */
async function findPage<R extends QueryResultRow>(db: DatabaseClients, query: PageQuery, terms: SearchTerms, skip: number, take: number): Promise<{ found: R[]; total: number }> {
  const where = searchWhere(query.alias, query.searched, terms)
  const n = where.values.length
  const [found, count] = await Promise.all([
    db.pool.query<R>(`SELECT ${query.select} FROM ${query.from}${where.sql} ORDER BY ${query.alias}.legacy_id LIMIT $${n + 1} OFFSET $${n + 2}`, [...where.values, take, skip]),
    db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${query.from}${where.sql}`, where.values),
  ])
  return { found: found.rows, total: count.rows[0].n }
}

interface Place {
  city: string | null
  country: string | null
}

const place = (row: Place) => [row.city, row.country].filter(Boolean).join(', ') || '—'

export async function searchRecords({ db, kind, q, page = 1, pageSize = 25 }: SearchRecordsOptions): Promise<SearchResult> {
  const text = q.trim()
  const terms: SearchTerms = { text, legacyId: text ? legacyIdOf(text, kind) : null, uuid: UUID.test(text) ? text.toLowerCase() : null }
  const skip = (Math.max(1, page) - 1) * pageSize

  let rows: RecordSummary[]
  let total: number
  switch (kind) {
    case 'customers': {
      const result = await findPage<{ id: string; legacy_id: number; name: string; email: string | null; fitter_name: string | null; deleted: boolean } & Place>(
        db,
        {
          select: 'c.id, c.legacy_id, c.name, c.email, c.city, c.country, f.name AS fitter_name, c.deleted_at IS NOT NULL AS deleted',
          from: 'customers c LEFT JOIN fitters f ON f.id = c.fitter_id',
          alias: 'c',
          searched: ['c.name', 'c.email', 'c.horse_name'],
        },
        terms,
        skip,
        pageSize,
      )
      total = result.total
      rows = result.found.map((c) => ({
        kind,
        id: c.id,
        legacyId: c.legacy_id,
        title: c.name,
        details: [c.email ?? 'no email', place(c), c.fitter_name !== null ? `fitter ${c.fitter_name}` : 'no fitter'],
        deleted: c.deleted,
      }))
      break
    }
    case 'orders': {
      const result = await findPage<{
        id: string
        legacy_id: number
        order_number: string
        status: string
        total_amount: string
        currency: string | null
        created_at: Date
        customer_name: string | null
        deleted: boolean
      }>(
        db,
        {
          select: `o.id, o.legacy_id, o.order_number, o.status, ${moneySql('o.total_amount')} AS total_amount, o.currency, ${timeSql('o.created_at')} AS created_at, c.name AS customer_name, o.deleted_at IS NOT NULL AS deleted`,
          from: 'orders o LEFT JOIN customers c ON c.id = o.customer_id',
          alias: 'o',
          searched: ['o.order_number', 'o.serial_number', 'c.name', 'c.email'],
        },
        terms,
        skip,
        pageSize,
      )
      total = result.total
      rows = result.found.map((o) => ({
        kind,
        id: o.id,
        legacyId: o.legacy_id,
        title: o.order_number,
        details: [o.customer_name ?? 'no customer', o.status, `${o.total_amount} ${o.currency ?? ''}`.trim(), (iso(o.created_at) ?? '').slice(0, 10)],
        deleted: o.deleted,
      }))
      break
    }
    case 'fitters': {
      const result = await findPage<{ id: string; legacy_id: number; name: string; email: string | null; currency: string | null; deleted: boolean } & Place>(
        db,
        {
          select: 'f.id, f.legacy_id, f.name, f.email, f.city, f.country, f.currency, f.deleted_at IS NOT NULL AS deleted',
          from: 'fitters f',
          alias: 'f',
          searched: ['f.name', 'f.email', 'f.city'],
        },
        terms,
        skip,
        pageSize,
      )
      total = result.total
      rows = result.found.map((f) => ({
        kind,
        id: f.id,
        legacyId: f.legacy_id,
        title: f.name,
        details: [f.email ?? 'no email', place(f), f.currency ?? 'no currency'],
        deleted: f.deleted,
      }))
      break
    }
    case 'models': {
      const result = await findPage<{ id: string; legacy_id: number; model_name: string; type: string | null; is_active: boolean; brand_name: string | null }>(
        db,
        {
          select: 'm.id, m.legacy_id, m.model_name, m.type, m.is_active, b.brand_name',
          from: 'models m LEFT JOIN brands b ON b.id = m.brand_id',
          alias: 'm',
          searched: ['m.model_name', 'b.brand_name'],
        },
        terms,
        skip,
        pageSize,
      )
      total = result.total
      rows = result.found.map((m) => ({
        kind,
        id: m.id,
        legacyId: m.legacy_id,
        title: m.model_name,
        details: [m.brand_name ?? 'no brand', m.type ?? 'no type', m.is_active ? 'active' : 'inactive'],
        deleted: false,
      }))
      break
    }
  }
  return { kind, q: text, rows, total, page: Math.max(1, page), pageCount: Math.max(1, Math.ceil(total / pageSize)) }
}
