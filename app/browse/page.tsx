import Form from 'next/form'
import Link from 'next/link'
import { BROWSE_KINDS, browseSearchInput, type BrowseKind } from '@/lib/browse/browse.validation'
import { searchRecords } from '@/lib/browse/search-records'
import { getDatabase } from '@/lib/db/prisma'
import { requireReader } from '../_auth/session'
import { formatCount } from '../_components/format'

export const dynamic = 'force-dynamic'

const LABELS: Record<BrowseKind, string> = { customers: 'Customers', orders: 'Orders', fitters: 'Fitters', models: 'Models' }
const HINTS: Record<BrowseKind, string> = {
  customers: 'name, email, horse, legacy ID',
  orders: 'order number (OMS-000042), legacy ID, customer name or email',
  fitters: 'name, email, city, legacy ID',
  models: 'model or brand name, legacy ID',
}

export default async function BrowsePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireReader()
  const raw = await searchParams
  const input = browseSearchInput.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])))
  const result = await searchRecords({ db: getDatabase(), kind: input.kind, q: input.q, page: input.page })
  const href = (change: { kind?: BrowseKind; page?: number }) => {
    const params = new URLSearchParams({ kind: change.kind ?? input.kind })
    if (input.q && !change.kind) params.set('q', input.q)
    if (change.page && change.page > 1) params.set('page', String(change.page))
    return `/browse?${params}`
  }
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Browse the migrated data</h1>
          <div className="sub">What the new tables hold after the imports, with each record&apos;s new id and legacy id.</div>
        </div>
      </div>
      <section className="card stack">
        <nav className="segmented" aria-label="Record kind">
          {BROWSE_KINDS.map((kind) => (
            <Link key={kind} href={href({ kind })} aria-current={kind === input.kind ? 'true' : undefined}>
              {LABELS[kind]}
            </Link>
          ))}
        </nav>
        <Form action="/browse" className="row" role="search">
          <input type="hidden" name="kind" value={input.kind} />
          <label className="row" style={{ gap: 8, flex: 1 }}>
            <span className="visually-hidden">Search {LABELS[input.kind].toLowerCase()}</span>
            <input type="search" name="q" defaultValue={input.q} placeholder={`Search ${LABELS[input.kind].toLowerCase()}: ${HINTS[input.kind]}`} style={{ flex: 1, minWidth: 280 }} />
          </label>
          <button type="submit" className="btn primary">
            Search
          </button>
        </Form>
      </section>

      <section aria-labelledby="results-heading">
        <h2 id="results-heading">
          {formatCount(result.total)} {LABELS[input.kind].toLowerCase()}
          {input.q ? (
            <>
              {' '}
              matching <q>{input.q}</q>
            </>
          ) : null}
        </h2>
        {result.rows.length === 0 ? (
          <p className="card muted">{input.q ? 'Nothing matches.' : `No ${LABELS[input.kind].toLowerCase()} imported yet.`}</p>
        ) : (
          <div className="table-scroll">
            <table className="data" aria-label={`${LABELS[input.kind]} found`}>
              <thead>
                <tr>
                  <th>{input.kind === 'orders' ? 'Order' : 'Name'}</th>
                  <th className="num">Legacy ID</th>
                  <th>Details</th>
                  <th>New id</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((row) => (
                  <tr key={row.id}>
                    <td>
                      <Link href={`/browse/${row.kind}/${row.id}`}>{row.title}</Link> {row.deleted ? <span className="badge warn">deleted</span> : null}
                    </td>
                    <td className="num">{row.legacyId}</td>
                    <td className="small">{row.details.join(' · ')}</td>
                    <td className="mono small muted">{row.id}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {result.pageCount > 1 ? (
          <nav className="pager" aria-label="Pages" style={{ marginTop: 12 }}>
            {result.page > 1 ? (
              <Link className="btn small" href={href({ page: result.page - 1 })}>
                ‹ Previous
              </Link>
            ) : null}
            <span className="muted">
              page {formatCount(result.page)} of {formatCount(result.pageCount)}
            </span>
            {result.page < result.pageCount ? (
              <Link className="btn small" href={href({ page: result.page + 1 })}>
                Next ›
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </>
  )
}
