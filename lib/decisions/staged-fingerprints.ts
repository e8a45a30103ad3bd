import type { ClientBase, Pool } from 'pg'
import { mappingFor, type LegacyRow } from '@/lib/mappings'
import { STAGING_EXACT, stagedTable } from '@/lib/staging/staging-names'
import { rowFingerprint } from './row-fingerprint'

/**
 * A staged row as the mapping reads it: text as strings, binary as bytes, and a value that held NUL
 * as the dump had it (its exact bytes are kept beside the row, `_exact`). The validation pass builds
 * the same from its binary COPY.
 */
export function legacyRowOf(record: Record<string, unknown>, columns: readonly string[]): LegacyRow {
  const row: Record<string, string | Buffer | null> = {}
  for (const column of columns) if (column in record) row[column] = record[column] as string | Buffer | null
  const exact = record[STAGING_EXACT] as Record<string, string> | string | null | undefined
  if (exact) {
    for (const [column, hex] of Object.entries(typeof exact === 'string' ? (JSON.parse(exact) as Record<string, string>) : exact)) {
      if (column in row) row[column] = Buffer.from(hex, 'hex').toString('utf8')
    }
  }
  return row
}

/** The staged rows with these legacy IDs, in dump order: row number and the digest of their source values. */
export async function stagedRowFingerprints(
  db: Pool | ClientBase,
  stagingSchema: string,
  legacyTable: string,
  legacyIds: readonly number[],
): Promise<{ legacyId: number; rowNumber: number; fingerprint: string }[]> {
  const mapping = mappingFor(legacyTable)!
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT * FROM ${stagedTable(stagingSchema, legacyTable)} WHERE _legacy_id = ANY($1::bigint[]) ORDER BY _row`,
    [legacyIds],
  )
  return rows.map((r) => ({
    legacyId: Number(r._legacy_id),
    rowNumber: Number(r._row),
    fingerprint: rowFingerprint(legacyRowOf(r, mapping.legacyColumns), mapping.legacyColumns),
  }))
}
