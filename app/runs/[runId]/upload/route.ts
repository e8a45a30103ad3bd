import { Readable } from 'node:stream'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { z } from 'zod'
import { authenticateOperator, requestInfo } from '@/lib/actions/authenticate-operator'
import { recordEvent } from '@/lib/actions/record-event'
import { getDatabase } from '@/lib/db/prisma'
import { AppError, isAppError } from '@/lib/errors'
import { startStagingJob } from '@/lib/jobs/start-staging-job'
import { appendUploadChunk } from '@/lib/upload/append-upload-chunk'
import { getUploadState } from '@/lib/upload/get-upload-state'
import { isRunId } from '@/lib/upload/upload-paths'

// The resumable upload of a run's dump. GET: how many bytes the server holds (where the browser
// resumes). PUT ?offset=N: the next chunk, streamed from request.body to the run's part file —
// never buffered whole, never through a server action (1 MB body limit). The last chunk starts
// staging in the background. A file over the upload limit (PAYLOAD_TOO_LARGE) or whose first
// kilobytes are not a dump (DUMP_REFUSED) is refused with the reason (lib/upload/append-upload-chunk.ts).

export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ runId: string }> }

const putQuery = z.object({ offset: z.coerce.number().int().min(0) })

export async function GET(request: Request, { params }: Context) {
  return respond(async () => {
    await authenticateOperator(request.headers)
    const runId = await runIdOf(params)
    const state = await getUploadState({ db: getDatabase(), runId })
    return Response.json(state, { headers: { 'Cache-Control': 'no-store' } })
  })
}

export async function PUT(request: Request, { params }: Context) {
  return respond(async () => {
    const operator = await authenticateOperator(request.headers)
    const runId = await runIdOf(params)
    const query = putQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams))
    if (!query.success) throw new AppError('INVALID_INPUT', 'offset must be a whole number of bytes')
    if (!request.body) throw new AppError('INVALID_INPUT', 'The request has no body')
    const db = getDatabase()
    const body = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>)
    const result = await appendUploadChunk({ db, runId, offset: query.data.offset, body, actor: operator.id })
    if (result.complete) {
      await recordEvent(db, { type: 'run.uploaded', runId, data: { sizeBytes: result.sizeBytes } }, operator, requestInfo(request.headers))
      await startStagingJob({ db, runId, actor: operator.id })
    }
    return Response.json(result)
  }, request)
}

async function runIdOf(params: Context['params']): Promise<string> {
  const { runId } = await params
  if (!isRunId(runId)) throw new AppError('NOT_FOUND', 'There is no such run')
  return runId
}

async function respond(handler: () => Promise<Response>, request?: Request): Promise<Response> {
  try {
    return await handler()
  } catch (error) {
    if (isAppError(error)) {
      return Response.json({ code: error.code, message: error.message, ...(error.details ?? {}) }, { status: error.status })
    }
    // The browser went away mid-chunk: the bytes that arrived are kept, nobody reads this answer.
    if (request?.signal.aborted) return new Response(null, { status: 499 })
    console.error('upload failed:', error)
    return Response.json({ code: 'INTERNAL', message: 'The server could not store this chunk; it will be retried.' }, { status: 500 })
  }
}
