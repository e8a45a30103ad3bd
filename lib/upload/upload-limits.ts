import { formatLimit } from '@/lib/dump'
import { AppError } from '@/lib/errors'

// The largest dump the app accepts, ORDERMYS_MAX_UPLOAD_BYTES, default 2 GiB: the production dump
// is ~355 MB of text (less as .sql.gz), so 2 GiB is more than five years of its growth, while a
// runaway or hostile upload cannot fill the server's disk (each upload stays stored until removed:
// a restart stages it again). A larger dump needs the variable set, or the command line, which
// reads local files without uploading them.

export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 ** 3

export function maxUploadBytes(env: Record<string, string | undefined> = process.env): number {
  const raw = env.ORDERMYS_MAX_UPLOAD_BYTES?.trim()
  if (!raw) return DEFAULT_MAX_UPLOAD_BYTES
  const value = Number(raw)
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`ORDERMYS_MAX_UPLOAD_BYTES must be a whole number of bytes, not ${JSON.stringify(raw)}`)
  return value
}

/** Why `bytes` is too large to upload, or null when it is not. */
export function uploadSizeProblem(bytes: number, limit: number = maxUploadBytes()): string | null {
  if (bytes <= limit) return null
  return `The file is larger than ${formatLimit(limit)}, the largest dump this server accepts (ORDERMYS_MAX_UPLOAD_BYTES)`
}

/** PAYLOAD_TOO_LARGE when `bytes` is over the limit. */
export function assertUploadSize(bytes: number, details?: Record<string, unknown>): void {
  const limit = maxUploadBytes()
  const problem = uploadSizeProblem(bytes, limit)
  if (problem) throw new AppError('PAYLOAD_TOO_LARGE', problem, { ...details, limitBytes: limit })
}
