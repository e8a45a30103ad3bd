// The upload's first-kilobytes check: the reader's NOT_A_DUMP rule (tested case by case in
// dump-reader.errors.test.ts) applied to the head of a file, plain or gzip, cut anywhere.

import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { gzipBomb } from '@/lib/testing/gzip-bomb'
import { checkDumpHead, DUMP_HEAD_BYTES } from './check-dump-head'
import { DumpError } from './dump-error'
import { fixture } from './testing'

const dump = fixture('mariadb-default.sql')
const csv = Buffer.from('OrderID;Customer;Total\n'.repeat(4000))
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(DUMP_HEAD_BYTES, 7)])

async function outcome(head: Uint8Array, complete = false): Promise<string> {
  try {
    await checkDumpHead(head, { complete })
    return 'ok'
  } catch (error) {
    if (!(error instanceof DumpError)) throw error
    return `${error.code}: ${error.message}`
  }
}

async function firstBytes(source: AsyncIterable<Buffer>, n: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let bytes = 0
  for await (const chunk of source) {
    chunks.push(chunk)
    bytes += chunk.length
    if (bytes >= n) break
  }
  return Buffer.concat(chunks).subarray(0, n)
}

describe('checkDumpHead', () => {
  it.each([
    { name: 'a whole small dump', head: dump, complete: true },
    { name: 'its first 64 KiB of a larger dump', head: Buffer.concat([dump, dump, dump, dump, dump, dump]).subarray(0, DUMP_HEAD_BYTES), complete: false },
    { name: 'its first 100 bytes (undecided yet: let through)', head: dump.subarray(0, 100), complete: false },
    { name: 'a whole small gzip dump', head: gzipSync(dump), complete: true },
    { name: 'the first 300 bytes of a gzip dump', head: gzipSync(dump).subarray(0, 300), complete: false },
    { name: 'a truncated dump (staging reports where it ends)', head: dump.subarray(0, 5000), complete: true },
  ])('accepts $name', async ({ head, complete }) => {
    expect(await outcome(head, complete)).toBe('ok')
  })

  it.each([
    { name: 'a CSV', head: csv.subarray(0, DUMP_HEAD_BYTES), want: /^NOT_A_DUMP: Not a MySQL\/MariaDB dump: it begins with "ORDERID/ },
    { name: 'a PNG', head: png.subarray(0, DUMP_HEAD_BYTES), want: /^NOT_A_DUMP: .*starts with the bytes 89 50 4e 47/ },
    { name: 'a gzipped CSV', head: gzipSync(csv).subarray(0, 2000), want: /^NOT_A_DUMP: Not a MySQL\/MariaDB dump: it begins with "ORDERID.*\(in the gunzipped text\)$/ },
    { name: 'an empty file', head: Buffer.alloc(0), complete: true, want: /^NOT_A_DUMP: .*the input is empty/ },
    { name: 'a small text file', head: Buffer.from('hello\n'), complete: true, want: /^NOT_A_DUMP: .*begins with "HELLO"/ },
    { name: 'a comment and nothing else', head: Buffer.from('-- MySQL dump 10.13\n'), complete: true, want: /^NOT_A_DUMP: .*no SQL statement/ },
    { name: 'gzip magic followed by garbage', head: Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(500, 0x41)]), want: /^GZIP: Damaged gzip stream within the first 504 bytes/ },
  ])('refuses $name', async ({ head, complete, want }) => {
    expect(await outcome(head, complete ?? false)).toMatch(want)
  })

  it('refuses a gzip bomb of blanks from its head, inflating only the first kilobytes', async () => {
    // 16 GiB of blanks, no SQL: only the first compressed bytes are ever made or read.
    const head = await firstBytes(gzipBomb({ head: Buffer.alloc(0), fillBytes: 16 * 1024 ** 3 }), DUMP_HEAD_BYTES)
    const started = performance.now()
    expect(await outcome(head)).toMatch(/^NOT_A_DUMP: Not a MySQL\/MariaDB dump: no SQL statement in the first 4096 bytes/)
    expect(performance.now() - started).toBeLessThan(1000)
  })
})
