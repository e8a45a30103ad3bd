import Link from 'next/link'
import { getDatabase } from '@/lib/db/prisma'
import { getDatabaseStatus } from '@/lib/health/get-database-status'
import { recoverInterruptedJobs } from '@/lib/jobs/recover-interrupted-jobs'
import { listRuns } from '@/lib/runs/list-runs'
import type { RunSummary } from '@/lib/runs/run-summary'
import { requireReader } from './_auth/session'
import { AutoRefresh } from './_components/auto-refresh'
import { DumpUploader } from './_components/dump-uploader'
import { formatBytes, formatCount, formatDateTime } from './_components/format'
import { ProgressBar } from './_components/progress-bar'
import { StatusBadge } from './_components/status-badge'
import { startUploadRun } from './actions'

// The status is read on every request: this page is how an operator sees the app is alive.
export const dynamic = 'force-dynamic'

export default async function HomePage({ searchParams }: { searchParams: Promise<{ after?: string }> }) {
  const me = await requireReader()
  const { after } = await searchParams
  const status = await getDatabaseStatus()
  let list: Awaited<ReturnType<typeof listRuns>> | null = null
  if (status.connected) {
    const db = getDatabase()
    await recoverInterruptedJobs({ db })
    list = await listRuns({ db, after: after ?? null })
  }
  // Follow what moves: jobs, and uploads that received a chunk lately (an abandoned one does not keep the page busy).
  const now = Date.now()
  const active =
    list?.runs.some((r) => r.job !== null || r.status === 'staging' || (r.status === 'uploading' && now - Date.parse(r.updatedAt) < 30_000)) ?? false
  return (
    <>
      <AutoRefresh active={active} intervalMs={2000} />
      <h1>Legacy order system migration</h1>
      <div className="split">
        <section className="card" aria-labelledby="upload-heading">
          <h2 id="upload-heading">Start a migration run</h2>
          <p className="muted small" style={{ marginTop: -6 }}>
            Upload the legacy system&apos;s <code>mysqldump</code> (plain, or compressed with gzip, bzip2, xz, zstd or zip). It is staged and checked table by table; nothing is written to
            the new tables until you confirm each import.
          </p>
          {me.role === 'operator' ? (
            <DumpUploader mode="new" startUpload={startUploadRun} />
          ) : (
            <p className="alert info small">Your account is a viewer: an operator uploads dumps and imports them. You can follow every run here.</p>
          )}
        </section>
        <DatabaseCard status={status} />
      </div>

      <section aria-labelledby="runs-heading">
        <h2 id="runs-heading">Migration runs</h2>
        {list && list.runs.length > 0 ? (
          <RunsTable runs={list.runs} />
        ) : (
          <p className="card muted">No runs yet: upload a dump to start the first one.</p>
        )}
        {list?.nextCursor ? (
          <p>
            <Link href={`/?after=${list.nextCursor}`}>Older runs →</Link>
          </p>
        ) : null}
      </section>
    </>
  )
}

function RunsTable({ runs }: { runs: RunSummary[] }) {
  return (
    <div className="table-scroll">
      <table className="data" aria-label="Migration runs">
        <thead>
          <tr>
            <th>Dump</th>
            <th className="num">Size</th>
            <th>Status</th>
            <th>Progress</th>
            <th>Started by</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <td>
                <Link href={`/runs/${run.id}`}>{run.fileName}</Link>
                <div className="muted mono small">{run.id.slice(0, 8)}</div>
              </td>
              <td className="num nowrap">{formatBytes(run.sizeBytes)}</td>
              <td>
                <StatusBadge status={run.job?.kind === 'validate' ? 'validating' : run.status} />
              </td>
              <td style={{ minWidth: 200 }}>
                <RunProgress run={run} />
              </td>
              <td>{run.uploadedBy ?? '—'}</td>
              <td className="nowrap">{formatDateTime(run.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function RunProgress({ run }: { run: RunSummary }) {
  if (run.status === 'uploading' || run.status === 'staging') {
    const verb = run.status === 'uploading' ? 'received' : 'read'
    return (
      <>
        <ProgressBar label={`${run.fileName} ${run.status}`} done={run.progressBytes} total={run.sizeBytes} />
        <div className="muted small">
          {formatBytes(run.progressBytes)} of {formatBytes(run.sizeBytes)} {verb}
        </div>
      </>
    )
  }
  if (run.status === 'failed') return <span className="small">{run.error?.title ?? 'failed'}</span>
  if (run.tables.total === 0) return <span className="muted small">—</span>
  return (
    <>
      <ProgressBar label={`${run.fileName} tables imported`} done={run.tables.imported} total={run.tables.total} tone="ok" />
      <div className="muted small">
        {run.job?.kind === 'validate' || run.tables.validated < run.tables.total
          ? `${formatCount(run.tables.validated)} of ${formatCount(run.tables.total)} tables validated`
          : `${formatCount(run.tables.imported)} of ${formatCount(run.tables.total)} tables imported`}
      </div>
    </>
  )
}

function DatabaseCard({ status }: { status: Awaited<ReturnType<typeof getDatabaseStatus>> }) {
  return (
    <section className="card" aria-labelledby="db-status">
      <h2 id="db-status">
        Database{' '}
        {status.connected ? (
          <span className="badge ok" data-testid="db-status">
            connected
          </span>
        ) : (
          <span className="badge error" data-testid="db-status">
            not connected
          </span>
        )}
      </h2>
      {status.connected ? (
        <dl className="kv">
          <dt>Server</dt>
          <dd>PostgreSQL {status.serverVersion}</dd>
          <dt>Database</dt>
          <dd>
            <code>{status.database}</code> <span className="muted">({status.kind})</span>
          </dd>
          <dt>Schema migrations</dt>
          <dd>
            <span data-testid="migrations-applied">{status.migrationsApplied}</span> applied
            <div className="muted mono small">{status.latestMigration}</div>
          </dd>
        </dl>
      ) : (
        <p role="alert">The database could not be reached: {status.error}</p>
      )}
    </section>
  )
}
