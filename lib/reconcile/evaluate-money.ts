// Money sums, exact: the source's DECIMAL text summed as numeric against the target's numeric(12,2)
// columns, per currency for orders. Any difference, however small, fails.

import { check, countCheck, decimalDifference, decimalEqual, plural, withStatus } from './checks'
import type { MoneyFigures, MoneyReport, ReconciliationCheck } from './report-schema'

export function moneySubject(f: Pick<MoneyFigures, 'legacyTable' | 'currency' | 'perCurrency'>): string {
  return f.perCurrency ? `${f.legacyTable} ${f.currency ?? 'unknown currency'}` : f.legacyTable
}

export function evaluateMoney(f: MoneyFigures): MoneyReport {
  const subject = moneySubject(f)
  const checks: ReconciliationCheck[] = [
    countCheck('rows', f.rows.source, f.rows.target, (equal) =>
      equal
        ? `${plural(f.rows.source, 'row')} on both sides.`
        : `${subject}: ${f.rows.source} accepted source rows, ${f.rows.target} target rows.`),
  ]
  for (const sum of f.sums) {
    const difference = decimalDifference(sum.source, sum.target)
    const equal = decimalEqual(sum.source, sum.target)
    checks.push(
      check(`sum_${sum.measure}`, equal ? 'pass' : 'fail', sum.source, sum.target, difference,
        equal
          ? `${sum.measure}: ${sum.sourceExpression} = ${sum.targetExpression} = ${sum.target}.`
          : `${subject} ${sum.measure}: ${sum.sourceExpression} sums to ${sum.source} in the source, ${sum.targetExpression} to ${sum.target} in ${f.targetTable} (difference ${difference}).`),
    )
  }
  return withStatus(f, checks)
}
