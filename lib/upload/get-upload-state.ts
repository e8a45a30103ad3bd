import { stat } from 'node:fs/promises'
import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { uploadPaths } from './upload-paths'

export interface UploadState {
  runId: string
  fileName: string
  sizeBytes: number
  /** bytes the server holds: where the browser resumes */
  receivedBytes: number
  /** every byte arrived and the file is stored whole */
  complete: boolean
  status: string
}

export interface GetUploadStateOptions {
  db: DatabaseClients
  runId: string
  root?: string
}

/** How far the upload of a run got (the file on disk is the truth, not a counter). */
export async function getUploadState({ db, runId, root }: GetUploadStateOptions): Promise<UploadState> {
  const paths = uploadPaths(runId, root)
  const run = await db.prisma.migrationRun.findUnique({
    where: { id: runId },
    select: { id: true, fileName: true, sizeBytes: true, status: true },
  })
  if (!run) throw new AppError('NOT_FOUND', 'There is no such run')
  const sizeBytes = Number(run.sizeBytes ?? 0)
  const complete = await fileSize(paths.complete)
  if (complete !== null) {
    return { runId, fileName: run.fileName, sizeBytes, receivedBytes: complete, complete: true, status: run.status }
  }
  return { runId, fileName: run.fileName, sizeBytes, receivedBytes: (await fileSize(paths.part)) ?? 0, complete: false, status: run.status }
}

export async function fileSize(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}
