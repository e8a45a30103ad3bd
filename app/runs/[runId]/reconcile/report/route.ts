import { authenticateOperator, requestInfo } from '@/lib/actions/authenticate-operator'
import { recordEvent } from '@/lib/actions/record-event'
import { getDatabase } from '@/lib/db/prisma'
import { isAppError } from '@/lib/errors'
import { renderReportCsv, renderReportJson } from '@/lib/reconcile'
import { getLatestReconciliation } from '@/lib/runs/get-latest-reconciliation'
import { isRunId } from '@/lib/upload/upload-paths'

// The reconciliation report as a file: ?format=json (default) or csv; ?id= a given report of the
// run, else the newest. Every download is in the audit log. Downloads are an operator's: 401
// without a session, 403 for a viewer.

export const dynamic = 'force-dynamic'

export async function GET(request: Request, { params }: { params: Promise<{ runId: string }> }) {
  let operator
  try {
    operator = await authenticateOperator(request.headers)
  } catch (error) {
    if (isAppError(error)) return Response.json({ code: error.code, message: error.message }, { status: error.status })
    throw error
  }
  const { runId } = await params
  const url = new URL(request.url)
  const format = url.searchParams.get('format') === 'csv' ? 'csv' : 'json'
  const id = url.searchParams.get('id')
  if (!isRunId(runId) || (id !== null && !isRunId(id))) return Response.json({ code: 'NOT_FOUND', message: 'There is no such report' }, { status: 404 })
  const db = getDatabase()
  const stored = await getLatestReconciliation({ db, runId, id })
  if (!stored) return Response.json({ code: 'NOT_FOUND', message: 'This run has no reconciliation report yet' }, { status: 404 })
  await recordEvent(db, { type: 'report.downloaded', runId, data: { reconciliationId: stored.id, format } }, operator, requestInfo(request.headers))
  const stamp = stored.createdAt.slice(0, 19).replaceAll(':', '').replace('T', '-')
  const name = `reconciliation-${runId.slice(0, 8)}-${stamp}.${format}`
  return new Response(format === 'csv' ? renderReportCsv(stored.report) : renderReportJson(stored.report), {
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
    },
  })
}
