// A gzip bomb for tests, made while it is read: `head` (a real dump's start, so that the first-
// kilobytes check lets it in) followed by `fillBytes` of one repeated byte, deflated at level 9
// (~1030×: 4 GiB of blanks are ~4 MB of .gz). Nothing is held whole and nothing is compressed
// beyond what the reader pulls, so a test that stops the reader early stays fast.

import { createWriteStream } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'

export interface GzipBombOptions {
  head: Uint8Array
  fillBytes: number
  /** the repeated byte (default a blank, which the reader skips as whitespace) */
  fill?: number
}

const BLOCK = 1024 * 1024

function* text({ head, fillBytes, fill = 0x20 }: GzipBombOptions): Generator<Buffer> {
  yield Buffer.from(head)
  const block = Buffer.alloc(BLOCK, fill)
  for (let left = fillBytes; left > 0; left -= BLOCK) yield left >= BLOCK ? block : block.subarray(0, left)
}

/** The bomb as a stream of compressed chunks (stops compressing when its reader stops). */
export function gzipBomb(options: GzipBombOptions): AsyncIterable<Buffer> {
  const gzip = createGzip({ level: 9 })
  pipeline(Readable.from(text(options)), gzip).catch(() => undefined) // the reader stopping early ends it
  return gzip
}

/** The bomb written to a file; returns its size in bytes. */
export async function writeGzipBomb(file: string, options: GzipBombOptions): Promise<number> {
  const out = createWriteStream(file)
  await pipeline(Readable.from(text(options)), createGzip({ level: 9 }), out)
  return out.bytesWritten
}
