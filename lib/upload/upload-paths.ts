import path from 'node:path'
import { projectRoot } from '@/lib/db/paths'
import { AppError } from '@/lib/errors'

// Uploaded dumps live in `.data/uploads/<runId>/` (git-ignored; ORDERMYS_UPLOAD_DIR moves it —
// the browser tests use their own). The operator's file name is only a label on the run: it never
// becomes part of a path. The run id does, so it must be a uuid and nothing else.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function isRunId(value: string): boolean {
  return UUID.test(value)
}

export function uploadRoot(): string {
  const configured = process.env.ORDERMYS_UPLOAD_DIR
  return configured ? path.resolve(projectRoot(), configured) : path.join(projectRoot(), '.data', 'uploads')
}

export interface UploadPaths {
  dir: string
  /** bytes received so far, while the upload is incomplete */
  part: string
  /** the whole dump, once every byte arrived (staging reads it; a restart stages it again) */
  complete: string
}

export function uploadPaths(runId: string, root: string = uploadRoot()): UploadPaths {
  if (!isRunId(runId)) throw new AppError('INVALID_INPUT', 'Not a run id')
  const dir = path.join(root, runId)
  return { dir, part: path.join(dir, 'dump.part'), complete: path.join(dir, 'dump') }
}
