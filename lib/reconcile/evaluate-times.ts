// Times: orders per month (the chart of the reconcile page) and the earliest and latest value of
// every time column, source (the contract's rule applied in SQL to the staged values) against target.

import { check, countCheck, listExamples, plural, withStatus } from './checks'
import type { DateRangeFigures, DateRangeReport, MonthsFigures, MonthsReport, ReconciliationCheck } from './report-schema'

export function evaluateMonths(f: MonthsFigures): MonthsReport {
  const differing = f.months.filter((m) => m.source !== m.target)
  const sourceTotal = f.months.reduce((n, m) => n + m.source, 0)
  const targetTotal = f.months.reduce((n, m) => n + m.target, 0)
  const checks: ReconciliationCheck[] = [
    check('per_month', differing.length === 0 ? 'pass' : 'fail', sourceTotal, targetTotal, sourceTotal - targetTotal,
      differing.length === 0
        ? `${plural(sourceTotal, 'order')} in ${plural(f.months.length, 'month')}, the same count every month.`
        : `${plural(differing.length, 'month')} differ${differing.length === 1 ? 's' : ''}: ${listExamples(differing.map((m) => `${m.month} (${m.source} vs ${m.target})`), differing.length, 4)}.`),
    countCheck('without_time', f.withoutTime.source, f.withoutTime.target, (equal) =>
      equal ? `${plural(f.withoutTime.source, 'row')} without a time on both sides.` : `${f.withoutTime.source} source rows and ${f.withoutTime.target} target rows have no ${f.targetColumn}.`),
  ]
  return withStatus(f, checks)
}

/** Sorted union of both sides' months (months absent on one side count 0 there). */
export function mergeMonths(source: ReadonlyMap<string, number>, target: ReadonlyMap<string, number>): MonthsFigures['months'] {
  const months = [...new Set([...source.keys(), ...target.keys()])].sort()
  return months.map((month) => ({ month, source: source.get(month) ?? 0, target: target.get(month) ?? 0 }))
}

export function evaluateDateRange(f: DateRangeFigures): DateRangeReport {
  const what = `${f.targetTable}.${f.targetColumn}`
  const same = (a: string | null, b: string | null) => a === b
  const checks: ReconciliationCheck[] = [
    check('min', same(f.source.min, f.target.min) ? 'pass' : 'fail', f.source.min, f.target.min, null,
      same(f.source.min, f.target.min) ? `Earliest ${what}: ${f.target.min ?? 'none'}.` : `Earliest ${f.sourceExpression} is ${f.source.min ?? 'none'}, earliest ${what} is ${f.target.min ?? 'none'}.`),
    check('max', same(f.source.max, f.target.max) ? 'pass' : 'fail', f.source.max, f.target.max, null,
      same(f.source.max, f.target.max) ? `Latest ${what}: ${f.target.max ?? 'none'}.` : `Latest ${f.sourceExpression} is ${f.source.max ?? 'none'}, latest ${what} is ${f.target.max ?? 'none'}.`),
    countCheck('nulls', f.source.nulls, f.target.nulls, (equal) =>
      equal
        ? `${plural(f.source.nulls, 'row')} without a time (0, the zero date, or not applicable) on both sides.`
        : `${f.source.nulls} source rows give no time by the rule, but ${f.target.nulls} rows of ${f.targetTable} have ${f.targetColumn} NULL.`),
  ]
  return withStatus(f, checks)
}
