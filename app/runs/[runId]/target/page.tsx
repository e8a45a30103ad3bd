import Link from 'next/link'
import { notFound } from 'next/navigation'
import { getDatabase } from '@/lib/db/prisma'
import { isAppError } from '@/lib/errors'
import { getTargetStatus, type TargetStatus } from '@/lib/target/get-target-status'
import { isRunId } from '@/lib/upload/upload-paths'
import { requireReader } from '../../../_auth/session'
import { ActionButton } from '../../../_components/action-button'
import { FindingsTable } from '../target-check'
import { prepareTargetAction } from './actions'

export const dynamic = 'force-dynamic'

/** Preparing the target: the statements, shown in full before anything runs, then confirmed. */
export default async function TargetPage({ params }: { params: Promise<{ runId: string }> }) {
  const me = await requireReader()
  const { runId } = await params
  if (!isRunId(runId)) notFound()
  let status: TargetStatus
  try {
    status = await getTargetStatus({ db: getDatabase(), runId })
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound()
    throw error
  }
  const { check, statements, manual } = status
  const canOperate = me.role === 'operator'
  return (
    <>
      <div className="breadcrumb">
        <Link href="/">Runs</Link> / <Link href={`/runs/${runId}`}>Run</Link> /
      </div>
      <div className="page-header">
        <div>
          <h1>Prepare the target</h1>
          <div className="sub">
            Schema <code>{check.schema}</code>: what the contract needs and the tables lack is added. Nothing is dropped, renamed or narrowed, and rows are not touched.
          </div>
        </div>
        <Link className="btn" href={`/runs/${runId}`}>
          Back to the run
        </Link>
      </div>

      <section className="card stack" aria-labelledby="statements-heading">
        <h2 id="statements-heading">
          {statements.length === 0 ? 'Nothing to add' : `${statements.length} statement${statements.length === 1 ? '' : 's'}, in one transaction`}
        </h2>
        {statements.length > 0 ? (
          <pre className="sql" data-testid="target-statements">
            {statements.join('\n\n')}
          </pre>
        ) : (
          <p className="muted small">The target has every table, column, key and index that preparing can add.</p>
        )}
        <div className="row">
          {canOperate && statements.length > 0 ? (
            <ActionButton
              action={prepareTargetAction}
              input={{ runId, statements }}
              label="Prepare the target"
              variant="primary"
              redirectTo={`/runs/${runId}`}
              confirm={{
                title: 'Prepare the target?',
                body: (
                  <p>
                    The {statements.length} statement{statements.length === 1 ? '' : 's'} above run on schema <code>{check.schema}</code> in one transaction{check.absentTables.length > 0 ? `, creating ${check.absentTables.join(', ')}` : ''}. The change is in the audit trail.
                  </p>
                ),
                confirmLabel: 'Run them',
              }}
            />
          ) : null}
          {statements.length > 0 && canOperate ? (
            <a className="btn" href={`/runs/${runId}/target/migration`} download>
              Download as a migration file
            </a>
          ) : null}
          <span className="muted small">Or let the backend's own migration tool apply the file, then come back: the check runs again.</span>
        </div>
      </section>

      {manual.length > 0 ? (
        <section className="card stack" aria-labelledby="manual-heading">
          <h2 id="manual-heading">Left for a person</h2>
          <p className="small muted">Preparing does not resolve these: they need a change by hand or by the backend's migrations.</p>
          <FindingsTable findings={manual} />
        </section>
      ) : null}
    </>
  )
}
