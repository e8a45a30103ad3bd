// Writes a synthetic dump (dump-generator.ts) to a file, gzipped or not, with backpressure, and
// its manifest beside it. The I/O half of scripts/generate-dump.ts.

import { createHash } from 'node:crypto'
import { createWriteStream, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import { createDumpGenerator, type DumpManifest, type GenerateDumpOptions } from './dump-generator'

export interface WriteSyntheticDumpOptions extends GenerateDumpOptions {
  out: string
  gzip?: boolean
  /** also write the manifest as JSON here */
  manifestPath?: string
}

export interface WrittenDump extends DumpManifest {
  /** SHA-256 of the dump text (before gzip) */
  sha256: string
  /** bytes of the file as written (the compressed size with gzip) */
  fileBytes: number
  gzip: boolean
  seconds: number
}

const SIZE_UNITS: Record<string, number> = { '': 1, B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }

/** "355MB", "1GB", "2 MB", "500kb", "1048576" → bytes (KB/MB/GB are powers of 1024, as ls -h shows). */
export function parseSize(text: string): number {
  const match = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([kmg]?b?)\s*$/i.exec(text)
  if (!match) throw new Error(`not a size: ${JSON.stringify(text)} (try 1MB, 50MB, 355MB, 1GB)`)
  let unit = match[2].toUpperCase()
  if (unit.length === 1 && unit !== 'B') unit += 'B'
  return Math.round(Number(match[1]) * SIZE_UNITS[unit])
}

export async function writeSyntheticDump(options: WriteSyntheticDumpOptions): Promise<WrittenDump> {
  const started = performance.now()
  const generator = createDumpGenerator(options)
  const file = createWriteStream(options.out)
  const gzip = options.gzip ? createGzip({ level: 6 }) : null
  if (gzip) gzip.pipe(file)
  const sink: Writable = gzip ?? file
  const hash = createHash('sha256')
  let failed: Error | null = null
  const onError = (error: Error) => {
    failed = error
  }
  file.on('error', onError)
  gzip?.on('error', onError)
  for (const chunk of generator.chunks()) {
    if (failed) throw failed
    const bytes = Buffer.from(chunk, 'utf8')
    hash.update(bytes)
    if (!sink.write(bytes)) await once(sink, 'drain')
  }
  sink.end()
  await finished(file)
  if (failed) throw failed
  const manifest = generator.manifest()
  const written: WrittenDump = {
    ...manifest,
    sha256: hash.digest('hex'),
    fileBytes: file.bytesWritten,
    gzip: Boolean(options.gzip),
    seconds: Math.round((performance.now() - started) / 100) / 10,
  }
  if (options.manifestPath) writeFileSync(options.manifestPath, JSON.stringify(written, null, 2) + '\n')
  return written
}
