// One pass over a table: the accepted source rows (staged ⋈ mapped__, with their references
// classed from the staged values alone) against the target rows (with their references classed and
// checked), joined by legacy_id, counted in one grouped query. Rows, deletions, references (none /
// resolved / orphan, row by row with the legacy value, uuid integrity), row hashes, money sums and
// time ranges come out of the same join, so a table of 600 000 rows is read once, not once per
// check. The groups are few (a row's presence on each side, its classes, its currency); each
// carries counts, sums, earliest and latest values, added up here.
//
// Source classes, from staging only: a reference 0 or NULL is none ('n'); a value that is the ID
// of a staged row of the referenced table is resolved ('r') when validation accepted that row, and
// points at a rejected row ('x') when not — the importer then leaves the uuid empty; any other
// value is an orphan ('o'). Target classes: uuid set → 'r'; only the legacy half → 'o'; neither → 'n'.
//
// Row hashes (ReconcileScope.rowHash): 'typed' = hash_record_extended over the typed row, 64 bits,
// no value turned into text (four to five times cheaper than md5: ~3 s instead of ~13 s for the
// 355 MB dump on two cores; both sides are in one database, so a typed hash compares like with
// like); 'md5' = md5 over a canonical text of the row (session-independent text per column, joined
// as a row literal so NULL and '' differ): the same hash on any server. Either way the uuid halves
// of reference pairs are left out: the importer empties a uuid whose row is not in the target,
// which the reference checks compare row by row, with the uuid's integrity. Every other column is
// hashed, the legacy halves included.

import type { Mapping } from '@/lib/mappings'
import { requireContractTable } from '@/lib/target/target-contract'
import { sqlType } from '@/lib/target/target-ddl'
import { quoteIdent } from '@/lib/staging/staging-names'
import { MAPPED_DECIDED, MAPPED_LINK_ID, mappedTableName } from '@/lib/staging/staging-names'
import { moneyFigures, sourceCurrencySql, sourceMoneySql, type MoneyPart } from './collect-money'
import { sourceTimeSql } from './collect-times'
import type { DateRangeFigures, MoneyFigures, ReferenceFigures, RowHashFigures, TableFigures } from './report-schema'
import { hasMapped, hasStaged, mappedRef, stagedColumn, stagedRef, toCount, reconcileQuery, type ReconcileScope, type RowHashMethod } from './reconcile-scope'
import { MONEY, TIMES, referencesOf, referenceUuidColumns, targetTableOf, type ReferenceSpec } from './reconcile-specs'
import { sqlCanonicalText, sqlUtcText } from './source-sql'

export interface Bookkeeping {
  state: string
  rowsStaged: number
  rowsImported: number
  rowsRejected: number
}

export interface TablePass {
  table: TableFigures
  references: ReferenceFigures[]
  /** null when the table was not validated (no mapped rows to compare with) */
  rowHash: RowHashFigures | null
  dateRanges: DateRangeFigures[]
  money: MoneyFigures[]
}

export interface HashColumn {
  name: string
  /** the mapped (contract) column's data type */
  dataType: string
  /**
   * The target column's own type differs (a varchar, an enumeration, json, a timestamp without time
   * zone, a bigint, a wider numeric: a backend's table): its value is cast to this, the contract's
   * type, before it is hashed or compared, so that equal values hash alike.
   */
  targetCast?: string
}

export interface HashColumns {
  columns: HashColumn[]
  excluded: string[]
}

/**
 * The hashed columns: the target's, in table order, present in mapped__ too, minus the uuid halves.
 * `contractTypes` (column → the contract's SQL type) gives the cast of a target column whose type
 * is not the mapped one.
 */
export function hashColumns(
  target: ReadonlyMap<string, string>,
  mapped: ReadonlyMap<string, string>,
  uuidHalves: readonly string[],
  contractTypes: ReadonlyMap<string, string> = new Map(),
): HashColumns {
  const columns: HashColumns['columns'] = []
  const excluded: string[] = []
  for (const [name, targetType] of target) {
    const mappedType = mapped.get(name)
    if (uuidHalves.includes(name) || mappedType === undefined) excluded.push(name)
    else if (targetType === mappedType) columns.push({ name, dataType: mappedType })
    else columns.push({ name, dataType: mappedType, targetCast: contractTypes.get(name) ?? mappedType })
  }
  for (const name of mapped.keys()) if (!name.startsWith('_') && !target.has(name)) excluded.push(name)
  return { columns, excluded }
}

