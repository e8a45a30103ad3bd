import Link from 'next/link'
import { notFound } from 'next/navigation'
import { recordRefInput, type BrowseKind } from '@/lib/browse/browse.validation'
import { getRecord, type RecordDetail } from '@/lib/browse/get-record'
import { getDatabase } from '@/lib/db/prisma'
import { isAppError } from '@/lib/errors'
import { requireReader } from '../../../_auth/session'
import { formatCount } from '../../../_components/format'

export const dynamic = 'force-dynamic'

const SINGULAR: Record<BrowseKind, string> = { customers: 'Customer', orders: 'Order', fitters: 'Fitter', models: 'Model' }

export default async function RecordPage({ params }: { params: Promise<{ kind: string; id: string }> }) {
  await requireReader()
  const parsed = recordRefInput.safeParse(await params)
  if (!parsed.success) notFound()
  let record: RecordDetail
  try {
    record = await getRecord({ db: getDatabase(), kind: parsed.data.kind, id: parsed.data.id })
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound()
    throw error
  }
  return (
    <>
      <div className="breadcrumb">
        <Link href="/browse">Browse</Link> / <Link href={`/browse?kind=${record.kind}`}>{record.kind}</Link> /
      </div>
      <div className="page-header">
        <div>
          <h1>
            {SINGULAR[record.kind]} {record.title} {record.deleted ? <span className="badge warn">deleted</span> : null}
          </h1>
        </div>
      </div>
      <div className="split">
        <section className="card" aria-labelledby="values-heading">
          <h2 id="values-heading">Values</h2>
          <dl className="kv">
            <dt>New id</dt>
            <dd className="mono" data-testid="record-id">
              {record.id}
            </dd>
            <dt>Legacy ID</dt>
            <dd data-testid="record-legacy-id">{record.legacyId}</dd>
            {record.fields.map((field) => (
              <FieldRow key={field.label} label={field.label} value={field.value} />
            ))}
          </dl>
        </section>
        <section className="card" aria-labelledby="related-heading">
          <h2 id="related-heading">Related</h2>
          {record.links.length === 0 ? <p className="muted small">No references.</p> : null}
          <dl className="kv">
            {record.links.map((link) => (
              <LinkRow key={link.label} link={link} />
            ))}
          </dl>
        </section>
      </div>
      {record.lists.map((list) => (
        <section key={list.title} aria-labelledby={`list-${list.title}`}>
          <h2 id={`list-${list.title}`}>
            {list.title} <span className="muted">({formatCount(list.total)})</span>
          </h2>
          {list.rows.length === 0 ? (
            <p className="card muted small">None.</p>
          ) : (
            <div className="table-scroll">
              <table className="data" aria-label={list.title}>
                <thead>
                  <tr>
                    <th>{list.title.replace(/s( \(.*\))?$/, '')}</th>
                    <th className="num">Legacy ID</th>
                    <th>Details</th>
                  </tr>
                </thead>
                <tbody>
                  {list.rows.map((row) => (
                    <tr key={row.id}>
                      <td>{row.kind ? <Link href={`/browse/${row.kind}/${row.id}`}>{row.title}</Link> : row.title}</td>
                      <td className="num">{row.legacyId}</td>
                      <td className="small">{row.details.filter(Boolean).join(' · ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {list.total > list.rows.length ? <p className="small muted" style={{ padding: '0 10px' }}>The first {list.rows.length} of {formatCount(list.total)}.</p> : null}
            </div>
          )}
        </section>
      ))}
    </>
  )
}

function FieldRow({ label, value }: { label: string; value: string | null }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value === null ? <span className="null">empty</span> : value === '' ? <span className="null">empty text</span> : <span style={{ whiteSpace: 'pre-wrap' }}>{value}</span>}</dd>
    </>
  )
}

function LinkRow({ link }: { link: RecordDetail['links'][number] }) {
  return (
    <>
      <dt>{link.label}</dt>
      <dd>
        {link.target ? (
          <>
            <Link href={`/browse/${link.target.kind}/${link.target.id}`}>{link.target.title}</Link> <span className="muted small">legacy ID {link.target.legacyId}</span>
          </>
        ) : link.name ? (
          <>
            {link.name} <span className="muted small">legacy ID {link.legacyId}</span>
          </>
        ) : link.legacyId !== null ? (
          <span>
            <span className="badge warn">not found</span> <span className="muted small">legacy ID {link.legacyId} points at no imported row</span>
          </span>
        ) : (
          <span className="null">none</span>
        )}
      </dd>
    </>
  )
}
