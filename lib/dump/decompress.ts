// Compressed dumps, told by their magic bytes (never by the file name): gzip (Node's zlib), bzip2
// (unbzip2-stream), xz (xz-decompress: xz-embedded in WebAssembly), zstd (fzstd) and a zip of one
// file (fflate's streaming Unzip; deflate or stored). All stream: the compressed bytes are pulled
// as the reader asks for text, and every one is held to the same limits (decompression-limits.ts).
// The libraries are pure JavaScript or WebAssembly: nothing native to build or download.

import { Readable, type TransformOptions } from 'node:stream'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import { constants, createGunzip, type ZlibOptions } from 'node:zlib'
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate'
import { Decompress as ZstdDecompress } from 'fzstd'
import unbzip2 from 'unbzip2-stream'
import xz from 'xz-decompress'
import { formatLimit, type DecompressionLimits } from './decompression-limits'
import { DumpError } from './dump-error'
import type { DumpInfo } from './types'

export type Compression = 'gzip' | 'bzip2' | 'xz' | 'zstd' | 'zip'

/** The names the operator knows the formats by, for messages. */
export const COMPRESSION_NAMES: Record<Compression, string> = { gzip: 'gzip', bzip2: 'bzip2', xz: 'xz', zstd: 'zstd', zip: 'zip' }

/** The files' usual extensions, for messages ("… bytes into the .gz file"). */
const EXTENSIONS: Record<Compression, string> = { gzip: '.gz', bzip2: '.bz2', xz: '.xz', zstd: '.zst', zip: '.zip' }

/** Bytes needed to tell the formats apart. */
export const MAGIC_BYTES = 6

/**
 * The compression of a file from its first bytes (at least MAGIC_BYTES, or all there are), or
 * null for plain text: gzip 1f 8b; bzip2 "BZh" and a block size 1–9; xz fd "7zXZ" 00; zstd
 * 28 b5 2f fd; zip "PK" 03 04 (a local file header) or "PK" 05 06 (an empty zip).
 */
export function detectCompression(head: ArrayLike<number>): Compression | null {
  const at = (i: number) => (i < head.length ? head[i] : -1)
  if (at(0) === 0x1f && at(1) === 0x8b) return 'gzip'
  if (at(0) === 0x42 && at(1) === 0x5a && at(2) === 0x68 && at(3) >= 0x31 && at(3) <= 0x39) return 'bzip2'
  if (at(0) === 0xfd && at(1) === 0x37 && at(2) === 0x7a && at(3) === 0x58 && at(4) === 0x5a && at(5) === 0x00) return 'xz'
  if (at(0) === 0x28 && at(1) === 0xb5 && at(2) === 0x2f && at(3) === 0xfd) return 'zstd'
  if (at(0) === 0x50 && at(1) === 0x4b && ((at(2) === 0x03 && at(3) === 0x04) || (at(2) === 0x05 && at(3) === 0x06))) return 'zip'
  return null
}

/** 1 MiB: the chunk size of zlib's output and of the source reads. */
const CHUNK_BYTES = 1024 * 1024

/**
 * The text of a compressed source, chunk by chunk, stopped with DECOMPRESSED_TOO_LARGE when it
 * outgrows `limits`, and with GZIP (gzip) or DECOMPRESS (the others) when the stream is damaged or
 * cut short; a zip that does not hold exactly one file is refused (ZIP_CONTENTS), naming them.
 * Errors of the source itself pass through.
 */
export async function* decompress(format: Compression, source: AsyncIterable<Uint8Array>, info: DumpInfo, limits: DecompressionLimits): AsyncGenerator<Buffer> {
  if (format === 'gzip') {
    yield* gunzip(source, info, limits)
    return
  }
  let text = 0
  let compressed = 0
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      compressed += chunk.length
      yield chunk
    }
  }
  const inner = format === 'bzip2' ? bunzip2(counted()) : format === 'xz' ? unxz(counted()) : format === 'zstd' ? unzstd(counted()) : unzipOne(counted())
  try {
    for await (const chunk of inner) {
      if (chunk.length === 0) continue
      tooLarge(format, text, chunk.length, compressed, limits)
      text += chunk.length
      yield chunk
    }
  } catch (error) {
    if (error instanceof DumpError || !(error instanceof DecompressError)) throw error
    throw new DumpError(
      error.code,
      error.code === 'ZIP_CONTENTS'
        ? error.message
        : `Damaged or truncated ${COMPRESSION_NAMES[format]} stream within the first ${compressed} compressed bytes: ${error.message}`,
      { offset: compressed, line: 0, table: null },
    )
  }
}

/** A failure of the decompressor itself (not of the source): becomes a DumpError with the position. */
class DecompressError extends Error {
  constructor(
    readonly code: 'DECOMPRESS' | 'ZIP_CONTENTS',
    message: string,
  ) {
    super(message)
  }
}

function failure(error: unknown): DecompressError {
  if (error instanceof DecompressError) return error
  return new DecompressError('DECOMPRESS', error instanceof Error ? error.message : String(error))
}

