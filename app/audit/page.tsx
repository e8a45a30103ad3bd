import Form from 'next/form'
import Link from 'next/link'
import { auditQueryInput } from '@/lib/audit/audit.validation'
import { listAuditEventTypes } from '@/lib/audit/list-audit-event-types'
import { listAuditEvents, type AuditEventRow } from '@/lib/audit/list-audit-events'
import { getDatabase } from '@/lib/db/prisma'
import { listRuns } from '@/lib/runs/list-runs'
import { requireReader } from '../_auth/session'
import { formatDateTime } from '../_components/format'

export const dynamic = 'force-dynamic'

/** The audit trail: every operator action, sign-in and account change, newest first. Both roles read it. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireReader()
  const raw = await searchParams
  const query = auditQueryInput.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])))
  const db = getDatabase()
  const [page, types, runs] = await Promise.all([
    listAuditEvents({ db, type: query.type, runId: query.run, before: query.before }),
    listAuditEventTypes({ db }),
    listRuns({ db, limit: 100 }),
  ])
  const href = (change: { before?: string }) => {
    const params = new URLSearchParams()
    if (query.type) params.set('type', query.type)
    if (query.run) params.set('run', query.run)
    if (change.before) params.set('before', change.before)
    return `/audit${params.size ? `?${params}` : ''}`
  }
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Audit trail</h1>
          <div className="sub">Who did what, when: uploads, imports, roll-backs, downloads, sign-ins and account changes. Newest first.</div>
        </div>
      </div>
      <Form action="/audit" className="card row" aria-label="Filter the audit trail">
        <label className="field">
          Type
          <select name="type" defaultValue={query.type ?? ''}>
            <option value="">All types</option>
            {types.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Run
          <select name="run" defaultValue={query.run ?? ''}>
            <option value="">All runs</option>
            {runs.runs.map((r) => (
              <option key={r.id} value={r.id}>
                {r.fileName} ({formatDateTime(r.createdAt)})
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn primary" style={{ alignSelf: 'flex-end' }}>
          Filter
        </button>
        {query.type || query.run ? (
          <Link href="/audit" style={{ alignSelf: 'flex-end' }}>
            Clear
          </Link>
        ) : null}
      </Form>

      <section aria-labelledby="events-heading">
        <h2 id="events-heading" className="visually-hidden">
          Events
        </h2>
        {page.events.length === 0 ? (
          <p className="card muted">No events{query.type || query.run ? ' match this filter' : ' yet'}.</p>
        ) : (
          <div className="table-scroll">
            <table className="data" aria-label="Audit events">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Who</th>
                  <th>What</th>
                  <th>Run</th>
                  <th>Details</th>
                  <th>From</th>
                </tr>
              </thead>
              <tbody>
                {page.events.map((e) => (
                  <EventRow key={e.id} event={e} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="pager">
          {query.before ? <Link href={href({})}>← Newest</Link> : null}
          {page.nextCursor ? <Link href={href({ before: page.nextCursor })}>Older →</Link> : null}
        </p>
      </section>
    </>
  )
}

function EventRow({ event: e }: { event: AuditEventRow }) {
  const details = Object.entries(e.data).filter(([key, value]) => !(key === 'email' && value === e.who))
  return (
    <tr>
      <td className="nowrap">
        <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>
      </td>
      <td>
        {e.who ?? <span className="muted">—</span>}
        {e.whoUnverified ? <span className="muted small"> (not signed in)</span> : null}
      </td>
      <td>
        <code>{e.type}</code>
        {e.legacyTable ? <> · {e.legacyTable}</> : null}
      </td>
      <td>{e.runId ? <Link href={`/runs/${e.runId}`}>{e.runFileName ?? e.runId.slice(0, 8)}</Link> : <span className="muted">—</span>}</td>
      <td className="small" style={{ maxWidth: 520 }}>
        {details.length
          ? details.map(([key, value]) => (
              <span key={key} style={{ display: 'inline-block', marginRight: 10, overflowWrap: 'anywhere' }}>
                <span className="muted">{key}</span> {formatValue(value)}
              </span>
            ))
          : null}
      </td>
      <td className="small mono">{e.ipAddress ?? ''}</td>
    </tr>
  )
}

function formatValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > 80 ? `${text.slice(0, 79)}…` : text
}
