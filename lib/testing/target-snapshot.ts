// What the target tables hold, to compare before and after something that must not change them
// (a refused dump) or must end where another run ended (an import resumed after a crash).

import type { Pool } from 'pg'
import { mappings } from '@/lib/mappings'
import { quoteIdent } from '@/lib/staging/staging-names'

export interface TableSnapshot {
  rows: number
  /** md5 over every column of every row (`t::text`), in legacy-id order */
  md5: string | null
}

/** One table: its row count and an md5 over its whole rows in legacy-id order. */
export async function tableSnapshot(pool: Pick<Pool, 'query'>, targetTable: string): Promise<TableSnapshot> {
  const { rows } = await pool.query<{ rows: number; md5: string | null }>(
    `SELECT count(*)::int AS rows, md5(string_agg(t::text, E'\\n' ORDER BY t.legacy_id)) AS md5 FROM ${quoteIdent(targetTable)} t`,
  )
  return rows[0]
}

/** Every target table of the mappings, by name. */
export async function targetSnapshot(pool: Pick<Pool, 'query'>): Promise<Record<string, TableSnapshot>> {
  const out: Record<string, TableSnapshot> = {}
  for (const m of mappings) out[m.targetTable] = await tableSnapshot(pool, m.targetTable)
  return out
}
