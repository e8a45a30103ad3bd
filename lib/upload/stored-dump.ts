import { AppError } from '@/lib/errors'
import { fileSize } from './get-upload-state'
import { uploadPaths } from './upload-paths'

/** The whole uploaded dump of a run (what staging reads, and reads again after a restart). */
export async function storedDumpPath(runId: string, root?: string): Promise<string> {
  const { complete } = uploadPaths(runId, root)
  if ((await fileSize(complete)) === null) {
    throw new AppError('NOT_FOUND', 'The uploaded dump of this run is not stored on the server (incomplete or removed); upload it again')
  }
  return complete
}