/** One column of `alias` as it is hashed: cast to the contract's type on the target side when it differs. */
function hashedValue(alias: string, column: HashColumn, side: 'mapped' | 'target'): string {
  const ref = `${alias}.${quoteIdent(column.name)}`
  return side === 'target' && column.targetCast ? `(${ref})::${column.targetCast}` : ref
}

/** The row's hash as SQL over `alias`: a bigint (typed) or md5 hex text. */
export function rowHashSql(alias: string, columns: HashColumns['columns'], method: RowHashMethod, side: 'mapped' | 'target' = 'mapped'): string {
  if (method === 'typed') return `hash_record_extended(row(${columns.map((c) => hashedValue(alias, c, side)).join(', ')}), 0)`
  return `md5(row(${columns.map((c) => sqlCanonicalText(hashedValue(alias, c, side), c.dataType)).join(', ')})::text)`
}

/** A hash as a number to sum into an order-independent fingerprint (60 bits of an md5). */
function fingerprintValueSql(hash: string, method: RowHashMethod): string {
  return method === 'typed' ? hash : `('x' || substr(${hash}, 1, 15))::bit(60)::bigint`
}

const EXPECTED_TARGET_CLASS: Record<string, string> = { n: 'n', r: 'r', o: 'o', x: 'o' }

function emptyReference(legacyTable: string, spec: ReferenceSpec): ReferenceFigures {
  return {
    legacyTable,
    legacyColumn: spec.legacyColumn,
    referencedLegacyTable: spec.referencedLegacyTable,
    targetTable: targetTableOf(legacyTable),
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
  }
}

