// The first kilobytes of a file, checked by the reader's own NOT_A_DUMP rule (dump-reader.ts:
// first SQL word within 4 KiB, first statement ends within 16 KiB and reads like SQL a dump
// starts with) before the rest of it is stored: the upload refuses a photo or a spreadsheet at its
// first chunk instead of after gigabytes. A .gz head is gunzipped first (only its first bytes).

import { constants, createGunzip } from 'node:zlib'
import { DumpError } from './dump-error'
import { createDumpReader } from './dump-reader'

/**
 * Bytes of a file the head check wants (compressed bytes for gzip): comfortably more than the
 * 16 KiB within which the reader decides, so that a head of this size is always decided.
 */
export const DUMP_HEAD_BYTES = 64 * 1024

/** Dump text taken from the gunzipped head: the reader decides within 16 KiB. */
const HEAD_TEXT_BYTES = 64 * 1024

export interface CheckDumpHeadOptions {
  /** `head` is the whole file (a small dump): an unfinished first statement is then refused too */
  complete: boolean
}

/**
 * Throws DumpError NOT_A_DUMP when `head` (the first bytes of a file, plain or gzip) cannot be the
 * start of a MySQL/MariaDB dump, or GZIP when its gzip stream is damaged. Anything else the reader
 * might find later (a truncated statement, a syntax error) is left to staging, which reads it all.
 */
export async function checkDumpHead(head: Uint8Array, { complete }: CheckDumpHeadOptions): Promise<void> {
  const gzip = head[0] === 0x1f && head[1] === 0x8b
  const text = gzip ? await gunzipHead(head) : head
  // The gunzipped text of a head is only a prefix, unless the whole stream fits in it.
  const whole = complete && (!gzip || text.length < HEAD_TEXT_BYTES)
  const reader = createDumpReader()
  try {
    reader.push(text)
    if (whole) reader.end()
  } catch (error) {
    if (error instanceof DumpError && error.code === 'NOT_A_DUMP') {
      throw gzip ? new DumpError('NOT_A_DUMP', `${error.message} (in the gunzipped text)`, { offset: error.offset, line: error.line, table: null }) : error
    }
    if (!(error instanceof DumpError)) throw error
  }
}

/** The first HEAD_TEXT_BYTES of the text of a gzip head (a prefix of a stream: its end is expected). */
async function gunzipHead(head: Uint8Array): Promise<Buffer> {
  // Z_SYNC_FLUSH: a stream cut short ends without "unexpected end of file".
  const gunzip = createGunzip({ finishFlush: constants.Z_SYNC_FLUSH })
  gunzip.end(head)
  const out: Buffer[] = []
  let bytes = 0
  try {
    for await (const chunk of gunzip) {
      out.push(chunk as Buffer)
      bytes += (chunk as Buffer).length
      if (bytes >= HEAD_TEXT_BYTES) break // the rest (a gzip bomb, say) is never inflated
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    throw new DumpError('GZIP', `Damaged gzip stream within the first ${head.length} bytes: ${message}`, { offset: 0, line: 0, table: null })
  } finally {
    gunzip.destroy()
  }
  return Buffer.concat(out, bytes).subarray(0, HEAD_TEXT_BYTES)
}