/** bzip2 (unbzip2-stream, synchronous as each chunk is written): one output chunk per bzip2 block. */
async function* bunzip2(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const stream = unbzip2()
  const out: Buffer[] = []
  let error: unknown = null
  let ended = false
  stream.on('data', (chunk: Buffer) => out.push(chunk))
  stream.on('error', (e: unknown) => (error ??= e))
  stream.on('end', () => (ended = true))
  for await (const chunk of source) {
    stream.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))
    if (error) throw failure(error)
    yield* out.splice(0)
  }
  stream.end()
  if (error) throw failure(error)
  yield* out.splice(0)
  if (!ended) throw new DecompressError('DECOMPRESS', 'the bzip2 stream does not end')
}

/** zstd (fzstd): every frame of the stream, as its blocks complete. */
async function* unzstd(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const out: Buffer[] = []
  const stream = new ZstdDecompress((chunk) => out.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)))
  let seen = false
  try {
    for await (const chunk of source) {
      seen = true
      for (let at = 0; at < chunk.length; at += PIECE_BYTES) {
        stream.push(chunk.subarray(at, at + PIECE_BYTES))
        yield* out.splice(0)
      }
    }
    if (!seen) throw new DecompressError('DECOMPRESS', 'the zstd stream is empty')
    stream.push(new Uint8Array(0), true)
  } catch (error) {
    throw failure(error)
  }
  yield* out.splice(0)
}

/** A Node stream of the source's bytes that remembers the source's own error (passed through as it is, never as a damaged stream). */
function readableOf(source: AsyncIterable<Uint8Array>, highWaterMark?: number): { input: Readable; sourceError: () => unknown } {
  let failed: unknown = null
  const input = Readable.from(
    (async function* () {
      try {
        yield* source
      } catch (error) {
        failed = error
        throw error
      }
    })(),
    { objectMode: false, ...(highWaterMark ? { highWaterMark } : {}) },
  )
  return { input, sourceError: () => failed }
}

/** xz (xz-embedded in WebAssembly, through a WHATWG stream). */
async function* unxz(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const { input, sourceError } = readableOf(source)
  const text = new xz.XzReadableStream(Readable.toWeb(input) as unknown as ReadableStream<Uint8Array>) as unknown as WebReadableStream<Uint8Array>
  try {
    for await (const chunk of text) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
  } catch (error) {
    const fromSource = sourceError()
    if (fromSource !== null && (error === fromSource || (error as { cause?: unknown })?.cause === fromSource)) throw fromSource
    throw failure(error)
  } finally {
    input.destroy()
  }
}

/** zstd and zip are fed in pieces: each push is decompressed whole, and 1 MiB of a dump is ~7 MB of text. */
const PIECE_BYTES = 128 * 1024

/**
 * The one file of a zip (fflate's streaming Unzip: stored or deflate). A zip of several files is
 * refused once its end is read, naming every file (a file's data comes before the next file's name).
 */
async function* unzipOne(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const out: Buffer[] = []
  const names: string[] = []
  let error: unknown = null
  let finished = false
  const unzip = new Unzip((file: UnzipFile) => {
    names.push(file.name)
    if (names.length > 1) return // not started: its bytes are skipped
    if (file.compression !== 0 && file.compression !== 8) {
      error = new DecompressError('DECOMPRESS', `the zip compresses ${file.name} with method ${file.compression}; only deflate and stored files can be read`)
      return
    }
    file.ondata = (e, data, final) => {
      if (e) error ??= e
      else out.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength))
      if (final) finished = true
    }
    file.start()
  })
  unzip.register(UnzipInflate)
  try {
    for await (const chunk of source) {
      for (let at = 0; at < chunk.length; at += PIECE_BYTES) {
        unzip.push(chunk.subarray(at, at + PIECE_BYTES))
        if (error) throw error
        if (names.length <= 1) yield* out.splice(0)
      }
    }
    unzip.push(new Uint8Array(0), true)
    if (error) throw error
  } catch (caught) {
    throw failure(caught)
  }
  if (names.length !== 1) {
    throw new DecompressError(
      'ZIP_CONTENTS',
      names.length === 0
        ? 'The zip holds no file: zip the one .sql file the dump tool wrote'
        : `The zip holds ${names.length} files (${names.map((n) => JSON.stringify(n)).join(', ')}): zip only the one .sql file the dump tool wrote`,
    )
  }
  if (!finished) throw new DecompressError('DECOMPRESS', `the zip ends inside ${names[0]}`)
  yield* out.splice(0)
}

/**
 * Streaming gunzip (zlib works in the thread pool, so it overlaps with parsing), stopped with
 * DECOMPRESSED_TOO_LARGE when the text outgrows `limits` (decompression-limits.ts).
 */
