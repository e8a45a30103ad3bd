import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { DumpError } from './dump-error'
import { openDumpFile, readDump } from './read-dump'
import { fixture, FIXTURES_DIR, readWhole } from './testing'
import type { DumpEvent, DumpInfo } from './types'

async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

async function collect(source: AsyncIterable<Uint8Array>, options?: Parameters<typeof readDump>[1]): Promise<{ events: DumpEvent[]; info: DumpInfo }> {
  const stream = readDump(source, options)
  const events: DumpEvent[] = []
  for await (const event of stream) events.push(event)
  return { events, info: structuredClone(stream.info) }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

const plain = fixture('mariadb-default.sql')
const gzipped = gzipSync(plain)
const expected = readWhole(plain)

describe('readDump', () => {
  it('reads a plain dump like the core does', async () => {
    const { events, info } = await collect(chunksOf(plain, 1000))
    expect(events).toEqual(expected.events)
    expect(info).toEqual(expected.info)
  })

  it.each([1, 7, 1000, 1 << 20])('reads a gzip dump the same as plain (chunks of %i bytes)', async (size) => {
    const { events, info } = await collect(chunksOf(gzipped, size))
    expect(events).toEqual(expected.events)
    expect(info).toEqual({ ...expected.info, sourceBytes: gzipped.length })
  })

  it('reads concatenated gzip members', async () => {
    const half = plain.indexOf('-- Table structure for table `Log`')
    const twoMembers = Buffer.concat([gzipSync(plain.subarray(0, half)), gzipSync(plain.subarray(half))])
    expect((await collect(chunksOf(twoMembers, 999))).events).toEqual(expected.events)
  })

  it('a damaged gzip stream is a GZIP error', async () => {
    const damaged = Buffer.from(gzipped)
    for (let i = 200; i < 260; i++) damaged[i] ^= 0x5a
    const error = await rejection(collect(chunksOf(damaged, 4096)))
    expect(error).toBeInstanceOf(DumpError)
    expect(error).toMatchObject({ code: 'GZIP', line: 0, table: null })
    expect((error as DumpError).message).toMatch(/^Damaged gzip stream/)
  })

  it('a truncated gzip stream is a GZIP error that says so', async () => {
    const error = await rejection(collect(chunksOf(gzipped.subarray(0, gzipped.length - 100), 4096)))
    expect(error).toMatchObject({ code: 'GZIP' })
    expect((error as DumpError).message).toMatch(/ends early \(the \.gz file is truncated\)/)
  })

  it('gzip is told by the magic bytes, not by a name: a plain file named .gz reads as plain', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'read-dump-'))
    try {
      const file = path.join(dir, 'dump.sql.gz')
      writeFileSync(file, plain)
      expect((await collect(openDumpFile(file))).events).toEqual(expected.events)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('an error of the source passes through unchanged, for plain and gzip input', async () => {
    const boom = new Error('disk on fire')
    async function* failing(first: Uint8Array): AsyncGenerator<Uint8Array> {
      yield first
      throw boom
    }
    expect(await rejection(collect(failing(plain.subarray(0, 500))))).toBe(boom)
    expect(await rejection(collect(failing(gzipped.subarray(0, 500))))).toBe(boom)
  })

  it('reader errors surface from the iteration (truncated dump)', async () => {
    const error = await rejection(collect(chunksOf(plain.subarray(0, plain.indexOf("(2,'ab")), 512)))
    expect(error).toMatchObject({ code: 'TRUNCATED', table: 'Blobs' })
  })

  it('a truncated plain dump inside gzip is TRUNCATED', async () => {
    const error = await rejection(collect(chunksOf(gzipSync(plain.subarray(0, plain.indexOf("(2,'ab"))), 512)))
    expect(error).toMatchObject({ code: 'TRUNCATED', table: 'Blobs' })
  })

  it('an empty source is not a dump', async () => {
    expect(await rejection(collect(chunksOf(new Uint8Array(0), 1)))).toMatchObject({ code: 'NOT_A_DUMP' })
  })

  it('exposes live info on the stream and through onInfo', async () => {
    const seen: number[] = []
    const stream = readDump(chunksOf(gzipped, 500), { onInfo: (info) => seen.push(info.sourceBytes) })
    const bytesAtRows: number[] = []
    for await (const event of stream) if (event.kind === 'rows') bytesAtRows.push(stream.info.bytes)
    expect(bytesAtRows.length).toBeGreaterThan(0)
    expect(bytesAtRows.every((b) => b > 0 && b <= plain.length)).toBe(true)
    expect(seen.at(-1)).toBe(gzipped.length)
    expect(seen).toEqual([...seen].sort((a, b) => a - b))
    expect(stream.info).toMatchObject({ bytes: plain.length, sourceBytes: gzipped.length, rows: expected.info.rows })
  })

  it('passes batchSize on', async () => {
    const { events } = await collect(chunksOf(plain, 4096), { batchSize: 1 })
    expect(events.filter((e) => e.kind === 'rows').every((e) => e.rows.length === 1)).toBe(true)
  })

  it('stopping early releases the source (no hang, the file stream is closed)', async () => {
    const source = openDumpFile(path.join(FIXTURES_DIR, 'mariadb-default.sql'))
    for await (const event of readDump(source)) if (event.kind === 'table') break
    expect((source as unknown as { destroyed: boolean }).destroyed).toBe(true)
  })

  it('stopping early from a gzip stream does not hang', async () => {
    for await (const event of readDump(chunksOf(gzipped, 100))) if (event.kind === 'table') break
  })
})

describe('openDumpFile', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'open-dump-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('reads a file in large chunks', async () => {
    const file = path.join(dir, 'big.sql')
    writeFileSync(file, Buffer.alloc(3 * 1024 * 1024, 0x20))
    const sizes: number[] = []
    for await (const chunk of openDumpFile(file)) sizes.push(chunk.length)
    expect(sizes).toEqual([1 << 20, 1 << 20, 1 << 20])
  })

  it('a missing file rejects with the fs error', async () => {
    expect(await rejection(collect(openDumpFile(path.join(dir, 'missing.sql'))))).toMatchObject({ code: 'ENOENT' })
  })
})
