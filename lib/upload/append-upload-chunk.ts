import { open, rename, rm } from 'node:fs/promises'
import type { DatabaseClients } from '@/lib/db/prisma'
import { DUMP_HEAD_BYTES } from '@/lib/dump'
import { AppError, isAppError } from '@/lib/errors'
import { fileSize } from './get-upload-state'
import { assertDumpHead } from './start-upload'
import { assertUploadSize } from './upload-limits'
import { uploadPaths } from './upload-paths'

export interface AppendUploadChunkOptions {
  db: DatabaseClients
  runId: string
  /** where this chunk starts in the file: must be exactly the number of bytes the server holds */
  offset: number
  /** the request body, streamed: never held whole */
  body: AsyncIterable<Uint8Array>
  /** who sends it (the audit entry of a refusal) */
  actor?: string | null
  root?: string
}

export interface AppendUploadChunkResult {
  receivedBytes: number
  sizeBytes: number
  /** this chunk was the last: the dump is stored whole and can be staged */
  complete: boolean
}

/** Bytes gathered before one write() to the part file (fewer, larger writes). */
const WRITE_BYTES = 1024 * 1024

// One writer per run at a time: a retried PUT must not interleave with one still draining.
const writers = ((globalThis as { __ordermysUploadWriters?: Set<string> }).__ordermysUploadWriters ??= new Set())

/**
 * Appends one chunk of a resumable upload to the run's part file. The chunk must start where the
 * stored bytes end (otherwise CONFLICT, with `receivedBytes` in the details, so the browser can
 * resume from there). Bytes that arrived before a connection broke are kept: the browser asks how
 * many there are and continues. A chunk that would go past the announced size, or past the upload
 * limit (upload-limits.ts), is refused whole (PAYLOAD_TOO_LARGE).
 *
 * The first DUMP_HEAD_BYTES of the file are checked before any of them is written (checkDumpHead:
 * the reader's NOT_A_DUMP rule, gunzipped for .gz): a file that is no dump is refused at its first
 * chunk (DUMP_REFUSED), its bytes removed and its run failed with the reader's message.
 */
export async function appendUploadChunk({ db, runId, offset, body, actor = null, root }: AppendUploadChunkOptions): Promise<AppendUploadChunkResult> {
  const paths = uploadPaths(runId, root)
  const run = await db.prisma.migrationRun.findUnique({ where: { id: runId }, select: { status: true, sizeBytes: true } })
  if (!run) throw new AppError('NOT_FOUND', 'There is no such run')
  const sizeBytes = Number(run.sizeBytes ?? 0)
  if ((await fileSize(paths.complete)) !== null || (run.status !== 'uploading' && run.status !== 'created')) {
    throw new AppError('CONFLICT', 'The upload of this run is already complete', { receivedBytes: sizeBytes, complete: true })
  }
  if (writers.has(runId)) {
    throw new AppError('CONFLICT', 'Another request is still writing to this upload; try again in a moment', { busy: true })
  }
  writers.add(runId)
  let refused = false
  try {
    const held = (await fileSize(paths.part)) ?? 0
    if (offset !== held) {
      throw new AppError('CONFLICT', `The server holds ${held} bytes of this upload, not ${offset}`, { receivedBytes: held })
    }
    const file = await open(paths.part, 'a+') // read too: the head check reads bytes an earlier chunk left
    let written = 0
    try {
      let pending: Uint8Array[] = []
      let pendingBytes = 0
      // Bytes before DUMP_HEAD_BYTES stay pending (unwritten) until the head has been checked.
      let headChecked = held >= DUMP_HEAD_BYTES
      const checkHead = async (complete: boolean) => {
        const stored = held > 0 ? (await file.read(Buffer.alloc(held), 0, held, 0)).buffer : Buffer.alloc(0)
        const head = Buffer.concat([stored, ...pending]).subarray(0, DUMP_HEAD_BYTES)
        try {
          await assertDumpHead(head, { complete })
        } catch (error) {
          if (isAppError(error)) {
            refused = true
            pending = []
            pendingBytes = 0
            await refuseUpload(db, runId, actor, error)
          }
          throw error
        }
        headChecked = true
      }
      const flush = async () => {
        if (pendingBytes === 0 || !headChecked) return
        const bytes = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes)
        await file.write(bytes)
        written += pendingBytes
        pending = []
        pendingBytes = 0
      }
      const refuseWhole = async (error: AppError): Promise<never> => {
        pending = []
        pendingBytes = 0
        await file.truncate(held)
        written = 0
        throw error
      }
      try {
        for await (const chunk of body) {
          const after = held + written + pendingBytes + chunk.length
          try {
            assertUploadSize(after, { receivedBytes: held })
          } catch (error) {
            await refuseWhole(error as AppError)
          }
          if (after > sizeBytes) {
            await refuseWhole(new AppError('PAYLOAD_TOO_LARGE', `The upload is larger than the ${sizeBytes} bytes announced for it`, { receivedBytes: held }))
          }
          pending.push(chunk)
          pendingBytes += chunk.length
          if (!headChecked && held + pendingBytes >= DUMP_HEAD_BYTES) await checkHead(false)
          if (pendingBytes >= WRITE_BYTES) await flush()
        }
        if (!headChecked && held + pendingBytes === sizeBytes) await checkHead(true)
      } finally {
        // A connection that broke mid-chunk: what arrived is a correct prefix, keep it (bytes of a
        // head not checked yet are kept too: the next chunk checks them with what follows).
        if (!refused) {
          headChecked = true
          await flush().catch(() => undefined)
        }
      }
    } finally {
      await file.close()
      if (refused) {
        await rm(paths.part, { force: true })
      } else {
        const received = held + written
        await db.prisma.migrationRun
          .update({ where: { id: runId }, data: { progressBytes: BigInt(received), status: 'uploading', updatedAt: new Date() } })
          .catch(() => undefined)
      }
    }
    const receivedBytes = held + written
    const complete = receivedBytes === sizeBytes
    if (complete) await rename(paths.part, paths.complete)
    return { receivedBytes, sizeBytes, complete }
  } finally {
    writers.delete(runId)
  }
}

/** A file that is no dump: its run fails with the reader's reason (the bytes are removed by the caller). */
async function refuseUpload(db: DatabaseClients, runId: string, actor: string | null, error: AppError) {
  const code = typeof error.details?.dumpError === 'string' ? error.details.dumpError : 'NOT_A_DUMP'
  await db.prisma.$transaction([
    db.prisma.migrationRun.update({
      where: { id: runId },
      data: { status: 'failed', errorCode: code, errorMessage: error.message, progressBytes: 0n, finishedAt: new Date(), updatedAt: new Date() },
    }),
    db.prisma.migrationEvent.create({ data: { runId, type: 'run.upload_refused', actor, data: { code, message: error.message } } }),
  ])
}
