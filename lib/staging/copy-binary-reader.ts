import type { Readable } from 'node:stream'
import { COPY_BINARY_HEADER_BYTES, COPY_BINARY_SIGNATURE } from './copy-binary'

// Reads `COPY … TO STDOUT (FORMAT binary)` back into rows. The validation pass reads staged rows
// this way: every field comes with its byte length, so text is one UTF-8 decode with nothing to
// scan for or unescape, bytea arrives as its bytes, and PostgreSQL writes no escapes either.
// The format: https://www.postgresql.org/docs/current/sql-copy.html ("Binary Format").

/** How a field's bytes become a value: text and jsonb → string, bytea → Buffer, int8 → number. */
export type CopyBinaryField = 'text' | 'bytea' | 'int8' | 'jsonb'
export type CopyBinaryValue = string | Buffer | number | null

/** Malformed binary COPY data, named with the byte offset where it went wrong. */
export class CopyBinaryFormatError extends Error {}

/**
 * Batches of rows, one value per field of `fields` (in the order the COPY selects them). A batch
 * is what the stream had buffered when read; a row cut between chunks waits for the next one.
 */
export async function* readCopyBinaryRows(source: Readable, fields: readonly CopyBinaryField[]): AsyncGenerator<CopyBinaryValue[][]> {
  let pending: Buffer | null = null
  let offset = 0 // of `pending`'s (or the next chunk's) first byte in the whole COPY data
  let header = true
  let ended = false
  for await (const chunk of bufferedChunks(source)) {
    const buf: Buffer = pending === null ? chunk : Buffer.concat([pending, chunk])
    let at = 0
    if (header) {
      if (buf.length < COPY_BINARY_HEADER_BYTES) {
        pending = buf
        continue
      }
      if (!buf.subarray(0, COPY_BINARY_SIGNATURE.length).equals(COPY_BINARY_SIGNATURE)) throw new CopyBinaryFormatError('COPY data does not start with the binary signature')
      const extension = buf.readUInt32BE(15)
      if (buf.length < COPY_BINARY_HEADER_BYTES + extension) {
        pending = buf
        continue
      }
      at = COPY_BINARY_HEADER_BYTES + extension
      header = false
    }
    const rows: CopyBinaryValue[][] = []
    while (!ended && buf.length - at >= 2) {
      const count = buf.readInt16BE(at)
      if (count === -1) {
        ended = true
        at += 2
        break
      }
      if (count !== fields.length) throw new CopyBinaryFormatError(`a row has ${count} fields, ${fields.length} were selected (at byte ${offset + at})`)
      const end = rowEnd(buf, at + 2, count)
      if (end === -1) break // the rest of the row is in the next chunk
      rows.push(decodeRow(buf, at + 2, fields))
      at = end
    }
    if (ended && at < buf.length) throw new CopyBinaryFormatError(`data after the end of the COPY (at byte ${offset + at})`)
    offset += at
    pending = at < buf.length ? buf.subarray(at) : null
    if (rows.length > 0) yield rows
  }
  if (!ended) throw new CopyBinaryFormatError(`the COPY data ended without its end marker (at byte ${offset + (pending?.length ?? 0)})`)
}

/** Where the row whose fields start at `at` ends, or -1 when it is not complete in `buf`. */
function rowEnd(buf: Buffer, at: number, count: number): number {
  for (let field = 0; field < count; field++) {
    if (at + 4 > buf.length) return -1
    const length = buf.readInt32BE(at)
    at += 4 + (length > 0 ? length : 0)
  }
  return at <= buf.length ? at : -1
}

function decodeRow(buf: Buffer, at: number, fields: readonly CopyBinaryField[]): CopyBinaryValue[] {
  const row: CopyBinaryValue[] = new Array(fields.length)
  for (let field = 0; field < fields.length; field++) {
    const length = buf.readInt32BE(at)
    at += 4
    if (length === -1) {
      row[field] = null
      continue
    }
    const end = at + length
    switch (fields[field]) {
      case 'text':
        row[field] = buf.toString('utf8', at, end)
        break
      case 'bytea':
        row[field] = Buffer.from(buf.subarray(at, end)) // a copy: the chunk is not kept alive by a value
        break
      case 'int8':
        if (length !== 8) throw new CopyBinaryFormatError(`an int8 of ${length} bytes`)
        row[field] = buf.readInt32BE(at) * 2 ** 32 + buf.readUInt32BE(at + 4)
        break
      case 'jsonb':
        if (buf[at] !== 1) throw new CopyBinaryFormatError(`jsonb of version ${buf[at]}`)
        row[field] = buf.toString('utf8', at + 1, end)
        break
    }
    at = end
  }
  return row
}

/** Everything the stream has buffered, as one Buffer per wait (a batch holds many rows). */
async function* bufferedChunks(stream: Readable): AsyncGenerator<Buffer> {
  let ended = false
  let failure: Error | null = null
  const onEnd = () => (ended = true)
  const onError = (error: Error) => (failure = error)
  stream.on('end', onEnd)
  stream.on('error', onError)
  try {
    for (;;) {
      const chunk = stream.read() as Buffer | string | null
      if (chunk !== null) {
        yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk
        continue
      }
      if (failure) throw failure
      if (ended || stream.readableEnded) return
      await new Promise<void>((resolve) => {
        const wake = () => {
          stream.off('readable', wake)
          stream.off('end', wake)
          stream.off('error', wake)
          resolve()
        }
        stream.on('readable', wake)
        stream.on('end', wake)
        stream.on('error', wake)
      })
    }
  } finally {
    stream.off('end', onEnd)
    stream.off('error', onError)
  }
}
