import { open, rename } from 'node:fs/promises'
import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { fileSize } from './get-upload-state'
import { uploadPaths } from './upload-paths'

export interface AppendUploadChunkOptions {
  db: DatabaseClients
  runId: string
  /** where this chunk starts in the file: must be exactly the number of bytes the server holds */
  offset: number
  /** the request body, streamed: never held whole */
  body: AsyncIterable<Uint8Array>
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
 * many there are and continues. A chunk that would go past the announced size is refused whole.
 */
export async function appendUploadChunk({ db, runId, offset, body, root }: AppendUploadChunkOptions): Promise<AppendUploadChunkResult> {
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
  try {
    const held = (await fileSize(paths.part)) ?? 0
    if (offset !== held) {
      throw new AppError('CONFLICT', `The server holds ${held} bytes of this upload, not ${offset}`, { receivedBytes: held })
    }
    const file = await open(paths.part, 'a')
    let written = 0
    try {
      let pending: Uint8Array[] = []
      let pendingBytes = 0
      const flush = async () => {
        if (pendingBytes === 0) return
        const bytes = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes)
        await file.write(bytes)
        written += pendingBytes
        pending = []
        pendingBytes = 0
      }
      try {
        for await (const chunk of body) {
          if (held + written + pendingBytes + chunk.length > sizeBytes) {
            pending = []
            pendingBytes = 0
            await file.truncate(held)
            written = 0
            throw new AppError('PAYLOAD_TOO_LARGE', `The upload is larger than the ${sizeBytes} bytes announced for it`, { receivedBytes: held })
          }
          pending.push(chunk)
          pendingBytes += chunk.length
          if (pendingBytes >= WRITE_BYTES) await flush()
        }
      } finally {
        // A connection that broke mid-chunk: what arrived is a correct prefix, keep it.
        await flush().catch(() => undefined)
      }
    } finally {
      await file.close()
      const received = held + written
      await db.prisma.migrationRun
        .update({ where: { id: runId }, data: { progressBytes: BigInt(received), status: 'uploading', updatedAt: new Date() } })
        .catch(() => undefined)
    }
    const receivedBytes = held + written
    const complete = receivedBytes === sizeBytes
    if (complete) await rename(paths.part, paths.complete)
    return { receivedBytes, sizeBytes, complete }
  } finally {
    writers.delete(runId)
  }
}
