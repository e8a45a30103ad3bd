// Round trip: random values written as MySQL literals the way mysqldump writes them (and in the
// other legal spellings), in random chunkings, read back equal.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readChunks, rowsOf, splitAt } from './testing'
import type { SqlValue } from './types'

// ---- a small, test-only literal writer ------------------------------------------------------

type StringStyle = 'mysqldump' | 'doubled' | 'double-quoted'
type BytesStyle = 'hex' | 'x-quoted' | 'introducer' | 'quoted'

/** mysql_real_escape_string(): what mysqldump writes inside '…'. */
function escapeMysqldump(bytes: Buffer, quote: number): Buffer {
  const out: number[] = []
  for (const b of bytes) {
    switch (b) {
      case 0x00: out.push(0x5c, 0x30); break
      case 0x0a: out.push(0x5c, 0x6e); break
      case 0x0d: out.push(0x5c, 0x72); break
      case 0x1a: out.push(0x5c, 0x5a); break
      case 0x5c: out.push(0x5c, 0x5c); break
      case 0x27: out.push(0x5c, 0x27); break
      case 0x22: out.push(0x5c, 0x22); break
      default: out.push(b)
    }
  }
  const q = Buffer.from([quote])
  return Buffer.concat([q, Buffer.from(out), q])
}

/** Other legal spellings: doubled quotes, raw newlines, \t and \b escapes. */
function escapeDoubled(bytes: Buffer, quote: number): Buffer {
  const out: number[] = []
  for (const b of bytes) {
    if (b === quote) out.push(quote, quote)
    else if (b === 0x5c) out.push(0x5c, 0x5c)
    else if (b === 0x09) out.push(0x5c, 0x74)
    else if (b === 0x08) out.push(0x5c, 0x62)
    else if (b === 0x00) out.push(0x5c, 0x30)
    else out.push(b)
  }
  const q = Buffer.from([quote])
  return Buffer.concat([q, Buffer.from(out), q])
}

function stringLiteral(text: string, style: StringStyle): Buffer {
  const bytes = Buffer.from(text, 'utf8')
  if (style === 'mysqldump') return escapeMysqldump(bytes, 0x27)
  if (style === 'doubled') return escapeDoubled(bytes, 0x27)
  return escapeDoubled(bytes, 0x22)
}

function bytesLiteral(bytes: Uint8Array, style: BytesStyle): Buffer {
  const hex = Buffer.from(bytes).toString('hex')
  switch (style) {
    case 'hex':
      return Buffer.from(bytes.length === 0 ? "''" : `0x${hex.toUpperCase()}`) // mysqldump --hex-blob
    case 'x-quoted':
      return Buffer.from(`X'${hex}'`)
    case 'introducer':
      return Buffer.concat([Buffer.from('_binary '), escapeMysqldump(Buffer.from(bytes), 0x27)])
    case 'quoted':
      return escapeMysqldump(Buffer.from(bytes), 0x27) // a quoted string in a blob column
  }
}

// ---- random values --------------------------------------------------------------------------

const SPECIALS = ['\0', "'", '"', '\\', '\n', '\r', '\r\n', '\x1a', '\t', '\b', '%', '_', '\\%', ';', '),(', '🐴', '🏇', 'é', 'ß', '—', '\uFFFD', '--', '/*', '*/', '#']
const text = fc
  .array(fc.oneof(fc.constantFrom(...SPECIALS), fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ maxLength: 12 })), { maxLength: 8 })
  .map((parts) => parts.join(''))
  .filter((s) => Buffer.from(s, 'utf8').toString('utf8') === s) // no lone surrogates: UTF-8 cannot hold them

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max })

interface Cell {
  literal: Buffer
  want: SqlValue
}

const integer: fc.Arbitrary<Cell> = fc.oneof(fc.integer(), fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }), fc.constantFrom(9007199254740991n, 9007199254740992n, -9007199254740993n)).map((v) => {
  const big = BigInt(v)
  const safe = big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER)
  return { literal: Buffer.from(big.toString()), want: safe ? Number(big) : big }
})

const decimal: fc.Arbitrary<Cell> = fc.tuple(fc.boolean(), digits(1, 30), digits(1, 30)).map(([neg, i, f]) => {
  const t = `${neg ? '-' : ''}${i}.${f}`
  return { literal: Buffer.from(t), want: t }
})

const exponent: fc.Arbitrary<Cell> = fc
  .tuple(fc.constantFrom('', '-'), digits(1, 17), fc.option(digits(1, 17), { nil: undefined }), fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digits(1, 3))
  .map(([sign, m, f, e, es, x]) => {
    const t = `${sign}${m}${f === undefined ? '' : '.' + f}${e}${es}${x}`
    return { literal: Buffer.from(t), want: t }
  })

const string: fc.Arbitrary<Cell> = fc
  .tuple(text, fc.constantFrom<StringStyle>('mysqldump', 'mysqldump', 'doubled', 'double-quoted'))
  .map(([t, style]) => ({ literal: stringLiteral(t, style), want: t }))

