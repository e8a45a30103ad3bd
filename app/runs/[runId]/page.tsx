import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getDatabase } from '@/lib/db/prisma'
import { isAppError } from '@/lib/errors'
import { describeJob, type RunningJob } from '@/lib/jobs/job-registry'
import { recoverInterruptedJobs } from '@/lib/jobs/recover-interrupted-jobs'
import { getRunOverview, type RunOverview, type TableOverview } from '@/lib/runs/get-run-overview'
import { getTargetStatus } from '@/lib/target/get-target-status'
import { getUploadState } from '@/lib/upload/get-upload-state'
import { isRunId } from '@/lib/upload/upload-paths'
import { requireReader } from '../../_auth/session'
import { ActionButton } from '../../_components/action-button'
import { AutoRefresh } from '../../_components/auto-refresh'
import { DumpUploader } from '../../_components/dump-uploader'
import { formatBytes, formatCount, formatDateTime } from '../../_components/format'
import { ProgressBar } from '../../_components/progress-bar'
import { StatusBadge } from '../../_components/status-badge'
import { restartStagingAction, restartValidationAction } from './actions'
import { TargetCheckSection } from './target-check'
import { ChosenDatabase, DatabaseChoice } from './database-choice'

export const dynamic = 'force-dynamic'

async function loadOverview(runId: string): Promise<RunOverview> {
  if (!isRunId(runId)) notFound()
  const db = getDatabase()
  await recoverInterruptedJobs({ db })
  try {
    return await getRunOverview({ db, runId })
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound()
    throw error
  }
}

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  const me = await requireReader()
  // Viewers see the same page without the buttons that change something (the actions refuse them too).
  const canOperate = me.role === 'operator'
  const { runId } = await params
  const overview = await loadOverview(runId)
  const { run } = overview
  const upload = run.status === 'uploading' || run.status === 'failed' ? await getUploadState({ db: getDatabase(), runId }) : null
  const active = run.job !== null || run.status === 'staging' || overview.tables.some((t) => t.state === 'importing')
  const anyImported = overview.tables.some((t) => t.state === 'imported' || t.rowsImported > 0)
  // The target is checked once the dump is staged (its measured needs once validated).
  const staged = !['created', 'uploading', 'staging', 'failed'].includes(run.status) && overview.tables[0].state !== 'pending'
  const target = staged ? await getTargetStatus({ db: getDatabase(), runId }) : null

  return (
    <>
      <AutoRefresh active={active} />
      <div className="breadcrumb">
        <Link href="/">Runs</Link> /
      </div>
      <div className="page-header">
        <div>
          <h1>
            {run.fileName} <StatusBadge status={run.job?.kind === 'validate' ? 'validating' : run.status} testId="run-status" />
          </h1>
          <div className="sub">
            {formatBytes(run.sizeBytes)} · started by {run.uploadedBy ?? '—'} · {formatDateTime(run.createdAt)}
            {run.sha256 ? (
              <>
                {' '}
                · sha256 <code title={run.sha256}>{run.sha256.slice(0, 12)}…</code>
              </>
            ) : null}
          </div>
        </div>
        {anyImported ? (
          <Link className="btn" href={`/runs/${run.id}/reconcile`}>
            Reconciliation
          </Link>
        ) : null}
      </div>

      <RunState overview={overview} canOperate={canOperate} uploadComplete={upload?.complete ?? false} receivedBytes={upload?.receivedBytes ?? 0} />
      <ChosenDatabase databases={overview.databases} />

      {target?.check.blocking ? <TargetCheckSection runId={run.id} status={target} canOperate={canOperate} /> : null}

      {overview.tables[0].state !== 'pending' ? (
        <section aria-labelledby="tables-heading">
          <h2 id="tables-heading">Tables, in dependency order</h2>
          <TablesTable runId={run.id} tables={overview.tables} canOperate={canOperate} />
        </section>
      ) : null}

      {target && !target.check.blocking ? <TargetCheckSection runId={run.id} status={target} canOperate={canOperate} /> : null}

      <Drift overview={overview} />
    </>
  )
}

