import { mkdir } from 'node:fs/promises'
import type { DatabaseClients } from '@/lib/db/prisma'
import { createRun } from '@/lib/runs/create-run'
import { uploadPaths } from './upload-paths'

export interface StartUploadOptions {
  db: DatabaseClients
  fileName: string
  sizeBytes: number
  uploadedBy: string | null
  root?: string
}

/** A new run waiting for the bytes of its dump (status `uploading`, nothing received yet). */
export async function startUpload({ db, fileName, sizeBytes, uploadedBy, root }: StartUploadOptions): Promise<{ runId: string }> {
  const run = await createRun({ db, fileName, sizeBytes, uploadedBy })
  await mkdir(uploadPaths(run.id, root).dir, { recursive: true })
  await db.prisma.migrationRun.update({ where: { id: run.id }, data: { status: 'uploading', updatedAt: new Date() } })
  return { runId: run.id }
}
