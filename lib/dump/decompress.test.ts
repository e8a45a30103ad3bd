// Compressed dumps as the Debian tools write them (bzip2, xz, zstd, zip; gzip for comparison), made
// here from the real mariadb-dump fixture: each reads exactly as the plain file, is told by its
// bytes whatever its name, passes the head check of the upload, and is held to the same limits. A
// zip of several files, an empty zip, a damaged or cut stream are refused with what and where.

import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { COMPRESS_TOOLS, compressFile, type CompressTool } from '@/lib/testing/compress-file'
import { useWorkDir } from '@/lib/testing/use-test-database'
import { checkDumpHead, DUMP_HEAD_BYTES } from './check-dump-head'
import { detectCompression } from './decompress'
import { DumpError } from './dump-error'
import { readDump, type ReadDumpOptions } from './read-dump'
import { fixture } from './testing'
import type { DumpEvent } from './types'

const work = useWorkDir('decompress-')
const plainFile = path.join(work, 'tricky.sql')
writeFileSync(plainFile, fixture('mariadb-default.sql'))
const compressed = Object.fromEntries(COMPRESS_TOOLS.map((tool) => [tool, readFileSync(compressFile(tool, plainFile, work))])) as Record<CompressTool, Buffer>

async function* chunksOf(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

async function read(bytes: Uint8Array, options?: ReadDumpOptions, chunk = 64 * 1024): Promise<{ events: DumpEvent[]; error: DumpError | null }> {
  const events: DumpEvent[] = []
  try {
    for await (const event of readDump(chunksOf(bytes, chunk), options)) events.push(event)
    return { events, error: null }
  } catch (error) {
    if (!(error instanceof DumpError)) throw error
    return { events, error }
  }
}

const plain = await read(fixture('mariadb-default.sql'))

describe.each(COMPRESS_TOOLS.map((tool) => ({ tool })))('$tool', ({ tool }) => {
  it('is told by its magic bytes', () => {
    expect(detectCompression(compressed[tool])).toBe(tool)
  })

  it.each([1000, 64 * 1024])('reads exactly as the plain dump (chunks of %i bytes)', async (chunk) => {
    const { events, error } = await read(compressed[tool], undefined, chunk)
    expect(error).toBeNull()
    expect(events).toEqual(plain.events)
  })

  it('passes the upload’s head check, whole and as its first 64 KiB', async () => {
    await expect(checkDumpHead(compressed[tool], { complete: true })).resolves.toBeUndefined()
    await expect(checkDumpHead(compressed[tool].subarray(0, DUMP_HEAD_BYTES), { complete: false })).resolves.toBeUndefined()
  })

  it('stops at the absolute limit of text, naming the byte', async () => {
    const { error } = await read(compressed[tool], { decompression: { maxBytes: 4096, maxRatio: 1e9 } })
    expect(error).toMatchObject({ code: 'DECOMPRESSED_TOO_LARGE', offset: 4096 })
    expect(error!.message).toMatch(new RegExp(`^The ${tool} dump expands past the limit of 4 KiB of text \\(ORDERMYS_MAX_DECOMPRESSED_BYTES\\)`))
  })

  it('stops at the ratio limit once past its floor', async () => {
    const { error } = await read(compressed[tool], { decompression: { maxBytes: 1e12, maxRatio: 1.5, ratioAfterBytes: 1024 } })
    expect(error).toMatchObject({ code: 'DECOMPRESSED_TOO_LARGE' })
    expect(error!.message).toMatch(new RegExp(`^The ${tool} dump expands \\d+× .* It looks like a ${tool} bomb, not a dump\\.$`))
  })

  it('refuses a stream cut short', async () => {
    const { error } = await read(compressed[tool].subarray(0, Math.floor(compressed[tool].length * 0.6)))
    expect(error?.code).toMatch(tool === 'gzip' ? /^GZIP$/ : /^(DECOMPRESS|TRUNCATED)$/)
  })
})

describe('refused', () => {
  it('a zip of two files, naming both, at the head check and when read', async () => {
    const other = path.join(work, 'notes.txt')
    writeFileSync(other, 'not a dump\n')
    const zip = readFileSync(compressFile('zip', plainFile, path.join(work), { alsoZip: [other] }))
    const message = 'The zip holds 2 files ("tricky.sql", "notes.txt"): zip only the one .sql file the dump tool wrote'
    await expect(checkDumpHead(zip, { complete: true })).rejects.toMatchObject({ code: 'ZIP_CONTENTS', message })
    const { error } = await read(zip)
    expect(error).toMatchObject({ code: 'ZIP_CONTENTS', message })
  })

  it('an empty zip', async () => {
    const empty = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...Array(18).fill(0)])
    const { error } = await read(empty)
    expect(error).toMatchObject({ code: 'ZIP_CONTENTS', message: 'The zip holds no file: zip the one .sql file the dump tool wrote' })
  })

  it.each(['bzip2', 'xz', 'zstd'] as const)('a damaged %s stream, with the compressed offset it was found within', async (tool) => {
    const damaged = Buffer.from(compressed[tool])
    for (let i = 40; i < damaged.length - 40; i += 97) damaged[i] ^= 0x5a
    const { error } = await read(damaged)
    expect(error?.code).toBe('DECOMPRESS')
    expect(error!.message).toMatch(new RegExp(`^Damaged or truncated ${tool} stream within the first \\d+ compressed bytes: `))
    expect(error!.offset).toBeGreaterThan(0)
  })

  it('a compressed photo is still not a dump (the head check reads its text)', async () => {
    const photo = path.join(work, 'photo.jpg')
    writeFileSync(photo, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4000, 7)]))
    for (const tool of ['xz', 'zstd', 'zip'] as const) {
      await expect(checkDumpHead(readFileSync(compressFile(tool, photo, work)), { complete: true }), tool).rejects.toMatchObject({ code: 'NOT_A_DUMP' })
    }
  })
})
