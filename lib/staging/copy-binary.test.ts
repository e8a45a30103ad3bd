import { describe, expect, it } from 'vitest'
import { useTestDatabase } from '@/lib/testing/use-test-database'
import { BinaryCopyValueError, CopyBinaryBuffer } from './copy-binary'
import { CopySink } from './copy-sink'

// PostgreSQL is the oracle: every value written in binary must read back as PostgreSQL's own text
// input of the same value gives it.

const db = useTestDatabase()

const NUMERICS = [
  '0', '0.00', '-0.00', '00012.30', '12.50', '-12.5', '0.01', '-0.0001', '1', '10000', '100000000', '10000.0001', '9999.9999',
  '1234567.89', '9999999999.99', '-9999999999.99', '12345678901234567890.123456789', '0.000000001', '1.005', '2.675', '-1.005',
]
const TIMES = [
  '1970-01-01T00:00:00.000Z', '2012-01-02T13:36:06.000Z', '2026-11-25T10:11:12.123Z', '1999-12-31T23:59:59.999Z', '2000-01-01T00:00:00.000Z',
  '1600-03-01T00:00:00.000Z', '2300-01-01T00:00:00.001Z', '9999-12-31T23:59:59.999Z',
]
const TEXTS = ['', 'plain', 'tab\there\nnew line\r\\ backslash', 'O\'Brien "quoted" 🐴 é Größe ♥', '\\N', 'x'.repeat(200_000) + 'é', 'lone \ud800 surrogate']

async function roundTrip(write: (rows: CopyBinaryBuffer) => void, columns: string, count: number, chunkBytes = 64, select = '*') {
  const client = await db.pool.connect()
  try {
    await client.query('BEGIN')
    await client.query(`CREATE TEMP TABLE t (n int, ${columns}) ON COMMIT DROP`)
    const sink = new CopySink(client, `COPY t FROM STDIN (FORMAT binary)`, new CopyBinaryBuffer(chunkBytes))
    for (let n = 0; n < count; n++) {
      write(sink.rows)
      const written = sink.written()
      if (written) await written
    }
    await sink.end()
    const { rows } = await client.query(`SELECT ${select} FROM t ORDER BY n`)
    await client.query('COMMIT')
    return rows
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  } finally {
    client.release()
  }
}

