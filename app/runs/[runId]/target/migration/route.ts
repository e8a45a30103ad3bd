import { authenticateOperator, requestInfo } from '@/lib/actions/authenticate-operator'
import { recordEvent } from '@/lib/actions/record-event'
import { getDatabase } from '@/lib/db/prisma'
import { isAppError } from '@/lib/errors'
import { getTargetStatus } from '@/lib/target/get-target-status'
import { renderTargetMigration } from '@/lib/target/prepare-target'
import { isRunId } from '@/lib/upload/upload-paths'

// The statements that prepare the target, as a migration file for the backend's own migration
// tool (instead of running them here). An operator's download, in the audit log.

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
  if (!isRunId(runId)) return Response.json({ code: 'NOT_FOUND', message: 'There is no such run' }, { status: 404 })
  const db = getDatabase()
  let text: string
  let count: number
  try {
    const { check, statements } = await getTargetStatus({ db, runId })
    text = renderTargetMigration(statements, { targetSchema: check.schema, generatedAt: new Date() })
    count = statements.length
  } catch (error) {
    if (isAppError(error)) return Response.json({ code: error.code, message: error.message }, { status: error.status })
    throw error
  }
  await recordEvent(db, { type: 'target.migration_downloaded', runId, data: { statements: count } }, operator, requestInfo(request.headers))
  return new Response(text, {
    headers: {
      'Content-Type': 'application/sql; charset=utf-8',
      'Content-Disposition': `attachment; filename="prepare-target-${runId.slice(0, 8)}.sql"`,
      'Cache-Control': 'no-store',
    },
  })
}
