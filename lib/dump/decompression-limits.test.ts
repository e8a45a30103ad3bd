// A gzip dump may expand only so far (decompression-limits.ts): a real dump followed by gigabytes
// of blanks, compressed ~1000×, stops at the ratio limit once past 64 MiB of text, with the
// position; an absolute limit stops even a dump of ordinary ratio; real dumps pass.

import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { gzipBomb } from '@/lib/testing/gzip-bomb'
import { COMPRESSION_RATIO_AFTER_BYTES, decompressionLimits, DEFAULT_MAX_COMPRESSION_RATIO, DEFAULT_MAX_DECOMPRESSED_BYTES, formatLimit } from './decompression-limits'
import { DumpError } from './dump-error'
import { readDump, type ReadDumpOptions } from './read-dump'
import { fixture } from './testing'

const dump = fixture('mariadb-default.sql')

async function read(source: AsyncIterable<Uint8Array>, options?: ReadDumpOptions): Promise<{ error: DumpError | null; bytes: number; rows: number }> {
  const events = readDump(source, options)
  try {
    for await (const _ of events);
    return { error: null, bytes: events.info.bytes, rows: events.info.rows }
  } catch (error) {
    if (!(error instanceof DumpError)) throw error
    return { error, bytes: events.info.bytes, rows: events.info.rows }
  }
}

async function* once(bytes: Uint8Array) {
  yield bytes
}

describe('the decompression limits of a gzip dump', () => {
  it('stops a dump followed by 4 GiB of blanks at the ratio limit, just past 64 MiB of text, naming where', async () => {
    const started = performance.now()
    const { error, bytes, rows } = await read(gzipBomb({ head: dump, fillBytes: 4 * 1024 ** 3 }))
    expect(error).toMatchObject({ code: 'DECOMPRESSED_TOO_LARGE', line: 0, table: null })
    expect(error!.message).toMatch(
      /^The gzip dump expands \d{3,4}× \(\d+ bytes of text from the first \d+ bytes of the \.gz file\), more than the 200× a dump can \(ORDERMYS_MAX_COMPRESSION_RATIO; a mysqldump compresses about 5–15×\): stopped at byte \d+ of the text\. It looks like a gzip bomb, not a dump\.$/,
    )
    expect(error!.offset).toBeGreaterThan(COMPRESSION_RATIO_AFTER_BYTES - 2 * 1024 ** 2)
    expect(error!.offset).toBeLessThanOrEqual(COMPRESSION_RATIO_AFTER_BYTES)
    expect(bytes).toBeLessThanOrEqual(error!.offset) // the parser never saw the bytes past it
    expect(rows).toBeGreaterThan(0) // the real dump in front was read
    expect(performance.now() - started).toBeLessThan(20_000)
  }, 30_000)

  it('stops at the absolute limit whatever the ratio', async () => {
    const { error } = await read(once(gzipSync(Buffer.concat([dump, Buffer.alloc(3 * 1024 * 1024, 0x20)]))), { decompression: { maxBytes: 2 * 1024 * 1024, maxRatio: 1e9 } })
    expect(error).toMatchObject({ code: 'DECOMPRESSED_TOO_LARGE', offset: 2 * 1024 * 1024 })
    expect(error!.message).toMatch(/^The gzip dump expands past the limit of 2 MiB of text \(ORDERMYS_MAX_DECOMPRESSED_BYTES\): stopped at byte 2097152 of the text, \d+ bytes into the \.gz file$/)
  })

  it('reads a real dump, and a very repetitive one that stays below 64 MiB, with the default limits', async () => {
    expect((await read(once(gzipSync(dump)))).error).toBeNull()
    const repetitive = await read(gzipBomb({ head: dump, fillBytes: 32 * 1024 ** 2 }))
    expect(repetitive.error).toBeNull()
    expect(repetitive.bytes).toBe(dump.length + 32 * 1024 ** 2)
  })

  it('leaves a plain dump alone (its size is the upload limit’s business)', async () => {
    const { error } = await read(once(Buffer.concat([dump, Buffer.alloc(3 * 1024 * 1024, 0x20)])), { decompression: { maxBytes: 1024 } })
    expect(error).toBeNull()
  })

  it.each([
    { env: {}, want: { maxBytes: DEFAULT_MAX_DECOMPRESSED_BYTES, maxRatio: DEFAULT_MAX_COMPRESSION_RATIO } },
    { env: { ORDERMYS_MAX_DECOMPRESSED_BYTES: '1048576', ORDERMYS_MAX_COMPRESSION_RATIO: '50' }, want: { maxBytes: 1048576, maxRatio: 50 } },
    { env: { ORDERMYS_MAX_DECOMPRESSED_BYTES: ' ' }, want: { maxBytes: DEFAULT_MAX_DECOMPRESSED_BYTES } },
  ])('limits from the environment $env', ({ env, want }) => {
    expect(decompressionLimits(env)).toMatchObject(want)
  })

  it.each(['0', '-5', 'lots', '1e'])('refuses ORDERMYS_MAX_DECOMPRESSED_BYTES=%s', (value) => {
    expect(() => decompressionLimits({ ORDERMYS_MAX_DECOMPRESSED_BYTES: value })).toThrow(/^ORDERMYS_MAX_DECOMPRESSED_BYTES must be a positive number/)
  })

  it.each([
    { bytes: DEFAULT_MAX_DECOMPRESSED_BYTES, want: '64 GiB' },
    { bytes: 2 * 1024 ** 3, want: '2 GiB' },
    { bytes: 1.5 * 1024 ** 2, want: '1.5 MiB' },
    { bytes: 1500, want: '1,500 bytes' },
  ])('formatLimit($bytes) = $want', ({ bytes, want }) => {
    expect(formatLimit(bytes)).toBe(want)
  })
})
