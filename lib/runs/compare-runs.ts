// A run's dump against an earlier run's, per table: the legacy IDs added since, those whose source
// values changed, and those gone — what a cutover on a later dump will change, and what it will
// remove if the operator prunes. Both dumps are read from their staging schemas, in PostgreSQL.

import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { mappings } from '@/lib/mappings'
import { quoteIdent, stagedTable } from '@/lib/staging/staging-names'

export interface TableComparison {
  legacyTable: string
  /** null: the table is in neither dump, or only in one (then every ID is added or gone) */
  added: number
  changed: number
  gone: number
  unchanged: number
  /** the first few legacy IDs of each kind */
  examples: { added: number[]; changed: number[]; gone: number[] }
}

export interface RunComparison {
  runId: string
  earlierRunId: string
  earlierFileName: string
  tables: TableComparison[]
}

const EXAMPLES = 10

export async function compareRuns({ db, runId, earlierRunId }: { db: DatabaseClients; runId: string; earlierRunId: string }): Promise<RunComparison> {
  if (runId === earlierRunId) throw new AppError('INVALID_INPUT', 'A run is compared with another run')
  const [run, earlier] = await Promise.all([
    db.prisma.migrationRun.findUnique({ where: { id: runId }, select: { stagingSchema: true } }),
    db.prisma.migrationRun.findUnique({ where: { id: earlierRunId }, select: { stagingSchema: true, fileName: true } }),
  ])
  if (!run?.stagingSchema) throw new AppError('NOT_FOUND', 'This run has no staged dump')
  if (!earlier?.stagingSchema) throw new AppError('NOT_FOUND', 'The earlier run has no staged dump (it failed, or its staging area was removed)')
  const columns = await stagedColumns(db, [run.stagingSchema, earlier.stagingSchema])
  const tables: TableComparison[] = []
  for (const mapping of mappings) {
    const now = columns.get(`${run.stagingSchema}.${mapping.legacyTable}`)
    const before = columns.get(`${earlier.stagingSchema}.${mapping.legacyTable}`)
    if (!now && !before) continue
    // The mapping's columns that both dumps have (a column one of them lacks, drift, is not a change
    // of every row), and the exact bytes of values that held NUL.
    const compared = mapping.legacyColumns.filter((c) => c !== 'ID' && now?.has(c) && before?.has(c))
    const side = (schema: string, present: boolean) =>
      present
        ? `(SELECT DISTINCT ON (_legacy_id) _legacy_id AS id, md5(row(${[...compared.map((c) => `s.${quoteIdent(c)}`), 's._exact'].join(', ')})::text) AS h
              FROM ${stagedTable(schema, mapping.legacyTable)} s WHERE _legacy_id IS NOT NULL ORDER BY _legacy_id, _row)`
        : '(SELECT NULL::bigint AS id, NULL::text AS h WHERE false)'
    const { rows } = await db.pool.query<{ kind: string; n: number; examples: string[] | null }>(
      `WITH a AS ${side(run.stagingSchema, !!now)}, b AS ${side(earlier.stagingSchema, !!before)},
            d AS (SELECT CASE WHEN b.id IS NULL THEN 'added' WHEN a.id IS NULL THEN 'gone' WHEN a.h <> b.h THEN 'changed' ELSE 'unchanged' END AS kind,
                         coalesce(a.id, b.id) AS id
                    FROM a FULL JOIN b ON a.id = b.id)
       SELECT kind, count(*)::int AS n, (array_agg(id ORDER BY id))[1:${EXAMPLES}]::text[] AS examples FROM d GROUP BY kind`,
    )
    const of = (kind: string) => rows.find((r) => r.kind === kind)
    tables.push({
      legacyTable: mapping.legacyTable,
      added: of('added')?.n ?? 0,
      changed: of('changed')?.n ?? 0,
      gone: of('gone')?.n ?? 0,
      unchanged: of('unchanged')?.n ?? 0,
      examples: {
        added: (of('added')?.examples ?? []).map(Number),
        changed: (of('changed')?.examples ?? []).map(Number),
        gone: (of('gone')?.examples ?? []).map(Number),
      },
    })
  }
  return { runId, earlierRunId, earlierFileName: earlier.fileName, tables }
}

/** schema.table → its columns, for the staging schemas given. */
async function stagedColumns(db: DatabaseClients, schemas: string[]): Promise<Map<string, Set<string>>> {
  const { rows } = await db.pool.query<{ s: string; t: string; c: string }>(
    `SELECT table_schema AS s, table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = ANY($1::text[])`,
    [schemas],
  )
  const out = new Map<string, Set<string>>()
  for (const r of rows) {
    const key = `${r.s}.${r.t}`
    if (!out.has(key)) out.set(key, new Set())
    out.get(key)!.add(r.c)
  }
  return out
}