function RunState({ overview, canOperate, uploadComplete, receivedBytes }: { overview: RunOverview; canOperate: boolean; uploadComplete: boolean; receivedBytes: number }) {
  const { run } = overview
  const job = run.job
  if (run.status === 'uploading' && !job) {
    return (
      <section className="card" aria-labelledby="upload-heading">
        <h2 id="upload-heading">Upload incomplete</h2>
        <p className="small">
          The server holds <strong>{formatBytes(receivedBytes)}</strong> of {formatBytes(run.sizeBytes)}.{canOperate ? ' Choose the same file to go on from there.' : ''}
        </p>
        {canOperate ? (
          <DumpUploader mode="resume" runId={run.id} fileName={run.fileName} sizeBytes={run.sizeBytes ?? 0} receivedBytes={receivedBytes} />
        ) : (
          <p className="muted small">An operator can resume it.</p>
        )}
      </section>
    )
  }
  if (job) return <JobProgress job={job} />
  if (run.status === 'choosing') return <DatabaseChoice runId={run.id} databases={overview.databases} canOperate={canOperate} />
  if (run.status === 'failed') {
    return (
      <div className="stack">
        <div className="alert error" role="alert" data-testid="run-error">
          <strong>{run.error?.title ?? 'This run failed.'}</strong>
          {run.error?.detail ? <code>{run.error.detail}</code> : null}
          <p style={{ margin: '8px 0 0' }}>Nothing of this dump was written: the staging area was rolled back.</p>
        </div>
        {uploadComplete && canOperate ? (
          <div>
            <ActionButton action={restartStagingAction} input={{ runId: run.id }} label="Restart staging from the stored file" pendingLabel="Starting…" />
          </div>
        ) : null}
      </div>
    )
  }
  const totals = overview.tables.reduce(
    (sum, t) => ({ rows: sum.rows + t.rowsStaged, warnings: sum.warnings + t.warningCount, errors: sum.errors + t.errorCount, rejected: sum.rejected + t.rowsRejected }),
    { rows: 0, warnings: 0, errors: 0, rejected: 0 },
  )
  return (
    <div className="stack">
      <div className="card">
        <div className="stats">
          <Stat label="Rows staged" value={formatCount(totals.rows)} />
          <Stat label="Tables validated" value={`${run.tables.validated} of ${run.tables.total}`} testId="tables-validated" />
          <Stat label="Tables imported" value={`${run.tables.imported} of ${run.tables.total}`} testId="tables-imported" />
          <Stat label="Warnings" value={formatCount(totals.warnings)} />
          <Stat label="Rows rejected" value={formatCount(totals.rejected)} />
        </div>
      </div>
      {overview.unvalidated > 0 ? (
        <div className="alert warn row">
          <span>
            {overview.unvalidated} table{overview.unvalidated === 1 ? ' is' : 's are'} not validated yet (the validation was interrupted or failed).
          </span>
          <span className="spacer" />
          {canOperate ? <ActionButton action={restartValidationAction} input={{ runId: run.id }} label="Validate now" pendingLabel="Starting…" small /> : null}
        </div>
      ) : null}
    </div>
  )
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="stat">
      <div className="label">{label}</div>
      <div className="value" data-testid={testId}>
        {value}
      </div>
    </div>
  )
}

