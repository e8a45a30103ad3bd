// Row hashes: md5 over a canonical text of each row (the target columns in table order, each as
// session-independent text, joined as a row literal so NULL and '' differ), computed on both
// mapped__<target> and the target table and compared by legacy_id in SQL. For the first differing
// rows, the columns that differ are named.
//
// The uuid halves of reference pairs are left out: the importer empties a uuid whose referenced row
// is not in the target (the legacy half stays), which the reference checks compare row by row
// against the source, together with the uuid's integrity. Every other column is hashed, the
// legacy halves included.

import { quoteIdent } from '@/lib/staging/staging-names'
import type { RowHashFigures } from './report-schema'
import { hasMapped, mappedRef, toCount, type ReconcileScope } from './reconcile-scope'
import { referenceUuidColumns } from './reconcile-specs'
import { sqlCanonicalText } from './source-sql'
import { mappedTableName } from '@/lib/validate/validate-table'

export interface HashColumns {
  columns: { name: string; dataType: string }[]
  excluded: string[]
}

/** The hashed columns: the target's, in table order, present in mapped__ too, minus the uuid halves. */
export function hashColumns(target: ReadonlyMap<string, string>, mapped: ReadonlyMap<string, string>, uuidHalves: readonly string[]): HashColumns {
  const columns: HashColumns['columns'] = []
  const excluded: string[] = []
  for (const [name, dataType] of target) {
    if (uuidHalves.includes(name) || !mapped.has(name)) excluded.push(name)
    else columns.push({ name, dataType })
  }
  for (const name of mapped.keys()) if (name !== '_row' && !target.has(name)) excluded.push(name)
  return { columns, excluded }
}

/** md5 of the canonical row text, as SQL over `alias`. */
export function rowHashSql(alias: string, columns: HashColumns['columns']): string {
  const fields = columns.map((c) => sqlCanonicalText(`${alias}.${quoteIdent(c.name)}`, c.dataType))
  return `md5(row(${fields.join(', ')})::text)`
}

export async function collectRowHashes(scope: ReconcileScope, legacyTable: string, targetTable: string): Promise<RowHashFigures | null> {
  const target = scope.targetColumns.get(targetTable)
  const mapped = scope.stagingColumns.get(mappedTableName(targetTable))
  if (!target || !mapped || !hasMapped(scope, targetTable)) return null
  const { columns, excluded } = hashColumns(target, mapped, referenceUuidColumns(targetTable))
  const M = mappedRef(scope, targetTable)
  const T = quoteIdent(targetTable)
  const hashes = `m as (select legacy_id, ${rowHashSql('m', columns)} as h from ${M} m),
                  t as (select legacy_id, ${rowHashSql('t', columns)} as h from ${T} t)`
  // 60 bits of each md5, summed: equal multisets of rows give equal fingerprints, in any order
  const fingerprint = (side: string) => `coalesce(sum(('x' || substr(${side}.h, 1, 15))::bit(60)::bigint), 0)::text`
  const { rows } = await scope.pool.query(
    `with ${hashes}
     select count(m.legacy_id) as source_rows, count(t.legacy_id) as target_rows,
            count(*) filter (where m.h = t.h) as matching,
            count(*) filter (where m.h <> t.h) as differing,
            count(*) filter (where t.legacy_id is null) as missing,
            count(*) filter (where m.legacy_id is null) as extra,
            ${fingerprint('m')} as source_fingerprint, ${fingerprint('t')} as target_fingerprint
       from m full join t on t.legacy_id = m.legacy_id`,
  )
  const r = rows[0]
  const figures: RowHashFigures = {
    legacyTable,
    targetTable,
    columns: columns.map((c) => c.name),
    excludedColumns: excluded,
    sourceRows: toCount(r.source_rows),
    targetRows: toCount(r.target_rows),
    matching: toCount(r.matching),
    differing: toCount(r.differing),
    missingInTarget: toCount(r.missing),
    extraInTarget: toCount(r.extra),
    sourceFingerprint: r.source_fingerprint,
    targetFingerprint: r.target_fingerprint,
    examples: [],
  }
  if (figures.differing + figures.missingInTarget + figures.extraInTarget === 0) return figures

  // The first rows of each kind, and for differing rows the columns that differ.
  const examples = await scope.pool.query<{ legacy_id: number; kind: 'differs' | 'missing' | 'extra' }>(
    `with ${hashes}
     select * from (
       select coalesce(m.legacy_id, t.legacy_id) as legacy_id,
              case when t.legacy_id is null then 'missing' when m.legacy_id is null then 'extra' else 'differs' end as kind,
              row_number() over (partition by (case when t.legacy_id is null then 1 when m.legacy_id is null then 2 else 3 end)
                                 order by coalesce(m.legacy_id, t.legacy_id)) as n
         from m full join t on t.legacy_id = m.legacy_id
        where m.h is distinct from t.h) x
      where n <= $1 order by kind, legacy_id`,
    [scope.exampleLimit],
  )
  const differing = examples.rows.filter((e) => e.kind === 'differs').map((e) => e.legacy_id)
  const differingColumns = new Map<number, string[]>()
  if (differing.length > 0) {
    const tests = columns.map(
      (c) => `case when ${sqlCanonicalText(`m.${quoteIdent(c.name)}`, c.dataType)} is distinct from ${sqlCanonicalText(`t.${quoteIdent(c.name)}`, c.dataType)} then '${c.name}' end`,
    )
    const diff = await scope.pool.query<{ legacy_id: number; columns: string[] }>(
      `select m.legacy_id, array_remove(array[${tests.join(', ')}]::text[], null) as columns
         from ${M} m join ${T} t on t.legacy_id = m.legacy_id where m.legacy_id = any($1::int[])`,
      [differing],
    )
    for (const row of diff.rows) differingColumns.set(row.legacy_id, row.columns)
  }
  figures.examples = examples.rows.map((e) => ({ legacyId: e.legacy_id, kind: e.kind, columns: differingColumns.get(e.legacy_id) ?? [] }))
  return figures
}
