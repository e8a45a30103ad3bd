import { mkdir } from 'node:fs/promises'
import type { DatabaseClients } from '@/lib/db/prisma'
import { checkDumpHead, isDumpError } from '@/lib/dump'
import { AppError } from '@/lib/errors'
import { createRun } from '@/lib/runs/create-run'
import { assertUploadSize } from './upload-limits'
import { uploadPaths } from './upload-paths'

export interface StartUploadOptions {
  db: DatabaseClients
  fileName: string
  sizeBytes: number
  uploadedBy: string | null
  /** the file's first bytes, when the browser sends them: a file that is no dump gets no run */
  head?: Uint8Array
  root?: string
}

/**
 * A new run waiting for the bytes of its dump (status `uploading`, nothing received yet). Refused
 * at once when the announced size is over the limit (PAYLOAD_TOO_LARGE) or the head is not the
 * start of a dump (DUMP_REFUSED); appendUploadChunk checks both again on the bytes themselves.
 */
export async function startUpload({ db, fileName, sizeBytes, uploadedBy, head, root }: StartUploadOptions): Promise<{ runId: string }> {
  assertUploadSize(sizeBytes)
  if (head) await assertDumpHead(head, { complete: head.length >= sizeBytes })
  const run = await createRun({ db, fileName, sizeBytes, uploadedBy })
  await mkdir(uploadPaths(run.id, root).dir, { recursive: true })
  await db.prisma.migrationRun.update({ where: { id: run.id }, data: { status: 'uploading', updatedAt: new Date() } })
  return { runId: run.id }
}

/** DUMP_REFUSED with the reader's message (what it found, at which byte) when `head` cannot start a dump. */
export async function assertDumpHead(head: Uint8Array, options: { complete: boolean }): Promise<void> {
  try {
    await checkDumpHead(head, options)
  } catch (error) {
    if (!isDumpError(error)) throw error
    throw new AppError('DUMP_REFUSED', `${error.message}. Upload the .sql or .sql.gz file that mysqldump or mariadb-dump wrote.`, {
      dumpError: error.code,
      offset: error.offset,
    })
  }
}
