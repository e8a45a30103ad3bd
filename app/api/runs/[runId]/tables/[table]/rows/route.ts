import { authenticateReader } from '@/lib/actions/authenticate-operator'
import { getDatabase } from '@/lib/db/prisma'
import { AppError, isAppError } from '@/lib/errors'
import { getTablePreview } from '@/lib/preview/get-table-preview'
import { parsePreviewParams } from '@/lib/preview/table-preview.validation'
import { isRunId } from '@/lib/upload/upload-paths'

// One page of a table's preview as JSON: the same query as the preview page
// (/runs/[runId]/tables/[table]?page=2&severity=error&sort=-ID&jump=42, parsed by
// table-preview.validation.ts) and the same lib function, for scripts and the load benchmark.

export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ runId: string; table: string }> }

export async function GET(request: Request, { params }: Context) {
  try {
    await authenticateReader(request.headers)
    const { runId, table } = await params
    if (!isRunId(runId)) throw new AppError('NOT_FOUND', 'There is no such run')
    const query = parsePreviewParams(Object.fromEntries(new URL(request.url).searchParams))
    const preview = await getTablePreview({ db: getDatabase(), runId, legacyTable: decodeURIComponent(table), query })
    return Response.json(preview, { headers: { 'Cache-Control': 'no-store' } })
  } catch (error) {
    if (isAppError(error)) return Response.json({ code: error.code, message: error.message }, { status: error.status })
    console.error('table preview failed:', error)
    return Response.json({ code: 'INTERNAL', message: 'The server could not read this page; the details are in the server log.' }, { status: 500 })
  }
}
