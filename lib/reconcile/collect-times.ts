// Time columns: the contract's rule applied in SQL to the staged values (source) against the
// target column — earliest / latest / NULL counts, taken in the table's pass
// (collect-table-pass.ts) — and orders per month of created_at, here.
//
// Where the rule ends in "the import time" (an order without OrderTime and ChangeTime, a deleted
// order without ChangeTime), the source takes the value from the mapped row: the import time is a
// parameter of the run, not data the dump could confirm.

import { quoteIdent } from '@/lib/staging/staging-names'
import { mergeMonths } from './evaluate-times'
import type { MonthsFigures } from './report-schema'
import { hasMapped, hasStaged, mappedRef, stagedColumn, stagedRef, toCount, reconcileQuery, type ReconcileScope } from './reconcile-scope'
import { MONTHS, targetTableOf, type TimeRule } from './reconcile-specs'
import { sqlUnixTime, sqlUtcMonth } from './source-sql'

/** The rule as SQL over the staged row `s` and its mapped row `m`. */
export function sourceTimeSql(scope: ReconcileScope, legacyTable: string, rule: TimeRule): string {
  const col = (name: string) => stagedColumn(scope, legacyTable, 's', name)
  const orderTime = scope.sql.integer(col('OrderTime'), 0)
  const changeTime = scope.sql.integer(col('ChangeTime'), 0)
  const created = `case when ${orderTime} <> 0 then to_timestamp(${orderTime}) when ${changeTime} <> 0 then to_timestamp(${changeTime}) else m.created_at end`
  switch (rule.kind) {
    case 'unix':
      return sqlUnixTime(scope.sql.integer(col(rule.column), 0))
    case 'datetime':
      return scope.sql.datetime(`coalesce(${col(rule.column)}, '0000-00-00 00:00:00')`)
    case 'orderCreated':
      return created
    case 'orderUpdated':
      return `case when ${changeTime} <> 0 then to_timestamp(${changeTime}) else ${created} end`
    case 'orderDeleted':
      return `case when ${scope.sql.flag(col('Deleted'), 0)} then (case when ${changeTime} <> 0 then to_timestamp(${changeTime}) else m.deleted_at end) end`
  }
}

/** Orders per month of created_at (UTC), source by the contract's rule, target by the column. */
export async function collectOrdersByMonth(scope: ReconcileScope): Promise<MonthsFigures | null> {
  const { legacyTable, targetColumn, sourceExpression } = MONTHS
  const targetTable = targetTableOf(legacyTable)
  if (!hasStaged(scope, legacyTable) || !hasMapped(scope, targetTable)) return null
  const created = sourceTimeSql(scope, legacyTable, { kind: 'orderCreated' })
  const [source, target] = await Promise.all([
    reconcileQuery<{ month: string | null; n: string }>(
      scope,
      `select ${sqlUtcMonth('x.created')} as month, count(*) as n
         from (select ${created} as created from ${stagedRef(scope, legacyTable)} s join ${mappedRef(scope, targetTable)} m on m._row = s._row offset 0) x
        group by 1`,
      [],
      { hashAggregate: true },
    ),
    reconcileQuery<{ month: string | null; n: string }>(
      scope,
      // the new system's own orders (no legacy_id) are not the dump's
      `select ${sqlUtcMonth(`t.${quoteIdent(targetColumn)}`)} as month, count(*) as n from ${quoteIdent(targetTable)} t where t.legacy_id is not null group by 1`,
      [],
      { hashAggregate: true },
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
