import Link from 'next/link'
import { notFound } from 'next/navigation'
import { findAccountEmails } from '@/lib/auth/find-account-emails'
import { getDatabase } from '@/lib/db/prisma'
import { isAppError } from '@/lib/errors'
import { recoverInterruptedJobs } from '@/lib/jobs/recover-interrupted-jobs'
import { getTableImportSummary, type ImportSummary } from '@/lib/runs/get-table-import-summary'
import { isRunId } from '@/lib/upload/upload-paths'
import { requireReader } from '../../../../../_auth/session'
import { ActionButton } from '../../../../../_components/action-button'
import { AutoRefresh } from '../../../../../_components/auto-refresh'
import { formatCount, formatDateTime, plural } from '../../../../../_components/format'
import { ProgressBar } from '../../../../../_components/progress-bar'
import { StatusBadge } from '../../../../../_components/status-badge'
import { confirmImportAction, confirmRollBackAction } from './actions'

export const dynamic = 'force-dynamic'

export default async function ImportPage({ params }: { params: Promise<{ runId: string; table: string }> }) {
  const me = await requireReader()
  const { runId, table } = await params
  if (!isRunId(runId)) notFound()
  const legacyTable = decodeURIComponent(table)
  const db = getDatabase()
  await recoverInterruptedJobs({ db })
  let summary: ImportSummary
  try {
    summary = await getTableImportSummary({ db, runId, legacyTable })
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound()
    throw error
  }
  const { run, table: t } = summary
  const job = run.job && run.job.legacyTable === legacyTable ? run.job : null
  const working = job !== null || t.state === 'importing'
  const previewBase = `/runs/${runId}/tables/${encodeURIComponent(legacyTable)}`
  const who = await findAccountEmails({ db, ids: summary.events.map((e) => e.actor) })

  return (
    <>
      <AutoRefresh active={working || run.job !== null} />
      <div className="breadcrumb">
        <Link href="/">Runs</Link> / <Link href={`/runs/${runId}`}>{run.fileName}</Link> / <Link href={previewBase}>{legacyTable}</Link> /
      </div>
      <div className="page-header">
        <div>
          <h1>
            Import {legacyTable} <span className="muted">→ {t.targetTable}</span> <StatusBadge status={job?.kind === 'rollback' ? 'rolling back' : t.state} testId="import-state" />
          </h1>
          <div className="sub">
            {plural(t.rowsStaged, 'row')} staged · {plural(t.warningCount, 'warning')} · {plural(t.rowsRejected, 'row')} rejected
          </div>
        </div>
        <Link className="btn" href={`/runs/${runId}`}>
          Back to the run
        </Link>
      </div>

      {working ? <Progress summary={summary} /> : <StateCard summary={summary} canOperate={me.role === 'operator'} />}

      <div className="split" style={{ marginTop: 16 }}>
        <section className="card" aria-labelledby="writes-heading">
          <h2 id="writes-heading">What the import writes</h2>
          <dl className="kv">
            <dt>Rows written to {t.targetTable}</dt>
            <dd data-testid="rows-to-write">
              <strong>{formatCount(summary.rowsToWrite)}</strong> of {formatCount(t.rowsStaged)} staged
            </dd>
            <dt>Rows rejected</dt>
            <dd>
              {formatCount(t.rowsRejected)}
              {t.rowsRejected > 0 ? (
                <>
                  {' '}
                  — kept in the staging area with their reasons (<Link href={`${previewBase}?severity=error`}>see them all</Link>)
                </>
              ) : null}
            </dd>
            <dt>Rows with warnings</dt>
            <dd>imported as the rules say; {plural(t.warningCount, 'warning')} in all</dd>
            <dt>References</dt>
            <dd>
              {summary.dependencies.length === 0
                ? 'none'
                : summary.dependencies.map((d, i) => (
                    <span key={d.table}>
                      {i > 0 ? ', ' : ''}
                      {d.table} <StatusBadge status={d.state} />
                    </span>
                  ))}
            </dd>
          </dl>
          {summary.rules.length > 0 ? (
            <table className="data small" aria-label="Issues by rule" style={{ marginTop: 12 }}>
              <thead>
                <tr>
                  <th>Rule</th>
                  <th className="num">Count</th>
                  <th>What it means</th>
                </tr>
              </thead>
              <tbody>
                {summary.rules.map((rule) => (
                  <tr key={rule.code}>
                    <td className="nowrap">
                      <Link href={`${previewBase}?code=${rule.code}`}>{rule.code}</Link> <span className={`badge ${rule.severity === 'error' ? 'error' : 'warn'}`}>{rule.severity}</span>
                    </td>
                    <td className="num">{formatCount(rule.count)}</td>
                    <td className="muted">{rule.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
        <section className="card" aria-labelledby="history-heading">
          <h2 id="history-heading">History</h2>
          {summary.events.length === 0 ? (
            <p className="muted small">Nothing imported or rolled back yet.</p>
          ) : (
            <ul className="small" style={{ paddingLeft: 18, margin: 0 }}>
              {summary.events.map((e, i) => (
                <li key={i}>
                  <code>{e.type.replace('table.', '')}</code> · {formatDateTime(e.createdAt)}
                  {e.actor ? ` · ${who.get(e.actor) ?? e.actor}` : ''}
                  {e.message ? <div className="muted">{e.message}</div> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      {summary.rejected.length > 0 ? (
        <section aria-labelledby="rejected-heading">
          <h2 id="rejected-heading">Rejected rows and why</h2>
          <div className="table-scroll">
            <table className="data" aria-label="Rejected rows">
              <thead>
                <tr>
                  <th className="num">Row</th>
                  <th className="num">Legacy ID</th>
                  <th>Reasons</th>
                </tr>
              </thead>
              <tbody>
                {summary.rejected.map((row) => (
                  <tr key={row.rowNumber}>
                    <td className="num">{formatCount(row.rowNumber)}</td>
                    <td className="num">{row.legacyId ?? '—'}</td>
                    <td>
                      {row.reasons.map((r, i) => (
                        <div key={i}>
                          <strong>{r.code}</strong>
                          {r.column ? <> in {r.column}</> : null}: {r.message}
                          {r.sourceValue ? (
                            <>
                              {' '}
                              <code>{r.sourceValue}</code>
                            </>
                          ) : null}
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {t.rowsRejected > summary.rejected.length ? (
            <p className="small muted">
              The first {summary.rejected.length} of {formatCount(t.rowsRejected)}: <Link href={`${previewBase}?severity=error`}>all in the preview</Link>.
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  )
}

function Progress({ summary }: { summary: ImportSummary }) {
  const { run, table: t } = summary
  const job = run.job
  const rollingBack = job?.kind === 'rollback'
  const done = job?.progress.rowsDone ?? t.rowsImported
  const total = job?.progress.rowsTotal ?? summary.rowsToWrite
  return (
    <section className="card" aria-labelledby="progress-heading" data-testid="import-progress">
      <h2 id="progress-heading">{rollingBack ? `Rolling back ${t.legacyTable}…` : `Importing ${t.legacyTable}…`}</h2>
      <ProgressBar label={rollingBack ? 'Roll-back' : 'Import'} done={rollingBack ? 0 : done} total={rollingBack ? null : total} indeterminate={rollingBack} />
      <div className="progress-line">
        <span>{rollingBack ? 'removing the imported rows in one transaction' : `${formatCount(done)} of ${formatCount(total)} rows written`}</span>
        <span>{rollingBack ? '' : 'each batch is committed with its checkpoint: an interruption resumes after it'}</span>
      </div>
    </section>
  )
}

/** What can be done now; a viewer reads the same without the buttons (the actions refuse them too). */
function StateCard({ summary, canOperate }: { summary: ImportSummary; canOperate: boolean }) {
  const { run, table: t } = summary
  const input = { runId: run.id, table: t.legacyTable }
  if (t.state === 'imported') {
    return (
      <div className="stack">
        <div className="alert ok" role="status">
          <strong>
            Imported: {formatCount(t.rowsImported)} rows are in <code>{t.targetTable}</code>.
          </strong>
          {t.rowsRejected > 0 ? `${plural(t.rowsRejected, 'rejected row')} stay${t.rowsRejected === 1 ? 's' : ''} in the staging area with ${t.rowsRejected === 1 ? 'its reason' : 'their reasons'}.` : 'No row was rejected.'}
        </div>
        {canOperate ? (
          <div className="row">
            <ActionButton
              action={confirmRollBackAction}
              input={input}
              label="Roll back this table…"
              variant="danger"
              disabled={!t.canRollBack}
              disabledReason={t.importedDependents.length ? `roll back ${t.importedDependents.join(', ')} first: ${t.importedDependents.length === 1 ? 'it references' : 'they reference'} these rows` : undefined}
              confirm={{
                title: `Roll back ${t.legacyTable}?`,
                body: (
                  <p>
                    This removes the <strong>{formatCount(t.rowsImported)} rows</strong> of <code>{t.targetTable}</code> that this run imported from {t.legacyTable}. The staged and
                    validated rows stay: you can import the table again afterwards.
                  </p>
                ),
                confirmLabel: `Remove ${formatCount(t.rowsImported)} rows`,
                danger: true,
              }}
              pendingLabel="Rolling back…"
            />
          </div>
        ) : null}
      </div>
    )
  }
  const blocked = !t.canImport
  return (
    <div className="stack">
      {t.state === 'failed' && t.error ? (
        <div className="alert error" role="alert">
          <strong>The last attempt failed.</strong>
          {t.error.message}
        </div>
      ) : null}
      {t.state === 'rolled_back' ? (
        <div className="alert warn" role="status">
          This table was rolled back: its rows are not in <code>{t.targetTable}</code>. You can import it again.
        </div>
      ) : null}
      {t.missingDependencies.length > 0 ? (
        <div className="alert warn" role="status" data-testid="dependencies-missing">
          <strong>Import {t.missingDependencies.join(', ')} first.</strong>
          {t.legacyTable} references {t.missingDependencies.length === 1 ? 'that table' : 'those tables'}: its rows can only point at rows that are already imported.
        </div>
      ) : null}
      <div className="card row">
        <div>
          <strong>
            Write {formatCount(summary.rowsToWrite)} rows into <code>{t.targetTable}</code>
          </strong>
          <div className="small muted">
            {t.rowsRejected > 0 ? `${plural(t.rowsRejected, 'rejected row')} ${t.rowsRejected === 1 ? 'is' : 'are'} not written. ` : ''}Rows are upserted by legacy ID in committed batches; an import can be rolled back.
          </div>
        </div>
        <span className="spacer" />
        {canOperate ? (
          <ActionButton
            action={confirmImportAction}
            input={input}
            label={t.state === 'failed' ? 'Import again' : `Import ${formatCount(summary.rowsToWrite)} rows`}
            variant="primary"
            disabled={blocked}
            disabledReason={t.blockedReason ?? undefined}
            pendingLabel="Starting…"
          />
        ) : (
          <span className="muted small" data-testid="viewer-no-import">
            {blocked && t.blockedReason ? `${t.blockedReason} ` : ''}An operator imports it.
          </span>
        )}
      </div>
    </div>
  )
}
