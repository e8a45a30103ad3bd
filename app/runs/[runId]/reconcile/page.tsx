import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getDatabase } from '@/lib/db/prisma'
import type { CheckStatus, ReconciliationReport } from '@/lib/reconcile'
import { getLatestReconciliation } from '@/lib/runs/get-latest-reconciliation'
import { getRunOverview } from '@/lib/runs/get-run-overview'
import { findAccountEmails } from '@/lib/auth/find-account-emails'
import { isRunId } from '@/lib/upload/upload-paths'
import { requireReader } from '../../../_auth/session'
import { ActionButton } from '../../../_components/action-button'
import { AutoRefresh } from '../../../_components/auto-refresh'
import { formatCount, formatDateTime } from '../../../_components/format'
import { ProgressBar } from '../../../_components/progress-bar'
import { OrdersPerMonthChart, RowsPerTableChart } from '../../../_components/reconcile-charts'
import { reconcileAction } from './actions'

export const dynamic = 'force-dynamic'

const TONE: Record<CheckStatus, string> = { pass: 'ok', warn: 'warn', fail: 'error', skip: 'neutral' }

function Status({ status, testId }: { status: CheckStatus; testId?: string }) {
  return (
    <span className={`badge ${TONE[status]}`} data-testid={testId}>
      {status}
    </span>
  )
}

export default async function ReconcilePage({ params }: { params: Promise<{ runId: string }> }) {
  const me = await requireReader()
  // Downloads and reconciling are an operator's (the report route and the action refuse a viewer too).
  const canOperate = me.role === 'operator'
  const { runId } = await params
  if (!isRunId(runId)) notFound()
  const db = getDatabase()
  const overview = await getRunOverview({ db, runId }).catch(() => notFound())
  const stored = await getLatestReconciliation({ db, runId })
  const job = overview.run.job?.kind === 'reconcile' ? overview.run.job : null
  const base = `/runs/${runId}/reconcile/report`
  const createdBy = stored?.createdBy ? ((await findAccountEmails({ db, ids: [stored.createdBy] })).get(stored.createdBy) ?? stored.createdBy) : null
  return (
    <>
      <AutoRefresh active={job !== null} />
      <div className="breadcrumb">
        <Link href="/">Runs</Link> / <Link href={`/runs/${runId}`}>{overview.run.fileName}</Link> /
      </div>
      <div className="page-header">
        <div>
          <h1>
            Reconciliation{' '}
            {stored ? (
              <span className={`badge ${stored.passed ? 'ok' : 'error'}`} data-testid="reconciliation-result">
                {stored.passed ? 'passed' : 'failed'}
              </span>
            ) : null}
          </h1>
          <div className="sub">
            {stored
              ? `Report of ${formatDateTime(stored.createdAt)}${createdBy ? ` by ${createdBy}` : ''}, ${formatCount(stored.report.summary.checks)} checks in ${formatCount(stored.report.milliseconds)} ms`
              : 'Source (the staged dump) against target (the new tables), table by table.'}
          </div>
        </div>
        <div className="row">
          {stored && canOperate ? (
            <>
              <a className="btn" href={`${base}?format=json&id=${stored.id}`} download>
                Download JSON
              </a>
              <a className="btn" href={`${base}?format=csv&id=${stored.id}`} download>
                Download CSV
              </a>
            </>
          ) : null}
          {canOperate ? (
            <ActionButton action={reconcileAction} input={{ runId }} label={stored ? 'Reconcile again' : 'Reconcile now'} variant="primary" disabled={overview.run.job !== null} pendingLabel="Starting…" />
          ) : null}
        </div>
      </div>

      {job ? (
        <section className="card" data-testid="reconcile-progress" aria-label="Reconciliation in progress">
          <h2>Reconciling…</h2>
          <ProgressBar label="Reconciliation" done={job.progress.partsDone ?? 0} total={job.progress.partsTotal ?? null} indeterminate={!job.progress.partsTotal} />
          <div className="progress-line">
            <span>{job.progress.part ?? 'reading both sides'}</span>
            <span>{job.progress.partsTotal ? `${job.progress.partsDone} of ${job.progress.partsTotal} parts` : ''}</span>
          </div>
        </section>
      ) : null}

      {stored ? <Report runId={runId} report={stored.report} /> : !job ? <p className="card muted">No reconciliation yet: import the tables, then reconcile.</p> : null}
    </>
  )
}

