import { Readable } from 'node:stream'
import { to as copyTo } from 'pg-copy-streams'
import { describe, expect, it } from 'vitest'
import { useTestDatabase } from '@/lib/testing/use-test-database'
import { CopyBinaryFormatError, readCopyBinaryRows, type CopyBinaryField, type CopyBinaryValue } from './copy-binary-reader'

// PostgreSQL writes the binary COPY data; the reader must give back exactly what was selected.

const db = useTestDatabase()

const FIELDS: CopyBinaryField[] = ['int8', 'jsonb', 'text', 'bytea']
const SELECT = `SELECT * FROM (VALUES
  (1::bigint, NULL::jsonb, 'plain'::text, '\\x0001ff'::bytea),
  (2, '{"Query": "00ff"}', 'Müller 🐴 tab\there new\nline back\\slash', ''::bytea),
  (9007199254740991, '[]', '', NULL),
  (-5, NULL, NULL, decode(repeat('ab', 70000), 'hex')),
  (4, '"x"', repeat('é', 100000), '\\x00'::bytea)
) AS v(n, exact, text, bytes) ORDER BY n`
const WANT: CopyBinaryValue[][] = [
  [-5, null, null, Buffer.alloc(70000, 0xab)],
  [1, null, 'plain', Buffer.from([0, 1, 255])],
  [2, '{"Query": "00ff"}', 'Müller 🐴 tab\there new\nline back\\slash', Buffer.alloc(0)],
  [4, '"x"', 'é'.repeat(100000), Buffer.from([0])],
  [9007199254740991, '[]', '', null],
]

async function copyOut(select: string): Promise<Buffer> {
  const client = await db.pool.connect()
  try {
    const chunks: Buffer[] = []
    for await (const chunk of client.query(copyTo(`COPY (${select}) TO STDOUT (FORMAT binary)`))) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks)
  } finally {
    client.release()
  }
}

async function readAll(chunks: Buffer[], fields = FIELDS): Promise<CopyBinaryValue[][]> {
  const rows: CopyBinaryValue[][] = []
  for await (const batch of readCopyBinaryRows(Readable.from(chunks, { objectMode: false }), fields)) rows.push(...batch)
  return rows
}

describe('COPY binary reader', () => {
  it('reads what PostgreSQL wrote, straight from the connection', async () => {
    const client = await db.pool.connect()
    try {
      const rows: CopyBinaryValue[][] = []
      for await (const batch of readCopyBinaryRows(client.query(copyTo(`COPY (${SELECT}) TO STDOUT (FORMAT binary)`)), FIELDS)) rows.push(...batch)
      expect(rows).toEqual(WANT)
    } finally {
      client.release()
    }
  })

  it('reads rows cut between chunks at every offset, the header and multibyte characters included', async () => {
    const data = await copyOut(`SELECT 7::bigint, '{"a":1}'::jsonb, 'Größe 🐴'::text, '\\x00ff'::bytea UNION ALL SELECT 8, NULL, NULL, NULL`)
    const want = [
      [7, '{"a": 1}', 'Größe 🐴', Buffer.from([0, 255])],
      [8, null, null, null],
    ]
    for (let cut = 0; cut <= data.length; cut++) {
      expect(await readAll([data.subarray(0, cut), data.subarray(cut)]), `cut at ${cut}`).toEqual(want)
    }
  })

  it('names data that ends early, with its byte offset', async () => {
    const data = await copyOut(SELECT)
    await expect(readAll([data.subarray(0, data.length - 2)])).rejects.toThrow(/ended without its end marker \(at byte \d+\)/)
    await expect(readAll([data.subarray(0, 100)])).rejects.toThrow(CopyBinaryFormatError)
  })

  it('refuses data that is not binary COPY, or rows of another shape than selected', async () => {
    await expect(readAll([Buffer.from('1\tplain\n'.repeat(10))])).rejects.toThrow(/binary signature/)
    const data = await copyOut(SELECT)
    await expect(readAll([data], ['int8', 'jsonb', 'text'])).rejects.toThrow(/a row has 4 fields, 3 were selected \(at byte 19\)/)
  })
})
