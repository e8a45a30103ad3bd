// Adapters around the pure core: a file source, gzip detection, and `for await` iteration.
//
// Reading `info` while iterating — two ways, same live object:
//   const events = readDump(source)          // events.info is the reader's DumpInfo
//   for await (const e of events) progress(events.info.sourceBytes / fileSize)
// or readDump(source, { onInfo: (info) => … }), called after every source chunk and at the end.

import { createReadStream } from 'node:fs'
import { Readable, type TransformOptions } from 'node:stream'
import { createGunzip, type ZlibOptions } from 'node:zlib'
import { decompressionLimits, formatLimit, type DecompressionLimits } from './decompression-limits'
import { DumpError } from './dump-error'
import { createDumpReader, type DumpReaderOptions } from './dump-reader'
import type { DumpEvent, DumpInfo } from './types'

export interface ReadDumpOptions extends DumpReaderOptions {
  /** called with the live DumpInfo after each chunk of the source and once at the end */
  onInfo?: (info: DumpInfo) => void
  /** how far a gzip dump may expand (default: decompressionLimits(), from the environment) */
  decompression?: Partial<DecompressionLimits>
}

/** The events of a dump, with the reader's live counters. */
export type DumpEventStream = AsyncGenerator<DumpEvent, void, undefined> & { readonly info: DumpInfo }

/** 1 MiB reads: fewer, larger chunks for the parser (the default 64 KiB costs ~10% in push overhead). */
const READ_CHUNK_BYTES = 1024 * 1024

/** A dump file as chunks. */
export function openDumpFile(path: string): AsyncIterable<Buffer> {
  return createReadStream(path, { highWaterMark: READ_CHUNK_BYTES })
}

/**
 * Reads a dump (plain or gzip, told by the magic bytes 1f 8b, not by the file name) and yields its
 * events. Pull-based: the source is not read further while the consumer works on an event.
 * Throws DumpError (NOT_A_DUMP, TRUNCATED, SYNTAX, GZIP, DECOMPRESSED_TOO_LARGE); errors of the
 * source itself pass through.
 */
export function readDump(source: AsyncIterable<Uint8Array>, options: ReadDumpOptions = {}): DumpEventStream {
  const reader = createDumpReader({ batchSize: options.batchSize, countSourceBytes: false })
  const info = reader.info
  const onInfo = options.onInfo

  async function* events(): AsyncGenerator<DumpEvent, void, undefined> {
    const iterator = source[Symbol.asyncIterator]()
    let finished = false
    const next = async (): Promise<Uint8Array | null> => {
      const step = await iterator.next()
      if (step.done) finished = true
      return step.done ? null : step.value
    }
    try {
      // gather at least two bytes to look for the gzip magic
      const head: Uint8Array[] = []
      let headBytes = 0
      while (headBytes < 2 && !finished) {
        const chunk = await next()
        if (chunk === null) break
        head.push(chunk)
        headBytes += chunk.length
      }
      const byteAt = (i: number): number => {
        for (const chunk of head) {
          if (i < chunk.length) return chunk[i]
          i -= chunk.length
        }
        return -1
      }
      async function* counted(): AsyncGenerator<Uint8Array> {
        for (const chunk of head) {
          info.sourceBytes += chunk.length
          yield chunk
        }
        for (let chunk = finished ? null : await next(); chunk !== null; chunk = await next()) {
          info.sourceBytes += chunk.length
          yield chunk
        }
      }

      const text =
        byteAt(0) === 0x1f && byteAt(1) === 0x8b ? gunzip(counted(), info, { ...decompressionLimits(), ...options.decompression }) : counted()
      for await (const chunk of text) {
        const out = reader.push(chunk)
        onInfo?.(info)
        yield* out
      }
      const last = reader.end()
      onInfo?.(info)
      yield* last
    } finally {
      // the consumer stopped early or something failed: let the source close (file handles)
      if (!finished) await iterator.return?.()
    }
  }

  return Object.assign(events(), { info })
}

/**
 * Streaming gunzip (zlib works in the thread pool, so it overlaps with parsing), stopped with
 * DECOMPRESSED_TOO_LARGE when the text outgrows `limits` (decompression-limits.ts).
 */
async function* gunzip(source: AsyncIterable<Uint8Array>, info: DumpInfo, limits: DecompressionLimits): AsyncGenerator<Buffer> {
  let sourceError: unknown = null
  const input = Readable.from(
    (async function* () {
      try {
        yield* source
      } catch (error) {
        sourceError = error
        throw error
      }
    })(),
    { objectMode: false, highWaterMark: READ_CHUNK_BYTES },
  )
  // zlib passes stream options on to its Transform: a few chunks of read-ahead let it inflate while we parse
  const options: ZlibOptions & TransformOptions = { chunkSize: READ_CHUNK_BYTES, highWaterMark: 4 * READ_CHUNK_BYTES }
  const inflate = createGunzip(options)
  input.on('error', (error) => inflate.destroy(error))
  input.pipe(inflate)
  let text = 0
  try {
    for await (const chunk of inflate) {
      // inflate.bytesWritten: compressed bytes zlib has consumed (info.sourceBytes runs ahead by
      // the read-ahead, which would hide a bomb's ratio for its first megabytes)
      tooLarge(text, (chunk as Buffer).length, inflate.bytesWritten, limits)
      text += (chunk as Buffer).length
      yield chunk as Buffer
    }
  } catch (error) {
    if (error === sourceError || error instanceof DumpError) throw error
    const message = error instanceof Error ? error.message : String(error)
    const truncated = /unexpected end of file/i.test(message)
    throw new DumpError(
      'GZIP',
      truncated
        ? `The gzip stream ends early (the .gz file is truncated) after ${info.sourceBytes} compressed bytes`
        : `Damaged gzip stream within the first ${info.sourceBytes} compressed bytes: ${message}`,
      { offset: info.sourceBytes, line: 0, table: null },
    )
  } finally {
    input.destroy()
    inflate.destroy()
  }
}

/** Throws DECOMPRESSED_TOO_LARGE when `chunk` more bytes after `text` would break a limit. */
function tooLarge(text: number, chunk: number, compressed: number, limits: DecompressionLimits): void {
  const after = text + chunk
  if (after > limits.maxBytes) {
    throw new DumpError(
      'DECOMPRESSED_TOO_LARGE',
      `The gzip dump expands past the limit of ${formatLimit(limits.maxBytes)} of text (ORDERMYS_MAX_DECOMPRESSED_BYTES): ` +
        `stopped at byte ${limits.maxBytes} of the text, ${compressed} bytes into the .gz file`,
      { offset: limits.maxBytes, line: 0, table: null },
    )
  }
  if (after > limits.ratioAfterBytes && after > limits.maxRatio * compressed) {
    const ratio = Math.round(after / Math.max(1, compressed))
    throw new DumpError(
      'DECOMPRESSED_TOO_LARGE',
      `The gzip dump expands ${ratio}× (${after} bytes of text from the first ${compressed} bytes of the .gz file), more than the ` +
        `${limits.maxRatio}× a dump can (ORDERMYS_MAX_COMPRESSION_RATIO; a mysqldump compresses about 5–15×): stopped at byte ${text} of the text. ` +
        'It looks like a gzip bomb, not a dump.',
      { offset: text, line: 0, table: null },
    )
  }
}