describe('COPY binary, read back by PostgreSQL', () => {
  it('writes numeric as PostgreSQL reads the same decimal text, unconstrained and as numeric(12,2)', async () => {
    let n = 0
    const rows = await roundTrip(
      (rows) => {
        rows.startRow(3)
        rows.int4(n)
        rows.numeric(NUMERICS[n])
        rows.numeric(NUMERICS[n].length <= 14 ? NUMERICS[n] : '0')
        n++
      },
      'exact numeric, money numeric(12,2)',
      NUMERICS.length,
    )
    const expected = await db.pool.query(
      `SELECT v::numeric::text AS exact, (CASE WHEN length(v) <= 14 THEN v ELSE '0' END)::numeric(12,2)::text AS money FROM unnest($1::text[]) WITH ORDINALITY AS u(v, i) ORDER BY i`,
      [NUMERICS],
    )
    expect(rows.map((r) => ({ exact: String(r.exact), money: String(r.money) }))).toEqual(expected.rows)
    expect(rows.find((r) => r.n === NUMERICS.indexOf('1.005'))?.money).toBe('1.01') // rounded half away from zero, as for text
  })

  it('refuses a numeric beyond the column precision, as PostgreSQL does for text', async () => {
    await expect(
      roundTrip(
        (rows) => {
          rows.startRow(2)
          rows.int4(1)
          rows.numeric('99999999999.99')
        },
        'money numeric(12,2)',
        1,
      ),
    ).rejects.toThrow(/numeric field overflow/)
  })

  it('writes times to the microsecond, before and after 2000 and beyond exact doubles of microseconds', async () => {
    let n = 0
    const rows = await roundTrip(
      (rows) => {
        rows.startRow(2)
        rows.int4(n)
        rows.timestamptz(new Date(TIMES[n++]))
      },
      'at timestamptz',
      TIMES.length,
      64,
      '*, (extract(epoch FROM at) * 1000000)::bigint::text AS micros',
    )
    expect(rows.map((r) => (r.at as Date).toISOString())).toEqual(TIMES.map((t) => new Date(t).toISOString()))
    expect(rows.map((r) => r.micros)).toEqual(TIMES.map((t) => String(BigInt(new Date(t).getTime()) * 1000n)))
  })

  it('writes text and jsonb as UTF-8 (a lone surrogate as U+FFFD), uuids, integers, booleans and NULLs', async () => {
    let n = 0
    const json = { model: 'Größe 🐴', nested: [1, 2.5, null, true, { 'tab\t': 'a\\b' }] }
    const rows = await roundTrip(
      (rows) => {
        rows.startRow(8)
        rows.int4(n)
        rows.text(TEXTS[n])
        // JSON.stringify writes a lone surrogate as \ud800, which jsonb refuses (the mappings replace it)
        rows.jsonb(JSON.stringify(n === 0 ? json : TEXTS[n].replace('\ud800', '?')))
        rows.uuid(`0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5${String(n).padStart(2, '0')}`)
        rows.int8(n === 0 ? 2n ** 62n : -(2 ** 53 - 1))
        rows.bool(n % 2 === 0)
        if (n === 1) rows.null()
        else rows.int4(n === 0 ? -2147483648 : 2147483647)
        rows.null()
        n++
      },
      'text text, doc jsonb, id uuid, big bigint, flag boolean, small int, nothing text',
      TEXTS.length,
    )
    expect(rows.map((r) => r.text)).toEqual(TEXTS.map((t) => Buffer.from(t).toString()))
    expect(rows[0].doc).toEqual(json)
    expect(rows[2].doc).toBe(TEXTS[2])
    expect(rows.map((r) => r.id)).toEqual(TEXTS.map((_, i) => `0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5${String(i).padStart(2, '0')}`))
    expect(rows[0].big).toBe(String(2n ** 62n))
    expect(rows[1].big).toBe(String(-(2 ** 53 - 1)))
    expect(rows.map((r) => r.flag)).toEqual(TEXTS.map((_, i) => i % 2 === 0))
    expect(rows.map((r) => r.small)).toEqual(TEXTS.map((_, i) => (i === 1 ? null : i === 0 ? -2147483648 : 2147483647)))
    expect(rows.every((r) => r.nothing === null)).toBe(true)
  })
})

describe('CopyBinaryBuffer', () => {
  it('puts the header before the first chunk only and the trailer after the last', () => {
    const rows = new CopyBinaryBuffer(8)
    rows.startRow(1)
    rows.int4(7)
    expect(rows.full).toBe(true)
    const first = rows.take()
    expect(first.subarray(0, 11).toString('latin1')).toBe('PGCOPY\n\xff\r\n\0')
    expect(first.length).toBe(19 + 2 + 8)
    rows.startRow(1)
    rows.null()
    rows.finish()
    expect([...rows.take()]).toEqual([0, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
    expect(rows.empty).toBe(true)
  })

  it.each([
    ['a uuid without dashes', (rows: CopyBinaryBuffer) => rows.uuid('0192f3a45b6c7d8e9fa0b1c2d3e4f5a6xxxx')],
    ['a uuid with a non-hex digit', (rows: CopyBinaryBuffer) => rows.uuid('0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5zz')],
    ['an integer beyond 32 bits', (rows: CopyBinaryBuffer) => rows.int4(2147483648)],
    ['a fraction as an integer', (rows: CopyBinaryBuffer) => rows.int4(1.5)],
    ['an inexact integer as int8', (rows: CopyBinaryBuffer) => rows.int8(2 ** 60)],
    ['decimal text in exponent form', (rows: CopyBinaryBuffer) => rows.numeric('1e5')],
    ['an empty decimal', (rows: CopyBinaryBuffer) => rows.numeric('')],
    ['an invalid Date', (rows: CopyBinaryBuffer) => rows.timestamptz(new Date('no'))],
  ])('refuses %s, naming it', (_, write) => {
    expect(() => write(new CopyBinaryBuffer())).toThrow(BinaryCopyValueError)
  })
})