async function* gunzip(source: AsyncIterable<Uint8Array>, info: DumpInfo, limits: DecompressionLimits): AsyncGenerator<Buffer> {
  const { input, sourceError } = readableOf(source, CHUNK_BYTES)
  // zlib passes stream options on to its Transform: a few chunks of read-ahead let it inflate while we parse
  const options: ZlibOptions & TransformOptions = { chunkSize: CHUNK_BYTES, highWaterMark: 4 * CHUNK_BYTES }
  const inflate = createGunzip(options)
  input.on('error', (error) => inflate.destroy(error))
  input.pipe(inflate)
  let text = 0
  try {
    for await (const chunk of inflate) {
      // inflate.bytesWritten: compressed bytes zlib has consumed (info.sourceBytes runs ahead by
      // the read-ahead, which would hide a bomb's ratio for its first megabytes)
      tooLarge('gzip', text, (chunk as Buffer).length, inflate.bytesWritten, limits)
      text += (chunk as Buffer).length
      yield chunk as Buffer
    }
  } catch (error) {
    if (error === sourceError() || error instanceof DumpError) throw error
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
function tooLarge(format: Compression, text: number, chunk: number, compressed: number, limits: DecompressionLimits): void {
  const name = COMPRESSION_NAMES[format]
  const after = text + chunk
  if (after > limits.maxBytes) {
    throw new DumpError(
      'DECOMPRESSED_TOO_LARGE',
      `The ${name} dump expands past the limit of ${formatLimit(limits.maxBytes)} of text (ORDERMYS_MAX_DECOMPRESSED_BYTES): ` +
        `stopped at byte ${limits.maxBytes} of the text, ${compressed} bytes into the ${EXTENSIONS[format]} file`,
      { offset: limits.maxBytes, line: 0, table: null },
    )
  }
  if (after > limits.ratioAfterBytes && after > limits.maxRatio * compressed) {
    const ratio = Math.round(after / Math.max(1, compressed))
    throw new DumpError(
      'DECOMPRESSED_TOO_LARGE',
      `The ${name} dump expands ${ratio}× (${after} bytes of text from the first ${compressed} bytes of the ${EXTENSIONS[format]} file), more than the ` +
        `${limits.maxRatio}× a dump can (ORDERMYS_MAX_COMPRESSION_RATIO; a mysqldump compresses about 5–15×): stopped at byte ${text} of the text. ` +
        `It looks like a ${name} bomb, not a dump.`,
      { offset: text, line: 0, table: null },
    )
  }
}

/**
 * The first `maxBytes` of the text of a compressed head (a prefix of the stream: its end is
 * expected, not an error). Throws GZIP / DECOMPRESS when the head itself is damaged. bzip2 gives
 * text only per block (up to 900 KB of text), so a head may give none: null then, undecided.
 */
export async function decompressHead(format: Compression, head: Uint8Array, maxBytes: number): Promise<Buffer | null> {
  const out: Buffer[] = []
  let bytes = 0
  const take = (chunk: Uint8Array) => {
    if (bytes >= maxBytes) return
    out.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))
    bytes += chunk.length
  }
  try {
    switch (format) {
      case 'gzip': {
        // Z_SYNC_FLUSH: a stream cut short ends without "unexpected end of file".
        const gunzipped = createGunzip({ finishFlush: constants.Z_SYNC_FLUSH })
        gunzipped.end(head)
        try {
          for await (const chunk of gunzipped) {
            take(chunk as Buffer)
            if (bytes >= maxBytes) break // the rest (a gzip bomb, say) is never inflated
          }
        } finally {
          gunzipped.destroy()
        }
        break
      }
      case 'zstd':
        new ZstdDecompress(take).push(head)
        break
      case 'zip': {
        const unzip = new Unzip((file) => {
          if (file.compression !== 0 && file.compression !== 8) return
          file.ondata = (error, data) => {
            if (error) throw error
            take(data)
          }
          file.start()
        })
        unzip.register(UnzipInflate)
        unzip.push(head)
        break
      }
      case 'bzip2': {
        const stream = unbzip2()
        let error: unknown = null
        stream.on('data', take)
        stream.on('error', (e: unknown) => (error ??= e))
        stream.write(Buffer.from(head.buffer, head.byteOffset, head.byteLength))
        if (error) throw error
        if (bytes === 0) return null
        break
      }
      case 'xz': {
        // the head alone, as a stream that ends: xz-embedded gives what it decoded, then fails on the cut
        const text = new xz.XzReadableStream(Readable.toWeb(Readable.from([Buffer.from(head)])) as unknown as ReadableStream<Uint8Array>)
        try {
          for await (const chunk of text as unknown as AsyncIterable<Uint8Array>) {
            take(chunk)
            if (bytes >= maxBytes) break
          }
        } catch (error) {
          if (bytes === 0) throw error
        }
        break
      }
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    throw new DumpError(format === 'gzip' ? 'GZIP' : 'DECOMPRESS', `Damaged ${COMPRESSION_NAMES[format]} stream within the first ${head.length} bytes: ${message}`, {
      offset: 0,
      line: 0,
      table: null,
    })
  }
  return Buffer.concat(out, bytes).subarray(0, maxBytes)
}
