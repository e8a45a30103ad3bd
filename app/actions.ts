'use server'

import { headers } from 'next/headers'
import { operatorAction } from '@/lib/actions/operator-action'
import { startUpload } from '@/lib/upload/start-upload'
import { startUploadInput } from '@/lib/upload/start-upload.validation'

const startUploadAction = operatorAction(
  { name: 'startUpload', input: startUploadInput },
  ({ fileName, sizeBytes, head }, { db, operator }) =>
    startUpload({ db, fileName, sizeBytes, uploadedBy: operator.name, head: head === undefined ? undefined : Buffer.from(head, 'base64') }),
  (input, result) => ({ type: 'run.upload_started', runId: result.runId, data: { fileName: input.fileName, sizeBytes: input.sizeBytes } }),
)

/** A new run for a dump the browser is about to upload; its chunks go to /runs/[runId]/upload. */
export async function startUploadRun(input: unknown) {
  return startUploadAction(input, await headers())
}
