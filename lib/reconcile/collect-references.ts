// References of one legacy table, all in one query: every accepted source row's reference classed
// from the staged values alone (0/NULL → none; in the referenced staged table and accepted there →
// resolved; staged there but rejected → rejectedTarget; else orphan), every target row's pair
// classed (uuid set → resolved; only the legacy half → orphan; neither → none), both joined by
// legacy_id, plus the integrity of each uuid (its row's legacy_id is the legacy half).

import { quoteIdent } from '@/lib/staging/staging-names'
import type { ReferenceFigures } from './report-schema'
import { hasMapped, hasStaged, mappedRef, stagedColumn, stagedRef, toCount, toIds, type ReconcileScope } from './reconcile-scope'
import { referencesOf, targetTableOf, type ReferenceSpec } from './reconcile-specs'
import { sqlInteger } from './source-sql'

export async function collectReferences(scope: ReconcileScope, legacyTable: string): Promise<ReferenceFigures[]> {
  const specs = referencesOf(legacyTable)
  if (specs.length === 0) return []
  const targetTable = targetTableOf(legacyTable)
  const base = (spec: ReferenceSpec): ReferenceFigures => ({
    legacyTable,
    legacyColumn: spec.legacyColumn,
    referencedLegacyTable: spec.referencedLegacyTable,
    targetTable,
    kind: spec.kind,
    targetColumn: spec.targetColumn,
    legacyTargetColumn: spec.kind === 'pair' ? spec.legacyTargetColumn : null,
    referencedTargetTable: targetTableOf(spec.referencedLegacyTable),
    source: null,
    target: null,
    mismatches: 0,
    mismatchExamples: [],
    integrityViolations: 0,
    integrityExamples: [],
    orphanWarnings: null,
    orphanExamples: [],
  })
  if (!hasStaged(scope, legacyTable) || !hasMapped(scope, targetTable)) return specs.map(base)

  const S = stagedRef(scope, legacyTable)
  const M = mappedRef(scope, targetTable)
  const T = quoteIdent(targetTable)
  const limit = scope.exampleLimit

  // One lookup per referenced legacy table: its staged ids, and whether validation accepted them.
  const referenced = [...new Set(specs.map((s) => s.referencedLegacyTable))]
  const lookupName = new Map(referenced.map((t, i) => [t, `ref${i}`]))
  const lookups = referenced.map((table) => {
    const name = lookupName.get(table)!
    if (!hasStaged(scope, table)) return `${name} as (select null::bigint as id, false as accepted where false)`
    const accepted = hasMapped(scope, targetTableOf(table))
      ? `bool_or(rm._row is not null)`
      : 'false'
    const join = hasMapped(scope, targetTableOf(table)) ? `left join ${mappedRef(scope, targetTableOf(table))} rm on rm._row = rs._row` : ''
    return `${name} as (select rs._legacy_id as id, ${accepted} as accepted from ${stagedRef(scope, table)} rs ${join}
                        where rs._legacy_id is not null group by rs._legacy_id)`
  })

  const valueSelect: string[] = ['m.legacy_id']
  const srcSelect: string[] = ['v.legacy_id']
  const srcJoins: string[] = []
  const tgtSelect: string[] = ['t.legacy_id']
  const tgtJoins: string[] = []
  const aggregates: string[] = ['count(src.legacy_id) as source_rows', 'count(tgt.legacy_id) as target_rows']

  specs.forEach((spec, i) => {
    const lookup = lookupName.get(spec.referencedLegacyTable)!
    valueSelect.push(`${sqlInteger(stagedColumn(scope, legacyTable, 's', spec.legacyColumn))} as v${i}`)
    srcSelect.push(`v.v${i}`)
    srcJoins.push(`left join ${lookup} l${i} on l${i}.id = v.v${i}`)
    srcSelect.push(`case when v.v${i} is null or v.v${i} = 0 then 'n' when l${i}.id is null then 'o' when l${i}.accepted then 'r' else 'x' end as c${i}`)

    const referencedTarget = quoteIdent(targetTableOf(spec.referencedLegacyTable))
    if (spec.kind === 'pair') {
      const uuid = `t.${quoteIdent(spec.targetColumn)}`
      const legacy = `t.${quoteIdent(spec.legacyTargetColumn)}`
      tgtJoins.push(`left join ${referencedTarget} x${i} on x${i}.id = ${uuid}`)
      tgtSelect.push(`case when ${uuid} is not null then 'r' when ${legacy} is not null then 'o' else 'n' end as c${i}`)
      tgtSelect.push(`(${uuid} is not null and x${i}.legacy_id is distinct from ${legacy}) as bad${i}`)
    } else {
      const element = `t.${quoteIdent(spec.targetColumn)} -> '${spec.legacyTargetColumn}'`
      const legacy = `case when jsonb_typeof(${element}) = 'number' then (${element})::text::numeric end`
      tgtJoins.push(`left join ${referencedTarget} x${i} on x${i}.legacy_id = ${legacy}`)
      tgtSelect.push(`case when ${legacy} is null then 'n' when x${i}.id is not null then 'r' else 'o' end as c${i}`)
      tgtSelect.push(`false as bad${i}`)
    }

    const mismatch = `src.legacy_id is not null and tgt.legacy_id is not null and tgt.c${i} <> (case src.c${i} when 'x' then 'o' else src.c${i} end)`
    const orphan = `src.c${i} in ('o', 'x')`
    aggregates.push(
      ...['n', 'r', 'o', 'x'].map((c) => `count(*) filter (where src.c${i} = '${c}') as s${i}_${c}`),
      ...['n', 'r', 'o'].map((c) => `count(*) filter (where tgt.c${i} = '${c}') as t${i}_${c}`),
      `count(*) filter (where ${mismatch}) as mm${i}`,
      `(array_agg(src.legacy_id order by src.legacy_id) filter (where ${mismatch}))[1:${limit}] as mmx${i}`,
      `count(*) filter (where tgt.bad${i}) as bad${i}`,
      `(array_agg(tgt.legacy_id order by tgt.legacy_id) filter (where tgt.bad${i}))[1:${limit}] as badx${i}`,
      `(array_agg(src.legacy_id order by src.legacy_id) filter (where ${orphan}))[1:${limit}] as ox${i}`,
      `(array_agg(src.v${i} order by src.legacy_id) filter (where ${orphan}))[1:${limit}] as ov${i}`,
    )
  })

  const sql = `with ${lookups.join(',\n')},
    -- offset 0 keeps the subquery: each value is parsed once, not once per use
    src as (select ${srcSelect.join(', ')}
              from (select ${valueSelect.join(', ')} from ${S} s join ${M} m on m._row = s._row offset 0) v ${srcJoins.join(' ')}),
    tgt as (select ${tgtSelect.join(', ')} from ${T} t ${tgtJoins.join(' ')})
    select ${aggregates.join(',\n')} from src full join tgt on tgt.legacy_id = src.legacy_id`
  const warningsSql = `select i.column_name, count(*) as n from migration_row_issues i
     where i.run_id = $1 and i.legacy_table = $2 and i.code = 'ORPHAN_REF'
       and exists (select 1 from ${M} m where m._row = i.row_number)
     group by i.column_name`
  const [{ rows }, warnings] = await Promise.all([
    scope.pool.query(sql),
    scope.pool.query<{ column_name: string | null; n: string }>(warningsSql, [scope.runId, legacyTable]),
  ])
  const r = rows[0]
  const warningsByColumn = new Map(warnings.rows.map((w) => [w.column_name, toCount(w.n)]))

  return specs.map((spec, i) => {
    const orphanIds = toIds(r[`ox${i}`])
    const orphanValues = toIds(r[`ov${i}`])
    return {
      ...base(spec),
      source: { none: toCount(r[`s${i}_n`]), resolved: toCount(r[`s${i}_r`]), orphan: toCount(r[`s${i}_o`]), rejectedTarget: toCount(r[`s${i}_x`]) },
      target: { none: toCount(r[`t${i}_n`]), resolved: toCount(r[`t${i}_r`]), orphan: toCount(r[`t${i}_o`]) },
      mismatches: toCount(r[`mm${i}`]),
      mismatchExamples: toIds(r[`mmx${i}`]),
      integrityViolations: toCount(r[`bad${i}`]),
      integrityExamples: toIds(r[`badx${i}`]),
      orphanWarnings: warningsByColumn.get(spec.legacyColumn) ?? 0,
      orphanExamples: orphanIds.map((legacyId, k) => ({ legacyId, value: orphanValues[k] })),
    }
  })
}