export async function collectTablePass(scope: ReconcileScope, mapping: Mapping, bookkeeping: Bookkeeping | null): Promise<TablePass> {
  const { legacyTable, targetTable } = mapping
  const specs = referencesOf(legacyTable)
  const T = quoteIdent(targetTable)
  const targetColumns = scope.targetColumns.get(targetTable) ?? new Map<string, string>()
  const hasDeletedAt = targetColumns.has('deleted_at')
  const hasDeletedFlag = mapping.legacyColumns.includes('Deleted')
  const staged = hasStaged(scope, legacyTable)
  const mapped = staged && hasMapped(scope, targetTable)
  const book = bookkeeping ? { rowsStaged: bookkeeping.rowsStaged, rowsImported: bookkeeping.rowsImported, rowsRejected: bookkeeping.rowsRejected } : null
  const state = bookkeeping?.state ?? null

  if (!mapped) {
    // Not in the dump, or never validated: only the target can be counted.
    const target = await reconcileQuery(
      scope,
      `select count(*) filter (where legacy_id is not null) as rows, count(*) filter (where legacy_id is null) as foreign,
              ${hasDeletedAt ? 'count(*) filter (where legacy_id is not null and deleted_at is not null)' : 'null'} as deleted from ${T}`,
    )
    const source = staged ? (await reconcileQuery(scope, `select count(*) as staged, count(*) filter (where _legacy_id is null) as without_id from ${stagedRef(scope, legacyTable)}`)).rows[0] : null
    return {
      table: {
        legacyTable,
        targetTable,
        state,
        source: source
          ? { staged: toCount(source.staged), withoutId: toCount(source.without_id), accepted: null, rejected: null, rejectedWithReason: 0, deleted: null }
          : null,
        target: {
          rows: toCount(target.rows[0].rows),
          imported: 0,
          missing: 0,
          extra: 0,
          deleted: hasDeletedAt ? toCount(target.rows[0].deleted) : null,
          notFromLegacy: toCount(target.rows[0].foreign),
          linked: 0,
          decided: 0,
        },
        bookkeeping: book,
      },
      references: specs.map((spec) => emptyReference(legacyTable, spec)),
      rowHash: null,
      dateRanges: [],
      money: [],
    }
  }

  const S = stagedRef(scope, legacyTable)
  const M = mappedRef(scope, targetTable)
  const method = scope.rowHash
  const mappedColumns = scope.stagingColumns.get(mappedTableName(targetTable))!
  const contractTypes = new Map(requireContractTable(targetTable).columns.map((c) => [c.name, sqlType(c.type)]))
  const { columns, excluded } = hashColumns(targetColumns, mappedColumns, referenceUuidColumns(targetTable), contractTypes)
  // Users linked to an existing user of the new system keep that user's id and values: their
  // hashes differ by design, so they are counted apart (the legacy id and halves are still checked).
  const linkable = mappedColumns.has(MAPPED_LINK_ID)
  // Rows whose values a decision set or repaired: compared by their hash with the decided row (what
  // validation mapped), counted apart from the checks against the source's own values (money,
  // times, references, deletions), which the decision overrides by design.
  const decidable = mappedColumns.has(MAPPED_DECIDED)
  const limit = scope.exampleLimit

  // One lookup per referenced legacy table: its staged ids, and whether validation accepted them.
  const referenced = [...new Set(specs.map((s) => s.referencedLegacyTable))]
  const lookupName = new Map(referenced.map((t, i) => [t, `ref${i}`]))
  const lookups = referenced.map((table) => {
    const name = lookupName.get(table)!
    if (!hasStaged(scope, table)) return `${name} as (select null::bigint as id, false as accepted where false)`
    const validated = hasMapped(scope, targetTableOf(table))
    return `${name} as (select rs._legacy_id as id, ${validated ? 'bool_or(rm._row is not null)' : 'false'} as accepted
                         from ${stagedRef(scope, table)} rs ${validated ? `left join ${mappedRef(scope, targetTableOf(table))} rm on rm._row = rs._row` : ''}
                        where rs._legacy_id is not null group by rs._legacy_id)`
  })

  const times = TIMES.filter((t) => t.legacyTable === legacyTable)
  const moneySpec = MONEY.find((m) => m.legacyTable === legacyTable) ?? null
  const inner = [
    'm.legacy_id',
    `${rowHashSql('m', columns, method)} as h`,
    `${hasDeletedFlag ? scope.sql.flag(stagedColumn(scope, legacyTable, 's', 'Deleted'), 0) : 'false'} as deleted`,
  ]
  const src = ['v.legacy_id', 'v.h', 'v.deleted']
  const srcJoins: string[] = []
  const tgt = ['t.legacy_id', `${rowHashSql('t', columns, method, 'target')} as h`, `${hasDeletedAt ? 't.deleted_at is not null' : 'false'} as deleted`]
  inner.push(`${linkable ? `m.${quoteIdent(MAPPED_LINK_ID)} is not null` : 'false'} as linked`)
  inner.push(`${decidable ? `m.${MAPPED_DECIDED} is not null` : 'false'} as decided`)
  src.push('v.linked', 'v.decided')
  const tgtJoins: string[] = []
  // grouping keys, by name
  const keys: [string, string][] = [
    ['s_in', 'src.legacy_id is not null'],
    ['t_in', 'tgt.legacy_id is not null'],
    ['s_del', 'coalesce(src.deleted, false)'],
    ['t_del', 'coalesce(tgt.deleted, false)'],
    ['h_diff', 'src.h is distinct from tgt.h'],
    ['linked', 'coalesce(src.linked, false)'],
    ['decided', 'coalesce(src.decided, false)'],
  ]
  const aggregates = [
    'count(*) as n',
    // linked rows keep the existing user's values: not part of either fingerprint
    `sum(${fingerprintValueSql('src.h', method)}::numeric) filter (where not coalesce(src.linked, false))::text as fs`,
    `sum(${fingerprintValueSql('tgt.h', method)}::numeric) filter (where not coalesce(src.linked, false))::text as ft`,
  ]
  const problems: { kind: string; condition: string }[] = [
    { kind: 'differs', condition: 'src.legacy_id is not null and tgt.legacy_id is not null and src.h is distinct from tgt.h and not src.linked' },
    { kind: 'linked', condition: 'src.legacy_id is not null and tgt.legacy_id is not null and src.linked' },
    { kind: 'decided', condition: 'src.legacy_id is not null and src.decided' },
    { kind: 'missing', condition: 'tgt.legacy_id is null' },
    { kind: 'extra', condition: 'src.legacy_id is null' },
  ]

  times.forEach((spec, k) => {
    inner.push(`${sourceTimeSql(scope, legacyTable, spec.rule)} as e${k}`)
    src.push(`v.e${k}`)
    tgt.push(`t.${quoteIdent(spec.targetColumn)} as e${k}`)
    for (const side of ['src', 'tgt']) {
      aggregates.push(
        `${sqlUtcText(`min(${side}.e${k})`)} as ${side}_min${k}`,
        `${sqlUtcText(`max(${side}.e${k})`)} as ${side}_max${k}`,
        `count(*) filter (where ${side}.legacy_id is not null and ${side}.e${k} is null) as ${side}_nulls${k}`,
      )
    }
  })
  if (moneySpec) {
    if (moneySpec.currencyColumn) {
      inner.push(`${sourceCurrencySql(scope, moneySpec)} as cur`)
      src.push('v.cur')
      tgt.push(`t.${quoteIdent(moneySpec.currencyColumn.target)} as cur`)
      keys.push(['s_cur', 'src.cur'], ['t_cur', 'tgt.cur'])
    }
    moneySpec.measures.forEach((measure, j) => {
      inner.push(`${sourceMoneySql(scope, legacyTable, measure)} as ms${j}`)
      src.push(`v.ms${j}`)
      tgt.push(`${measure.targetSql('t')} as ms${j}`)
      aggregates.push(`coalesce(sum(src.ms${j}), 0)::text as src_sum${j}`, `coalesce(sum(tgt.ms${j}), 0)::text as tgt_sum${j}`)
    })
  }

  specs.forEach((spec, i) => {
    const lookup = lookupName.get(spec.referencedLegacyTable)!
    // the legacy value as the contract reads it: 0 and NULL are "none"
    inner.push(`nullif(${scope.sql.integer(stagedColumn(scope, legacyTable, 's', spec.legacyColumn))}, 0) as v${i}`)
    src.push(`v.v${i}`, `case when v.v${i} is null then 'n' when l${i}.id is null then 'o' when l${i}.accepted then 'r' else 'x' end as c${i}`)
    srcJoins.push(`left join ${lookup} l${i} on l${i}.id = v.v${i}`)

    const referencedTarget = quoteIdent(targetTableOf(spec.referencedLegacyTable))
    if (spec.kind === 'pair') {
      const uuid = `t.${quoteIdent(spec.targetColumn)}`
      const legacy = `t.${quoteIdent(spec.legacyTargetColumn)}`
      tgtJoins.push(`left join ${referencedTarget} x${i} on x${i}.id = ${uuid}`)
      tgt.push(
        `${legacy}::bigint as lv${i}`,
        `case when ${uuid} is not null then 'r' when ${legacy} is not null then 'o' else 'n' end as c${i}`,
        `(${uuid} is not null and x${i}.legacy_id is distinct from ${legacy}) as bad${i}`,
      )
    } else {
      const element = `t.${quoteIdent(spec.targetColumn)} -> '${spec.legacyTargetColumn}'`
      const legacy = `case when jsonb_typeof(${element}) = 'number' then (${element})::text::numeric end`
      tgtJoins.push(`left join ${referencedTarget} x${i} on x${i}.legacy_id = ${legacy}`)
      tgt.push(`${legacy} as lv${i}`, `case when ${legacy} is null then 'n' when x${i}.id is not null then 'r' else 'o' end as c${i}`, `false as bad${i}`)
    }
    const mismatch = `src.legacy_id is not null and tgt.legacy_id is not null and not src.linked and not src.decided and (tgt.c${i} <> (case src.c${i} when 'x' then 'o' else src.c${i} end) or src.v${i} is distinct from tgt.lv${i})`
    keys.push([`s_c${i}`, `src.c${i}`], [`t_c${i}`, `tgt.c${i}`], [`v_diff${i}`, `src.v${i} is distinct from tgt.lv${i}`], [`bad${i}`, `coalesce(tgt.bad${i}, false)`])
    aggregates.push(`array_agg(array[src.legacy_id::bigint, src.v${i}]) filter (where src.c${i} in ('o', 'x')) as ox${i}`)
    problems.push(
      { kind: `mismatch${i}`, condition: mismatch },
      { kind: `integrity${i}`, condition: `coalesce(tgt.bad${i}, false) and not coalesce(src.linked, false) and not coalesce(src.decided, false)` },
    )
  })

  const ctes = `with ${[
    ...lookups,
    // offset 0 keeps the subquery: each value is parsed and hashed once, not once per use
    `src as (select ${src.join(', ')}
               from (select ${inner.join(', ')} from ${S} s join ${M} m on m._row = s._row offset 0) v ${srcJoins.join(' ')})`,
    // the new system's own rows (no legacy_id) are counted apart, never compared
    `tgt as (select ${tgt.join(', ')} from ${T} t ${tgtJoins.join(' ')} where t.legacy_id is not null)`,
  ].join(',\n')}`
  const passSql = `${ctes}
    select ${keys.map(([name, sql]) => `${sql} as ${name}`).join(', ')}, ${aggregates.join(', ')}
      from src full join tgt on tgt.legacy_id = src.legacy_id
     group by ${keys.map((_, i) => i + 1).join(', ')}`
  const countsSql = `select count(*) as staged, count(*) filter (where _legacy_id is null) as without_id,
      (select count(distinct i.row_number) from migration_row_issues i
        where i.run_id = $1 and i.legacy_table = $2 and i.severity = 'error'
          and not exists (select 1 from ${M} m where m._row = i.row_number)) as rejected_with_reason
    from ${S}`
  // (rows linked or decided are out of the reference counts: out of their warnings too)
  const apart = [linkable ? `m.${quoteIdent(MAPPED_LINK_ID)} is null` : null, decidable ? `m.${MAPPED_DECIDED} is null` : null].filter(Boolean)
  const warningsSql = `select i.column_name, count(*) as n from migration_row_issues i
     where i.run_id = $1 and i.legacy_table = $2 and i.code = 'ORPHAN_REF'
       and exists (select 1 from ${M} m where m._row = i.row_number${apart.map((c) => ` and ${c}`).join('')})
     group by i.column_name`

  const [pass, counts, warnings, foreign] = await Promise.all([
    reconcileQuery(scope, passSql, [], { hashAggregate: true }),
    reconcileQuery(scope, countsSql, [scope.runId, legacyTable]),
    specs.length > 0 ? reconcileQuery<{ column_name: string | null; n: string }>(scope, warningsSql, [scope.runId, legacyTable]) : Promise.resolve({ rows: [] }),
    reconcileQuery<{ n: string }>(scope, `select count(*) as n from ${T} where legacy_id is null`),
  ])

  // Fold the groups.
  let accepted = 0
  let targetRows = 0
  let imported = 0
  let sourceDeleted = 0
  let targetDeleted = 0
  let matching = 0
  let differing = 0
  let linked = 0
  let decided = 0
  let sourceFingerprint = 0n
  let targetFingerprint = 0n
  const refs = specs.map(() => ({
    source: { none: 0, resolved: 0, orphan: 0, rejectedTarget: 0 },
    target: { none: 0, resolved: 0, orphan: 0 },
    mismatches: 0,
    integrity: 0,
    orphans: [] as { legacyId: number; value: number }[],
  }))
  const sourceClass = { n: 'none', r: 'resolved', o: 'orphan', x: 'rejectedTarget' } as const
  const targetClass = { n: 'none', r: 'resolved', o: 'orphan' } as const
  const ranges = times.map(() => ({ src: { min: null as string | null, max: null as string | null, nulls: 0 }, tgt: { min: null as string | null, max: null as string | null, nulls: 0 } }))
  const moneySource: MoneyPart[] = []
  const moneyTarget: MoneyPart[] = []
  // UTC texts of one fixed width compare as the times do
  const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null || a <= b ? a : b)
  const later = (a: string | null, b: string | null) => (a === null ? b : b === null || a >= b ? a : b)
  for (const g of pass.rows) {
    const n = toCount(g.n)
    const inSource = g.s_in === true
    const inTarget = g.t_in === true
    if (inSource) accepted += n
    if (inTarget) targetRows += n
    if (g.linked === true) {
      // A row of the new system the legacy row was linked to keeps its own values: counted, not
      // compared (its deletion, times, money and references are the new system's).
      if (inSource && inTarget) {
        imported += n
        linked += n
      }
      continue
    }
    if (inSource && inTarget) {
      imported += n
      if (g.h_diff) differing += n
      else matching += n
    }
    if (g.decided === true) {
      if (inSource) decided += n
      continue
    }
    if (inSource && g.s_del) sourceDeleted += n
    if (inTarget && g.t_del) targetDeleted += n
    if (g.fs !== null) sourceFingerprint += BigInt(g.fs)
    if (g.ft !== null) targetFingerprint += BigInt(g.ft)
    times.forEach((_, k) => {
      for (const side of ['src', 'tgt'] as const) {
        const range = ranges[k][side]
        range.min = earlier(range.min, g[`${side}_min${k}`])
        range.max = later(range.max, g[`${side}_max${k}`])
        range.nulls += toCount(g[`${side}_nulls${k}`])
      }
    })
    if (moneySpec) {
      const sums = (side: string) => moneySpec.measures.map((_, j) => g[`${side}_sum${j}`] as string)
      if (inSource) moneySource.push({ currency: g.s_cur ?? null, rows: n, sums: sums('src') })
      if (inTarget) moneyTarget.push({ currency: g.t_cur ?? null, rows: n, sums: sums('tgt') })
    }
    specs.forEach((_, i) => {
      const [s, t, valueDiffers, bad] = [g[`s_c${i}`], g[`t_c${i}`], g[`v_diff${i}`], g[`bad${i}`]]
      const ref = refs[i]
      if (inSource) ref.source[sourceClass[s as keyof typeof sourceClass]] += n
      if (inTarget) ref.target[targetClass[t as keyof typeof targetClass]] += n
      if (inSource && inTarget && (EXPECTED_TARGET_CLASS[s] !== t || valueDiffers)) ref.mismatches += n
      if (inTarget && bad) ref.integrity += n
      for (const [id, value] of (g[`ox${i}`] ?? []) as (string | number)[][]) ref.orphans.push({ legacyId: Number(id), value: Number(value) })
    })
  }
  const missing = accepted - imported
  const extra = targetRows - imported

  // The first rows of each kind of problem, only when there is one.
  const wanted = problems.filter((p) => {
    if (p.kind === 'differs') return differing > 0
    if (p.kind === 'linked') return linked > 0
    if (p.kind === 'decided') return decided > 0
    if (p.kind === 'missing') return missing > 0
    if (p.kind === 'extra') return extra > 0
    const i = Number(p.kind.replace(/\D/g, ''))
    return p.kind.startsWith('mismatch') ? refs[i].mismatches > 0 : refs[i].integrity > 0
  })
  const examples = new Map<string, number[]>()
  if (wanted.length > 0) {
    const { rows } = await reconcileQuery<{ kind: string; legacy_id: number }>(
      scope,
      `${ctes}
       select kind, legacy_id from (
         select p.kind, coalesce(src.legacy_id, tgt.legacy_id) as legacy_id,
                row_number() over (partition by p.kind order by coalesce(src.legacy_id, tgt.legacy_id)) as n
           from src full join tgt on tgt.legacy_id = src.legacy_id
           cross join lateral (values ${wanted.map((p) => `('${p.kind}', ${p.condition})`).join(', ')}) as p(kind, hit)
          where p.hit) x
        where n <= ${limit} order by kind, legacy_id`,
    )
    for (const row of rows) examples.set(row.kind, [...(examples.get(row.kind) ?? []), row.legacy_id])
  }
  const differingColumns = await columnsThatDiffer(scope, M, T, columns, method, examples.get('differs') ?? [])

  const source = { staged: toCount(counts.rows[0].staged), withoutId: toCount(counts.rows[0].without_id) }
  const warningsByColumn = new Map(warnings.rows.map((w) => [w.column_name, toCount(w.n)]))
  return {
    table: {
      legacyTable,
      targetTable,
      state,
      source: {
        ...source,
        accepted,
        rejected: source.staged - accepted,
        rejectedWithReason: toCount(counts.rows[0].rejected_with_reason),
        deleted: hasDeletedFlag ? sourceDeleted : null,
      },
      target: { rows: targetRows, imported, missing, extra, deleted: hasDeletedAt ? targetDeleted : null, notFromLegacy: toCount(foreign.rows[0].n), linked, decided },
      bookkeeping: book,
    },
    references: specs.map((spec, i) => ({
      ...emptyReference(legacyTable, spec),
      source: refs[i].source,
      target: refs[i].target,
      mismatches: refs[i].mismatches,
      mismatchExamples: examples.get(`mismatch${i}`) ?? [],
      integrityViolations: refs[i].integrity,
      integrityExamples: examples.get(`integrity${i}`) ?? [],
      orphanWarnings: warningsByColumn.get(spec.legacyColumn) ?? 0,
      orphanExamples: refs[i].orphans.sort((a, b) => a.legacyId - b.legacyId).slice(0, limit),
    })),
    rowHash: {
      legacyTable,
      targetTable,
      hashMethod: method,
      columns: columns.map((c) => c.name),
      excludedColumns: excluded,
      sourceRows: accepted,
      targetRows,
      matching,
      differing,
      linked,
      linkedExamples: examples.get('linked') ?? [],
      decided,
      decidedExamples: examples.get('decided') ?? [],
      missingInTarget: missing,
      extraInTarget: extra,
      sourceFingerprint: sourceFingerprint.toString(),
      targetFingerprint: targetFingerprint.toString(),
      examples: [
        ...(examples.get('differs') ?? []).map((legacyId) => ({ legacyId, kind: 'differs' as const, columns: differingColumns.get(legacyId) ?? [] })),
        ...(examples.get('missing') ?? []).map((legacyId) => ({ legacyId, kind: 'missing' as const, columns: [] })),
        ...(examples.get('extra') ?? []).map((legacyId) => ({ legacyId, kind: 'extra' as const, columns: [] })),
      ],
    },
    dateRanges: times.map((spec, k) => ({
      legacyTable,
      sourceExpression: spec.sourceExpression,
      targetTable,
      targetColumn: spec.targetColumn,
      source: { ...ranges[k].src, rows: accepted },
      target: { ...ranges[k].tgt, rows: targetRows },
    })),
    money: moneySpec ? moneyFigures(moneySpec, moneySource, moneyTarget) : [],
  }
}

/** For a few differing rows: the hashed columns whose values differ between mapped__ and target. */
async function columnsThatDiffer(
  scope: ReconcileScope,
  M: string,
  T: string,
  columns: HashColumns['columns'],
  method: RowHashMethod,
  legacyIds: number[],
): Promise<Map<number, string[]>> {
  const found = new Map<number, string[]>()
  if (legacyIds.length === 0) return found
  const value = (alias: string, c: HashColumn, side: 'mapped' | 'target') =>
    method === 'md5' ? sqlCanonicalText(hashedValue(alias, c, side), c.dataType) : hashedValue(alias, c, side)
  const tests = columns.map((c) => `case when ${value('m', c, 'mapped')} is distinct from ${value('t', c, 'target')} then '${c.name.replaceAll("'", "''")}' end`)
  const { rows } = await reconcileQuery<{ legacy_id: number; columns: string[] }>(
    scope,
    `select m.legacy_id, array_remove(array[${tests.join(', ')}]::text[], null) as columns
       from ${M} m join ${T} t on t.legacy_id = m.legacy_id where m.legacy_id = any($1::int[])`,
    [legacyIds],
  )
  for (const row of rows) found.set(row.legacy_id, row.columns)
  return found
}