function Report({ runId, report }: { runId: string; report: ReconciliationReport }) {
  const preview = (table: string, legacyId?: number) => `/runs/${runId}/tables/${table}${legacyId !== undefined ? `?jump=${legacyId}` : ''}`
  const s = report.summary
  return (
    <div className="stack">
      <div className={`alert ${report.passed ? 'ok' : 'error'}`} role="status">
        <strong>{report.passed ? 'Every check holds: nothing was lost.' : `${s.fail} check${s.fail === 1 ? '' : 's'} failed.`}</strong>
        {formatCount(s.pass)} pass · {formatCount(s.warn)} warn (accounted for, worth a look) · {formatCount(s.fail)} fail · {formatCount(s.skip)} skipped
        {s.failures.length > 0 ? (
          <ul style={{ margin: '8px 0 0' }}>
            {s.failures.map((f, i) => (
              <li key={i}>
                <strong>{f.subject}</strong> ({f.section}, {f.check}): {f.message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>

      <section aria-labelledby="counts-heading">
        <h2 id="counts-heading">Rows per table</h2>
        <div className="split">
          <div className="table-scroll">
            <table className="data" aria-label="Rows per table">
              <thead>
                <tr>
                  <th>Table</th>
                  <th className="num">Source</th>
                  <th className="num">Rejected</th>
                  <th className="num">Imported</th>
                  <th className="num">Missing</th>
                  <th className="num">Extra</th>
                  <th>Result</th>
                </tr>
              </thead>
              <tbody>
                {report.tables.map((t) => (
                  <tr key={t.legacyTable} data-testid={`reconcile-table-${t.legacyTable}`}>
                    <td>
                      <Link href={preview(t.legacyTable)}>{t.legacyTable}</Link> <span className="muted small">→ {t.targetTable}</span>
                    </td>
                    <td className="num">{formatCount(t.source?.staged ?? 0)}</td>
                    <td className="num">{t.source?.rejected ? <Link href={`${preview(t.legacyTable)}?severity=error`}>{formatCount(t.source.rejected)}</Link> : formatCount(t.source?.rejected ?? 0)}</td>
                    <td className="num">{formatCount(t.target.imported)}</td>
                    <td className="num">{formatCount(t.target.missing)}</td>
                    <td className="num">{formatCount(t.target.extra)}</td>
                    <td title={t.checks.filter((c) => c.status !== 'pass').map((c) => c.message).join('\n') || undefined}>
                      <Status status={t.status} testId={`reconcile-status-${t.legacyTable}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="card">
            <RowsPerTableChart data={report.tables.map((t) => ({ table: t.legacyTable, source: t.source?.staged ?? 0, imported: t.target.imported }))} />
          </div>
        </div>
      </section>

      {report.ordersByMonth ? (
        <section aria-labelledby="months-heading">
          <h2 id="months-heading">
            Orders per month <Status status={report.ordersByMonth.status} />
          </h2>
          <div className="card">
            <OrdersPerMonthChart data={report.ordersByMonth.months} />
            <p className="legend-note">
              Legacy: {report.ordersByMonth.sourceExpression}. Migrated: {report.ordersByMonth.targetColumn}. {formatCount(report.ordersByMonth.months.length)} months,{' '}
              {formatCount(report.ordersByMonth.months.filter((m) => m.source !== m.target).length)} differ.
            </p>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="refs-heading">
        <h2 id="refs-heading">Orphans by relationship</h2>
        <div className="table-scroll">
          <table className="data" aria-label="References">
            <thead>
              <tr>
                <th>Reference</th>
                <th className="num">Resolved</th>
                <th className="num">None</th>
                <th className="num">Orphans (source)</th>
                <th className="num">Orphans (target)</th>
                <th>Orphan rows</th>
                <th>Result</th>
              </tr>
            </thead>
            <tbody>
              {report.references.map((r) => (
                <tr key={`${r.legacyTable}.${r.legacyColumn}.${r.targetColumn}`}>
                  <td className="nowrap">
                    {r.legacyTable}.{r.legacyColumn} <span className="muted">→ {r.referencedLegacyTable}</span>
                    {r.kind === 'json' ? <span className="muted small"> ({r.targetColumn})</span> : null}
                  </td>
                  <td className="num">{formatCount(r.target?.resolved ?? 0)}</td>
                  <td className="num">{formatCount(r.target?.none ?? 0)}</td>
                  <td className="num">{formatCount(r.source?.orphan ?? 0)}</td>
                  <td className="num">{formatCount(r.target?.orphan ?? 0)}</td>
                  <td className="small">
                    {r.orphanExamples.length === 0
                      ? '—'
                      : r.orphanExamples.slice(0, 8).map((e, i) => (
                          <span key={i}>
                            {i > 0 ? ', ' : ''}
                            <Link href={preview(r.legacyTable, e.legacyId)} title={`${r.legacyTable} ID ${e.legacyId}: ${r.legacyColumn} = ${e.value}`}>
                              #{e.legacyId}
                            </Link>
                          </span>
                        ))}
                  </td>
                  <td title={r.checks.filter((c) => c.status !== 'pass').map((c) => c.message).join('\n') || undefined}>
                    <Status status={r.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="money-heading">
        <h2 id="money-heading">Money sums</h2>
        <div className="table-scroll">
          <table className="data" aria-label="Money sums">
            <thead>
              <tr>
                <th>Table</th>
                <th>Currency</th>
                <th>Measure</th>
                <th className="num">Source</th>
                <th className="num">Target</th>
                <th>Result</th>
              </tr>
            </thead>
            <tbody>
              {report.money.flatMap((m) =>
                m.sums.map((sum, i) => (
                  <tr key={`${m.legacyTable}-${m.currency}-${sum.measure}`}>
                    <td>{i === 0 ? m.legacyTable : ''}</td>
                    <td>{i === 0 ? (m.perCurrency ? (m.currency ?? 'unknown') : '—') : ''}</td>
                    <td title={`${sum.sourceExpression} → ${sum.targetExpression}`}>{sum.measure}</td>
                    <td className="num mono">{sum.source}</td>
                    <td className="num mono">{sum.target}</td>
                    <td>{i === 0 ? <Status status={m.status} /> : null}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="hash-heading">
        <h2 id="hash-heading">Row hashes</h2>
        <p className="small muted" style={{ marginTop: -6 }}>
          Every row as validation said it would be written, against the row in the target, value by value.
        </p>
        <div className="table-scroll">
          <table className="data" aria-label="Row hashes">
            <thead>
              <tr>
                <th>Table</th>
                <th className="num">Matching</th>
                <th className="num">Differing</th>
                <th className="num">Missing</th>
                <th className="num">Extra</th>
                <th>Examples</th>
                <th>Result</th>
              </tr>
            </thead>
            <tbody>
              {report.rowHashes.map((h) => (
                <tr key={h.legacyTable}>
                  <td>{h.legacyTable}</td>
                  <td className="num">{formatCount(h.matching)}</td>
                  <td className="num">{formatCount(h.differing)}</td>
                  <td className="num">{formatCount(h.missingInTarget)}</td>
                  <td className="num">{formatCount(h.extraInTarget)}</td>
                  <td className="small">
                    {h.examples.length === 0
                      ? '—'
                      : h.examples.slice(0, 5).map((e, i) => (
                          <span key={i}>
                            {i > 0 ? ', ' : ''}
                            <Link href={preview(h.legacyTable, e.legacyId)}>#{e.legacyId}</Link> {e.kind}
                            {e.columns.length ? ` (${e.columns.join(', ')})` : ''}
                          </span>
                        ))}
                  </td>
                  <td>
                    <Status status={h.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {report.dateRanges.length > 0 ? (
        <section aria-labelledby="dates-heading">
          <h2 id="dates-heading">Date ranges</h2>
          <div className="table-scroll">
            <table className="data" aria-label="Date ranges">
              <thead>
                <tr>
                  <th>Column</th>
                  <th>Source earliest – latest</th>
                  <th>Target earliest – latest</th>
                  <th className="num">Empty (source / target)</th>
                  <th>Result</th>
                </tr>
              </thead>
              <tbody>
                {report.dateRanges.map((d) => (
                  <tr key={`${d.legacyTable}.${d.targetColumn}`}>
                    <td>
                      {d.legacyTable}.{d.sourceExpression} <span className="muted">→ {d.targetColumn}</span>
                    </td>
                    <td className="small mono">
                      {d.source.min?.slice(0, 19) ?? '—'} – {d.source.max?.slice(0, 19) ?? '—'}
                    </td>
                    <td className="small mono">
                      {d.target.min?.slice(0, 19) ?? '—'} – {d.target.max?.slice(0, 19) ?? '—'}
                    </td>
                    <td className="num">
                      {formatCount(d.source.nulls)} / {formatCount(d.target.nulls)}
                    </td>
                    <td>
                      <Status status={d.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  )
}
