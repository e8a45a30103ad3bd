// Time columns: the contract's rule applied in SQL to the staged values (source) against the
// target column, as earliest / latest / NULL counts, and orders per month of created_at.
//
// Where the rule ends in "the import time" (an order without OrderTime and ChangeTime, a deleted
// order without ChangeTime), the source takes the value from the mapped row: the import time is a
// parameter of the run, not data the dump could confirm.

import { quoteIdent } from '@/lib/staging/staging-names'
import { mergeMonths } from './evaluate-times'
import type { DateRangeFigures, MonthsFigures } from './report-schema'
import { hasMapped, hasStaged, mappedRef, stagedColumn, stagedRef, toCount, type ReconcileScope } from './reconcile-scope'
import { MONTHS, TIMES, targetTableOf, type TimeRule, type TimeSpec } from './reconcile-specs'
import { sqlDatetime, sqlFlag, sqlInteger, sqlUnixTime, sqlUtcMonth, sqlUtcText } from './source-sql'

/** The rule as SQL over the staged row `s` and its mapped row `m`. */
export function sourceTimeSql(scope: ReconcileScope, legacyTable: string, rule: TimeRule): string {
  const col = (name: string) => stagedColumn(scope, legacyTable, 's', name)
  const orderTime = sqlInteger(col('OrderTime'), 0)
  const changeTime = sqlInteger(col('ChangeTime'), 0)
  const created = `case when ${orderTime} <> 0 then to_timestamp(${orderTime}) when ${changeTime} <> 0 then to_timestamp(${changeTime}) else m.created_at end`
  switch (rule.kind) {
    case 'unix':
      return sqlUnixTime(sqlInteger(col(rule.column), 0))
    case 'datetime':
      return sqlDatetime(`coalesce(${col(rule.column)}, '0000-00-00 00:00:00')`)
    case 'orderCreated':
      return created
    case 'orderUpdated':
      return `case when ${changeTime} <> 0 then to_timestamp(${changeTime}) else ${created} end`
    case 'orderDeleted':
      return `case when ${sqlFlag(col('Deleted'), 0)} then (case when ${changeTime} <> 0 then to_timestamp(${changeTime}) else m.deleted_at end) end`
  }
}

/** Earliest, latest and NULL count of every time column of one legacy table. */
export async function collectDateRanges(scope: ReconcileScope, legacyTable: string): Promise<DateRangeFigures[]> {
  const specs = TIMES.filter((t) => t.legacyTable === legacyTable)
  const targetTable = targetTableOf(legacyTable)
  if (specs.length === 0 || !hasStaged(scope, legacyTable) || !hasMapped(scope, targetTable)) return []
  const S = stagedRef(scope, legacyTable)
  const M = mappedRef(scope, targetTable)
  const T = quoteIdent(targetTable)

  const inner = specs.map((spec, i) => `${sourceTimeSql(scope, legacyTable, spec.rule)} as e${i}`)
  const aggregates = (column: (i: number, spec: TimeSpec) => string) =>
    specs.flatMap((spec, i) => [
      `${sqlUtcText(`min(${column(i, spec)})`)} as min${i}`,
      `${sqlUtcText(`max(${column(i, spec)})`)} as max${i}`,
      `count(*) filter (where ${column(i, spec)} is null) as nulls${i}`,
    ])
  const [source, target] = await Promise.all([
    scope.pool.query(`select count(*) as rows, ${aggregates((i) => `x.e${i}`).join(', ')}
                        from (select ${inner.join(', ')} from ${S} s join ${M} m on m._row = s._row offset 0) x`),
    scope.pool.query(`select count(*) as rows, ${aggregates((_, spec) => `t.${quoteIdent(spec.targetColumn)}`).join(', ')} from ${T} t`),
  ])
  const s = source.rows[0]
  const t = target.rows[0]
  return specs.map((spec, i) => ({
    legacyTable,
    sourceExpression: spec.sourceExpression,
    targetTable,
    targetColumn: spec.targetColumn,
    source: { min: s[`min${i}`], max: s[`max${i}`], nulls: toCount(s[`nulls${i}`]), rows: toCount(s.rows) },
    target: { min: t[`min${i}`], max: t[`max${i}`], nulls: toCount(t[`nulls${i}`]), rows: toCount(t.rows) },
  }))
}

/** Orders per month of created_at (UTC), source by the contract's rule, target by the column. */
export async function collectOrdersByMonth(scope: ReconcileScope): Promise<MonthsFigures | null> {
  const { legacyTable, targetColumn, sourceExpression } = MONTHS
  const targetTable = targetTableOf(legacyTable)
  if (!hasStaged(scope, legacyTable) || !hasMapped(scope, targetTable)) return null
  const created = sourceTimeSql(scope, legacyTable, { kind: 'orderCreated' })
  const [source, target] = await Promise.all([
    scope.pool.query<{ month: string | null; n: string }>(
      `select ${sqlUtcMonth('x.created')} as month, count(*) as n
         from (select ${created} as created from ${stagedRef(scope, legacyTable)} s join ${mappedRef(scope, targetTable)} m on m._row = s._row offset 0) x
        group by 1`,
    ),
    scope.pool.query<{ month: string | null; n: string }>(
      `select ${sqlUtcMonth(`t.${quoteIdent(targetColumn)}`)} as month, count(*) as n from ${quoteIdent(targetTable)} t group by 1`,
    ),
  ])
  const months = (rows: { month: string | null; n: string }[]) => new Map(rows.filter((r) => r.month !== null).map((r) => [r.month!, toCount(r.n)]))
  const withoutTime = (rows: { month: string | null; n: string }[]) => toCount(rows.find((r) => r.month === null)?.n)
  return {
    legacyTable,
    targetTable,
    sourceExpression,
    targetColumn,
    months: mergeMonths(months(source.rows), months(target.rows)),
    withoutTime: { source: withoutTime(source.rows), target: withoutTime(target.rows) },
  }
}
