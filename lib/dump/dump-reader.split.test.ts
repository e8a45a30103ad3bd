// pg-protocol's "split buffer" habit taken all the way: every fixture is read whole, then split in
// two at every byte offset, then fed byte by byte; the events and counters must not change.

import { describe, expect, it } from 'vitest'
import { byteByByte, fixture, readChunks, readWhole, splitAt } from './testing'

const FIXTURES = [
  'mariadb-default.sql',
  'mariadb-skip-extended-insert.sql',
  'mariadb-complete-insert-hex-blob.sql',
  'mysql57-view-placeholder.sql',
  'hand-written.sql',
  'other-tools.sql',
]

/** Invalid UTF-8 in text columns (warnings) next to raw bytes in a blob column (no warnings). */
const INVALID_UTF8 = Buffer.concat([
  Buffer.from("CREATE TABLE t (id int, txt text, bin blob);\nINSERT INTO t VALUES\n(1,'ok é','"),
  Buffer.from([0xff, 0xfe, 0x27 - 0x27 + 0x41]),
  Buffer.from("'),\n(2,'bad \\n"),
  Buffer.from([0xc3, 0x28]),
  Buffer.from(" after','x'),\n(3,'cut "),
  Buffer.from([0xe2, 0x82]),
  Buffer.from("',NULL);\n"),
])

const CASES = [...FIXTURES.map((name) => ({ name, bytes: fixture(name) })), { name: 'invalid UTF-8 (built)', bytes: INVALID_UTF8 }]

describe.each(CASES)('$name', ({ bytes }) => {
  const whole = readWhole(bytes, { batchSize: 2 })
  const wholeJson = JSON.stringify(whole, replacer)

  it('reads without errors and produces events', () => {
    expect(whole.events.length).toBeGreaterThan(0)
    expect(whole.info.bytes).toBe(bytes.length)
  })

  it('split in two at every byte offset reads the same', () => {
    for (let cut = 1; cut < bytes.length; cut++) {
      const split = readChunks(splitAt(bytes, [cut]), { batchSize: 2 })
      if (JSON.stringify(split, replacer) !== wholeJson) {
        expect({ cut, ...split }).toEqual({ cut, ...whole })
      }
    }
  })

  it('split in three at offsets 7 bytes apart reads the same', () => {
    for (let cut = 1; cut + 7 < bytes.length; cut += 11) {
      const split = readChunks(splitAt(bytes, [cut, cut + 7]), { batchSize: 2 })
      if (JSON.stringify(split, replacer) !== wholeJson) {
        expect({ cut, ...split }).toEqual({ cut, ...whole })
      }
    }
  })

  it('fed byte by byte reads the same', () => {
    expect(readChunks(byteByByte(bytes), { batchSize: 2 })).toEqual(whole)
  })
})

/** JSON for a fast comparison; toEqual only runs (for its diff) when this differs. */
function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return `${value}n`
  if (value instanceof Uint8Array) return `bytes:${Buffer.from(value).toString('hex')}`
  return value
}
