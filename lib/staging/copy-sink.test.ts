// A COPY that PostgreSQL refuses in the middle of the stream, while the writer is busy filling the
// next chunk and awaits nothing: the refusal must reach the writer (from its next push or end), and
// ending the COPY afterwards must neither hang nor leave the connection unusable.

import { describe, expect, it } from 'vitest'
import { useTestDatabase } from '@/lib/testing/use-test-database'
import { CopyTextBuffer } from './copy-text'
import { CopySink } from './copy-sink'

const db = useTestDatabase()

/** Writes `count` rows (n, n) through a sink into `t`, whose CHECK refuses n ≥ 500; returns what the writer saw. */
async function writeRefusedRows(finish: 'end' | 'abort'): Promise<{ error: unknown; after: string }> {
  const client = await db.pool.connect()
  let error: unknown = null
  try {
    await client.query('BEGIN')
    await client.query('CREATE TEMP TABLE t (n int CHECK (n < 500)) ON COMMIT DROP')
    // small chunks: many go out, and the refusal arrives while later rows are being gathered
    const sink = new CopySink(client, 'COPY t FROM STDIN', new CopyTextBuffer(256))
    try {
      for (let n = 0; n < 200_000; n++) {
        const written = sink.push([String(n)])
        if (written) await written
        if (n % 1000 === 0) await new Promise((resolve) => setImmediate(resolve)) // let PostgreSQL's answer arrive
      }
      await sink.end()
    } catch (caught) {
      error = caught
      if (finish === 'abort') await sink.abort(caught as Error)
    }
    await client.query('ROLLBACK')
    const { rows } = await client.query<{ ok: string }>("SELECT 'usable' AS ok")
    return { error, after: rows[0].ok }
  } finally {
    client.release()
  }
}

describe('CopySink when PostgreSQL refuses the COPY', () => {
  it.each(['end', 'abort'] as const)('throws the refusal to the writer, then %s returns and the connection is usable', async (finish) => {
    const { error, after } = await writeRefusedRows(finish)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(/violates check constraint "t_n_check"/)
    expect(after).toBe('usable')
  }, 20_000)

  it('aborts a COPY PostgreSQL refused before it began (no such table) without waiting for an answer', async () => {
    const client = await db.pool.connect()
    try {
      await client.query('BEGIN')
      const sink = new CopySink(client, 'COPY no_such_table FROM STDIN')
      const refused = await sink.end().then(() => null, (caught: unknown) => caught)
      expect((refused as Error).message).toMatch(/relation "no_such_table" does not exist/)
      await sink.abort(refused as Error)
      await client.query('ROLLBACK')
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
    } finally {
      client.release()
    }
  }, 20_000)
})