function JobProgress({ job }: { job: RunningJob }) {
  const p = job.progress
  const title = p.phase === 'validating' ? 'Validating the tables' : p.phase === 'staging' ? 'Staging the dump' : describeJob(job)
  return (
    <section className="card" aria-labelledby="job-heading" data-testid="job-progress">
      <h2 id="job-heading">{title[0].toUpperCase() + title.slice(1)}…</h2>
      {p.phase === 'staging' ? (
        <>
          <ProgressBar label="Staging" done={p.bytesRead ?? 0} total={p.bytesTotal ?? null} />
          <div className="progress-line">
            <span>
              {formatBytes(p.bytesRead ?? 0)} of {formatBytes(p.bytesTotal ?? null)} read
            </span>
            <span>
              {p.bytesTotal && (p.bytesRead ?? 0) >= p.bytesTotal
                ? 'all read: indexing the staged tables'
                : p.currentTable
                  ? `reading ${p.currentTable}`
                  : ''}
            </span>
          </div>
          {p.rowsByTable && Object.keys(p.rowsByTable).length > 0 ? (
            <dl className="rows-read" aria-label="Rows read per table">
              {Object.entries(p.rowsByTable).map(([table, rows]) => (
                <div key={table}>
                  <dt>{table}</dt>
                  <dd>{formatCount(rows)}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </>
      ) : p.phase === 'validating' ? (
        <>
          <ProgressBar label="Validation" done={p.rowsDone ?? 0} total={p.rowsTotal ?? null} />
          <div className="progress-line">
            <span>
              {p.table ? `${p.table} — ` : ''}
              {p.tablesDone ?? 0} of {p.tablesTotal} tables validated
            </span>
            <span>
              {formatCount(p.rowsDone ?? 0)} of {formatCount(p.rowsTotal ?? 0)} rows
            </span>
          </div>
        </>
      ) : (
        <>
          <ProgressBar label={title} done={p.rowsDone ?? 0} total={p.rowsTotal ?? null} indeterminate={!p.rowsTotal} />
          <div className="progress-line">
            <span>{p.table ?? ''}</span>
            <span>{p.rowsTotal ? `${formatCount(p.rowsDone ?? 0)} of ${formatCount(p.rowsTotal)} rows` : ''}</span>
          </div>
        </>
      )}
    </section>
  )
}

function TablesTable({ runId, tables, canOperate }: { runId: string; tables: TableOverview[]; canOperate: boolean }) {
  return (
    <div className="table-scroll">
      <table className="data" aria-label="Tables of this run">
        <thead>
          <tr>
            <th className="num">#</th>
            <th>Legacy table</th>
            <th>Target</th>
            <th>State</th>
            <th className="num">Rows staged</th>
            <th className="num">Warnings</th>
            <th className="num">Rejected</th>
            <th className="num">Imported</th>
            <th>Import</th>
          </tr>
        </thead>
        <tbody>
          {tables.map((t, i) => (
            <tr key={t.legacyTable} data-testid={`table-row-${t.legacyTable}`}>
              <td className="num muted">{i + 1}</td>
              <td>
                {t.state === 'missing' || t.state === 'pending' ? (
                  t.legacyTable
                ) : (
                  <Link href={`/runs/${runId}/tables/${t.legacyTable}`}>{t.legacyTable}</Link>
                )}
              </td>
              <td>
                <code>{t.targetTable}</code>
              </td>
              <td>
                <StatusBadge status={t.state} testId={`state-${t.legacyTable}`} />
                {t.error ? <div className="small" style={{ color: 'var(--error)', maxWidth: 260 }}>{t.error.message}</div> : null}
              </td>
              <td className="num">{formatCount(t.rowsStaged)}</td>
              <td className="num">{t.warningCount ? <Link href={`/runs/${runId}/tables/${t.legacyTable}?severity=warning`}>{formatCount(t.warningCount)}</Link> : '0'}</td>
              <td className="num">
                {t.rowsRejected ? (
                  <Link href={`/runs/${runId}/tables/${t.legacyTable}?severity=error`} style={{ color: 'var(--error)' }}>
                    {formatCount(t.rowsRejected)}
                  </Link>
                ) : (
                  '0'
                )}
              </td>
              <td className="num" style={{ minWidth: 110 }}>
                {t.state === 'importing' ? (
                  <>
                    <ProgressBar label={`Import of ${t.legacyTable}`} done={t.rowsImported} total={t.rowsStaged - t.rowsRejected} />
                    <span className="small muted">{formatCount(t.rowsImported)}</span>
                  </>
                ) : (
                  formatCount(t.rowsImported)
                )}
              </td>
              <td style={{ minWidth: 170 }}>
                <ImportCell runId={runId} table={t} canOperate={canOperate} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function ImportCell({ runId, table, canOperate }: { runId: string; table: TableOverview; canOperate: boolean }) {
  const href = `/runs/${runId}/tables/${table.legacyTable}/import`
  if (!canOperate) {
    // A viewer: what the import would write and its state, no buttons.
    if (table.state === 'missing') return <span className="muted small">not in the dump</span>
    return <Link href={href}>{table.state === 'imported' ? 'Imported' : table.state === 'importing' ? 'Importing…' : 'Details'}</Link>
  }
  if (table.state === 'imported') {
    return (
      <Link className="btn small" href={href}>
        Imported · roll back…
      </Link>
    )
  }
  if (table.state === 'importing') return <Link href={href}>Importing…</Link>
  if (table.state === 'missing') return <span className="muted small">not in the dump</span>
  if (table.canImport) {
    return (
      <Link className="btn small primary" href={href} aria-label={`Import ${table.legacyTable}`}>
        Import…
      </Link>
    )
  }
  const reason = table.blockedReason ?? ''
  return (
    <span className="blocked">
      <button type="button" className="btn small" disabled aria-describedby={`why-${table.legacyTable}`}>
        Import…
      </button>
      <span id={`why-${table.legacyTable}`} className="muted small" data-testid={`import-blocked-${table.legacyTable}`}>
        {reason}
      </span>
    </span>
  )
}

function Drift({ overview }: { overview: RunOverview }) {
  const { drift } = overview
  const any = drift.extraTables.length + drift.extraColumns.length + drift.missingTables.length + drift.missingColumns.length + drift.views.length + drift.readerWarningCount
  if (overview.run.status === 'uploading' || overview.run.status === 'staging' || overview.run.status === 'failed') return null
  return (
    <section aria-labelledby="drift-heading">
      <h2 id="drift-heading">Schema drift</h2>
      {any === 0 ? (
        <p className="card muted small">The dump has exactly the tables and columns of the legacy schema.</p>
      ) : (
        <div className="card stack small">
          <p className="muted" style={{ margin: 0 }}>
            What the dump holds beyond (or short of) the legacy schema. Extra tables and columns are kept in the staging area and never make an import fail.
          </p>
          {drift.extraTables.length > 0 ? (
            <div>
              <strong>Extra tables</strong>
              <ul data-testid="drift-extra-tables">
                {drift.extraTables.map((t) => (
                  <li key={t.name}>
                    <Link href={`/runs/${overview.run.id}/tables/${encodeURIComponent(t.name)}`}>
                      <code>{t.name}</code>
                    </Link>{' '}
                    — {formatCount(t.rowsStaged)} rows staged, not migrated
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {drift.extraColumns.length > 0 ? (
            <div>
              <strong>Extra columns</strong>
              <ul data-testid="drift-extra-columns">
                {drift.extraColumns.map((c) => (
                  <li key={`${c.table}.${c.column}`}>
                    <code>
                      {c.table}.{c.column}
                    </code>{' '}
                    — staged, not migrated
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {drift.missingTables.length > 0 ? (
            <div>
              <strong>Tables missing from the dump</strong>
              <ul>
                {drift.missingTables.map((t) => (
                  <li key={t}>
                    <code>{t}</code>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {drift.missingColumns.length > 0 ? (
            <div>
              <strong>Columns missing from the dump</strong> (their legacy default is used, with a warning)
              <ul>
                {drift.missingColumns.map((c) => (
                  <li key={`${c.table}.${c.column}`}>
                    <code>
                      {c.table}.{c.column}
                    </code>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {drift.views.length > 0 ? (
            <div>
              <strong>Views</strong> (not data; skipped): {drift.views.map((v) => <code key={v}>{v} </code>)}
            </div>
          ) : null}
          {drift.readerWarningCount > 0 ? (
            <div>
              <strong>Reader warnings: {formatCount(drift.readerWarningCount)}</strong>
              <ul>
                {drift.readerWarnings.map((w, i) => (
                  <li key={i}>
                    <code>{w.code}</code> {w.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      )}
    </section>
  )
}
