// Adapters around the pure core: a file source, gzip detection, and `for await` iteration.
//
// Reading `info` while iterating — two ways, same live object:
//   const events = readDump(source)          // events.info is the reader's DumpInfo
//   for await (const e of events) progress(events.info.sourceBytes / fileSize)
// or readDump(source, { onInfo: (info) => … }), called after every source chunk and at the end.

import { createReadStream } from 'node:fs'
import { decompress, detectCompression, MAGIC_BYTES } from './decompress'
import { decompressionLimits, type DecompressionLimits } from './decompression-limits'
import { createDumpReader, type DumpReaderOptions } from './dump-reader'
import type { DumpEvent, DumpInfo } from './types'

export interface ReadDumpOptions extends DumpReaderOptions {
  /** called with the live DumpInfo after each chunk of the source and once at the end */
  onInfo?: (info: DumpInfo) => void
  /** how far a compressed dump may expand (default: decompressionLimits(), from the environment) */
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
 * Reads a dump — plain, gzip, bzip2, xz, zstd or a zip of one file, told by its magic bytes
 * (decompress.ts), not by the file name — and yields its events. Pull-based: the source is not
 * read further while the consumer works on an event. Throws DumpError (NOT_A_DUMP, TRUNCATED,
 * SYNTAX, GZIP, DECOMPRESS, ZIP_CONTENTS, DECOMPRESSED_TOO_LARGE, DUPLICATE_TABLE); errors of the
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
      // gather the first bytes to look for a compression's magic
      const head: Uint8Array[] = []
      let headBytes = 0
      while (headBytes < MAGIC_BYTES && !finished) {
        const chunk = await next()
        if (chunk === null) break
        head.push(chunk)
        headBytes += chunk.length
      }
      const first = head.length === 1 ? head[0] : Buffer.concat(head)
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

      const compression = detectCompression(first.subarray(0, MAGIC_BYTES))
      const text = compression === null ? counted() : decompress(compression, counted(), info, { ...decompressionLimits(), ...options.decompression })
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
