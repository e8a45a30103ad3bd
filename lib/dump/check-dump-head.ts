// The first kilobytes of a file, checked by the reader's own NOT_A_DUMP rule (dump-reader.ts:
// first SQL word within 4 KiB, first statement ends within 16 KiB and reads like SQL a dump
// starts with) before the rest of it is stored: the upload refuses a photo or a spreadsheet at its
// first chunk instead of after gigabytes. A .gz head is gunzipped first (only its first bytes).

import { Unzip } from 'fflate'
import { decompressHead, detectCompression, MAGIC_BYTES } from './decompress'
import { DumpError } from './dump-error'
import { createDumpReader } from './dump-reader'

/**
 * Bytes of a file the head check wants (compressed bytes for gzip): comfortably more than the
 * 16 KiB within which the reader decides, so that a head of this size is always decided.
 */
export const DUMP_HEAD_BYTES = 64 * 1024

/** Dump text taken from a decompressed head: the reader decides within 16 KiB. */
const HEAD_TEXT_BYTES = 64 * 1024

export interface CheckDumpHeadOptions {
  /** `head` is the whole file (a small dump): an unfinished first statement is then refused too */
  complete: boolean
}

/**
 * Throws DumpError NOT_A_DUMP when `head` (the first bytes of a file, plain or compressed) cannot be
 * the start of a MySQL/MariaDB dump, or GZIP / DECOMPRESS when its compressed stream is damaged, or
 * ZIP_CONTENTS when the head already shows a zip of several files. Anything else the reader might
 * find later (a truncated statement, a syntax error) is left to staging, which reads it all. A
 * bzip2 head whose first block does not fit in it is left to staging too (blocks hold up to
 * 900 KB of text).
 */
export async function checkDumpHead(head: Uint8Array, { complete }: CheckDumpHeadOptions): Promise<void> {
  const compression = detectCompression(head.subarray(0, MAGIC_BYTES))
  if (compression === 'zip') assertOneZipEntry(head)
  const text = compression === null ? head : await decompressHead(compression, head, HEAD_TEXT_BYTES)
  if (text === null) return
  // The text of a compressed head is only a prefix, unless the whole stream fits in it.
  const whole = complete && (compression === null || text.length < HEAD_TEXT_BYTES)
  const reader = createDumpReader()
  try {
    reader.push(text)
    if (whole) reader.end()
  } catch (error) {
    if (error instanceof DumpError && error.code === 'NOT_A_DUMP') {
      throw compression ? new DumpError('NOT_A_DUMP', `${error.message} (in the ${compression === 'gzip' ? 'gunzipped' : compression === 'zip' ? 'unzipped' : 'decompressed'} text)`, { offset: error.offset, line: error.line, table: null }) : error
    }
    if (!(error instanceof DumpError)) throw error
  }
}

/** ZIP_CONTENTS when the head holds the names of two files or more (a small zip is all there). */
function assertOneZipEntry(head: Uint8Array): void {
  const names: string[] = []
  const unzip = new Unzip((file) => {
    names.push(file.name)
  })
  try {
    unzip.push(head)
  } catch {
    return // damaged: decompressHead says so
  }
  if (names.length > 1) {
    throw new DumpError('ZIP_CONTENTS', `The zip holds ${names.length} files (${names.map((n) => JSON.stringify(n)).join(', ')}): zip only the one .sql file the dump tool wrote`, { offset: 0, line: 0, table: null })
  }
}
