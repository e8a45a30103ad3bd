import Form from 'next/form'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getDatabase } from '@/lib/db/prisma'
import { isAppError } from '@/lib/errors'
import { getTablePreview, type TablePreview } from '@/lib/preview/get-table-preview'
import { parsePreviewParams } from '@/lib/preview/table-preview.validation'
import { isRunId } from '@/lib/upload/upload-paths'
import { requireReader } from '../../../../_auth/session'
import { formatCount, plural } from '../../../../_components/format'
import { previewHref, type PreviewQuery } from '../../../../_components/preview-href'
import { PreviewTable } from '../../../../_components/preview-table'
import { StatusBadge } from '../../../../_components/status-badge'

export const dynamic = 'force-dynamic'

type Props = {
  params: Promise<{ runId: string; table: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

export default async function TablePreviewPage({ params, searchParams }: Props) {
  const me = await requireReader()
  const { runId, table } = await params
  if (!isRunId(runId)) notFound()
  const legacyTable = decodeURIComponent(table)
  const input = parsePreviewParams(await searchParams)
  const db = getDatabase()
  let preview: TablePreview
  try {
    preview = await getTablePreview({ db, runId, legacyTable, query: input })
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound()
    throw error
  }
  const base = `/runs/${runId}/tables/${encodeURIComponent(legacyTable)}`
  const query: PreviewQuery = {
    severity: preview.applied.severity,
    code: preview.applied.code,
    column: preview.applied.column,
    sort: `${preview.applied.descending ? '-' : ''}${preview.applied.sort}`,
    page: preview.page,
    size: preview.pageSize,
    view: input.view,
  }
  const filtered = query.severity || query.code || query.column
  const link = (change: PreviewQuery) => previewHref(base, { ...query, page: 1, ...change })

  return (
    <>
      <div className="breadcrumb">
        <Link href="/">Runs</Link> / <Link href={`/runs/${runId}`}>{preview.fileName}</Link> /
      </div>
      <div className="page-header">
        <div>
          <h1>
            {preview.legacyTable} {preview.targetTable ? <span className="muted">→ {preview.targetTable}</span> : null} <StatusBadge status={preview.state} />
          </h1>
          <div className="sub">
            {plural(preview.rowsStaged, 'row')} staged · {plural(preview.warningCount, 'warning')} · {plural(preview.errorCount, 'error')} · page read in{' '}
            {preview.milliseconds} ms
          </div>
        </div>
        {preview.targetTable ? (
          <Link className="btn" href={`/runs/${runId}/tables/${encodeURIComponent(legacyTable)}/import`}>
            {preview.state === 'imported' || me.role !== 'operator' ? 'Import details…' : 'Import…'}
          </Link>
        ) : (
          <span className="badge warn">schema drift: staged only, not migrated</span>
        )}
      </div>

      <section className="card stack" aria-label="Filters">
        <div className="row">
          <span className="small muted">Show</span>
          <nav className="chips" aria-label="Severity">
            <Link className="chip" href={link({ severity: null, code: null, column: null })} aria-current={!filtered ? 'true' : undefined}>
              All rows <span className="count">{formatCount(preview.rowsStaged)}</span>
            </Link>
            <Link className="chip error" href={link({ severity: 'error', code: null })} aria-current={query.severity === 'error' && !query.code ? 'true' : undefined}>
              <span className="dot" aria-hidden="true" /> Errors <span className="count">{formatCount(preview.errorCount)}</span>
            </Link>
            <Link className="chip warning" href={link({ severity: 'warning', code: null })} aria-current={query.severity === 'warning' && !query.code ? 'true' : undefined}>
              <span className="dot" aria-hidden="true" /> Warnings <span className="count">{formatCount(preview.warningCount)}</span>
            </Link>
          </nav>
          <span className="spacer" />
          <Form action={base} className="row" style={{ gap: 6 }}>
            {input.view !== 'both' ? <input type="hidden" name="view" value={input.view} /> : null}
            <label className="row small" style={{ gap: 6 }}>
              <span className="muted">Jump to legacy ID</span>
              <input type="number" name="jump" inputMode="numeric" style={{ width: 110 }} defaultValue={input.jump ?? ''} required />
            </label>
            <button type="submit" className="btn small">
              Go
            </button>
          </Form>
        </div>

        {preview.rules.length > 0 ? (
          <div>
            <div className="small muted" style={{ marginBottom: 6 }}>
              Issues by rule (click to show those rows)
            </div>
            <nav className="chips" aria-label="Issues by rule">
              {preview.rules.map((rule) => (
                <Link
                  key={rule.code}
                  className={`chip ${rule.severity}`}
                  href={query.code === rule.code ? link({ code: null, severity: null }) : link({ code: rule.code, severity: null })}
                  aria-current={query.code === rule.code ? 'true' : undefined}
                  title={rule.description}
                  data-testid={`rule-${rule.code}`}
                >
                  <span className="dot" aria-hidden="true" />
                  {rule.code} <span className="count">{formatCount(rule.count)}</span>
                </Link>
              ))}
            </nav>
          </div>
        ) : (
          <p className="small muted" style={{ margin: 0 }}>
            {!preview.targetTable
              ? 'A table the legacy schema does not have: its rows are kept in the staging area as they were, and not migrated.'
              : preview.state === 'staged'
                ? 'Not validated yet: no issues known.'
                : 'No issues: every row maps as it is.'}
          </p>
        )}

        <div className="row">
          <Form action={base} className="row" style={{ gap: 6 }}>
            {query.severity ? <input type="hidden" name="severity" value={query.severity} /> : null}
            {query.code ? <input type="hidden" name="code" value={query.code} /> : null}
            {input.view !== 'both' ? <input type="hidden" name="view" value={input.view} /> : null}
            <label className="row small" style={{ gap: 6 }}>
              <span className="muted">Issues in column</span>
              <select name="column" defaultValue={query.column ?? ''}>
                <option value="">any column</option>
                {preview.columns.legacy.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="btn small">
              Filter
            </button>
          </Form>
          <span className="spacer" />
          {preview.columns.target.length > 0 ? (
          <nav className="segmented" aria-label="Values shown">
            {(['both', 'legacy', 'target'] as const).map((v) => (
              <Link key={v} href={previewHref(base, { ...query, view: v })} aria-current={input.view === v ? 'true' : undefined}>
                {v === 'both' ? 'Legacy and target' : v === 'legacy' ? 'Legacy only' : 'Target only'}
              </Link>
            ))}
          </nav>
          ) : null}
        </div>
        {filtered ? (
          <p className="small" style={{ margin: 0 }} role="status">
            Showing rows with {query.severity ? `${query.severity}s` : 'issues'}
            {query.code ? ` of rule ${query.code}` : ''}
            {query.column ? ` in column ${query.column}` : ''}: {formatCount(preview.total)}
            {preview.totalCapped ? '+' : ''} {preview.total === 1 ? 'row' : 'rows'}. <Link href={link({ severity: null, code: null, column: null })}>Show all rows</Link>
          </p>
        ) : null}
        {preview.jump ? (
          preview.jump.rowNumber === null ? (
            <p className="alert warn small" role="alert" style={{ margin: 0 }}>
              No row of {preview.legacyTable} has ID {preview.jump.legacyId}.
            </p>
          ) : (
            <p className="small" role="status" style={{ margin: 0 }}>
              ID {preview.jump.legacyId} is row {formatCount(preview.jump.rowNumber)} of the dump (highlighted below).
            </p>
          )
        ) : null}
      </section>

      <div style={{ marginTop: 16 }}>
        <PreviewTable preview={preview} base={base} query={query} view={input.view} />
      </div>
    </>
  )
}