const blob: fc.Arbitrary<Cell> = fc
  .tuple(fc.uint8Array({ maxLength: 40 }), fc.constantFrom<BytesStyle>('hex', 'x-quoted', 'introducer', 'quoted'))
  .map(([b, style]) => ({ literal: bytesLiteral(b, style), want: new Uint8Array(b) }))

const NULL: Cell = { literal: Buffer.from('NULL'), want: null }
const nullable = (cell: fc.Arbitrary<Cell>) => fc.oneof({ arbitrary: cell, weight: 6 }, { arbitrary: fc.constant(NULL), weight: 1 })

const COLUMNS = ['i', 'd', 'f', 's', 'b', 'n']
const CREATE = 'CREATE TABLE `r` (\n  `i` decimal(30,0) DEFAULT NULL,\n  `d` decimal(65,30) DEFAULT NULL,\n  `f` double DEFAULT NULL,\n  `s` mediumtext DEFAULT NULL,\n  `b` longblob DEFAULT NULL,\n  `n` varchar(255) DEFAULT NULL\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n'
const row = fc.tuple(nullable(integer), nullable(decimal), nullable(exponent), nullable(string), nullable(blob), nullable(string))

type Layout = 'extended' | 'one-per-statement' | 'complete-insert'

function dumpOf(rows: Cell[][], layout: Layout): Buffer {
  const tuple = (cells: Cell[]) => Buffer.concat([Buffer.from('('), ...cells.flatMap((c, i) => (i === 0 ? [c.literal] : [Buffer.from(','), c.literal])), Buffer.from(')')])
  const parts: Buffer[] = [Buffer.from('/*M!999999\\- enable the sandbox mode */ \n-- MariaDB dump\n\n/*!40101 SET NAMES utf8mb4 */;\n'), Buffer.from(CREATE)]
  if (layout === 'one-per-statement') {
    for (const cells of rows) parts.push(Buffer.from('INSERT INTO `r` VALUES '), tuple(cells), Buffer.from(';\n'))
  } else if (rows.length > 0) {
    const head = layout === 'complete-insert' ? `INSERT INTO \`r\` (${COLUMNS.map((c) => `\`${c}\``).join(', ')}) VALUES ` : 'INSERT INTO `r` VALUES\n'
    parts.push(Buffer.from(head))
    rows.forEach((cells, i) => parts.push(i === 0 ? Buffer.alloc(0) : Buffer.from(',\n'), tuple(cells)))
    parts.push(Buffer.from(';\n'))
  }
  parts.push(Buffer.from('-- Dump completed on 2026-11-25 10:00:00\n'))
  return Buffer.concat(parts)
}

const cuts = (max: number) => fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, max - 1) }), { maxLength: 12 }).map((a) => a.sort((x, y) => x - y))

describe('round trip: values written as MySQL literals read back equal', () => {
  it('rows of every kind of value, in every layout and batch size', () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 0, maxLength: 12 }),
        fc.constantFrom<Layout>('extended', 'one-per-statement', 'complete-insert'),
        fc.integer({ min: 1, max: 5 }),
        (rows, layout, batchSize) => {
          const dump = dumpOf(rows, layout)
          const want = rows.map((cells) => cells.map((c) => c.want))
          const whole = readChunks([dump], { batchSize })
          expect(rowsOf(whole.events, 'r')).toEqual(want)
          expect(whole.events.filter((e) => e.kind === 'warning')).toEqual([])
          expect(whole.info.rows).toBe(rows.length)
          return true
        },
      ),
      { numRuns: 300 },
    )
  })

  it('the same events for any chunking', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 6 }), fc.constantFrom<Layout>('extended', 'one-per-statement', 'complete-insert'), fc.nat(), (rows, layout, seed) => {
        const dump = dumpOf(rows, layout)
        const whole = readChunks([dump], { batchSize: 2 })
        const offsets = fc.sample(cuts(dump.length), { numRuns: 1, seed })[0]
        expect(readChunks(splitAt(dump, offsets), { batchSize: 2 })).toEqual(whole)
      }),
      { numRuns: 300 },
    )
  })

  it('single values in 1-byte chunks', () => {
    fc.assert(
      fc.property(nullable(fc.oneof(integer, decimal, exponent, string, blob)), (cell) => {
        const dump = Buffer.concat([Buffer.from('CREATE TABLE `r` (`b` longblob);\nINSERT INTO `r` VALUES ('), cell.literal, Buffer.from(');\n')])
        const chunks = Array.from({ length: dump.length }, (_, i) => dump.subarray(i, i + 1))
        const got = rowsOf(readChunks(chunks).events, 'r')[0][0]
        // in a blob column quoted strings are bytes: compare with the UTF-8 bytes of a text value
        expect(got).toEqual(typeof cell.want === 'string' && cell.literal[0] !== 0x5f && (cell.literal[0] === 0x27 || cell.literal[0] === 0x22) ? new Uint8Array(Buffer.from(cell.want)) : cell.want)
      }),
      { numRuns: 300 },
    )
  })
})
