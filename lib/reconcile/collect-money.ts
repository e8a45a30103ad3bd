// Money sums, exact (numeric, never float): the accepted source rows' DECIMAL text read as numeric
// rounded to cents per row (as the converter rounds), against the target's numeric(12,2) columns;
// per currency where the table has one. The sums are taken in the table's pass
// (collect-table-pass.ts), per group, and added up here.

import { CURRENCY_CODES } from '@/lib/convert/currency-code'
import { decimalSum } from './checks'
import type { MoneyFigures } from './report-schema'
import { stagedColumn, type ReconcileScope } from './reconcile-scope'
import { describeMoneySource, targetTableOf, type MoneyMeasure, type MoneySpec } from './reconcile-specs'

/** Legacy currency number → ISO code, in SQL (lib/convert/currency-code); unknown → NULL. */
export function sqlCurrency(legacyNumber: string): string {
  const cases = Object.entries(CURRENCY_CODES).map(([n, iso]) => `when ${Number(n)} then '${iso}'`)
  return `case ${legacyNumber} ${cases.join(' ')} end`
}

/** One measure of the source row `s`, as the contract computes it (sum of rounded amounts, × quantity). */
export function sourceMoneySql(scope: ReconcileScope, legacyTable: string, measure: MoneyMeasure): string {
  const terms = measure.legacyColumns.map((c, i) => {
    const negative = c.startsWith('-')
    const value = scope.sql.money(stagedColumn(scope, legacyTable, 's', negative ? c.slice(1) : c))
    return negative ? `- ${value}` : i === 0 ? value : `+ ${value}`
  })
  const sum = `(${terms.join(' ')})`
  const times = measure.timesLegacyColumn
  return times ? `${sum} * ${scope.sql.integer(stagedColumn(scope, legacyTable, 's', times.column), times.fallback)}` : sum
}

/** The source row's currency (ISO, NULL when unknown), or NULL for a table without one. */
export function sourceCurrencySql(scope: ReconcileScope, spec: MoneySpec): string {
  const currency = spec.currencyColumn
  return currency ? sqlCurrency(scope.sql.integer(stagedColumn(scope, spec.legacyTable, 's', currency.legacy), currency.fallback)) : 'null::text'
}

/** Rows and sums of one side for one currency, as the pass's groups give them. */
export interface MoneyPart {
  currency: string | null
  rows: number
  sums: string[]
}

const NO_CURRENCY = '\u0000none'

/** Adds up the groups' parts into one entry per currency (one for the table when it has none). */
export function moneyFigures(spec: MoneySpec, source: readonly MoneyPart[], target: readonly MoneyPart[]): MoneyFigures[] {
  const key = (c: string | null) => c ?? NO_CURRENCY
  const total = (parts: readonly MoneyPart[]) => {
    const byCurrency = new Map<string, { rows: number; sums: string[][] }>()
    for (const part of parts) {
      const entry = byCurrency.get(key(part.currency)) ?? { rows: 0, sums: spec.measures.map(() => []) }
      entry.rows += part.rows
      part.sums.forEach((sum, i) => entry.sums[i].push(sum))
      byCurrency.set(key(part.currency), entry)
    }
    return byCurrency
  }
  const bySource = total(source)
  const byTarget = total(target)
  // currencies in alphabetical order, the rows of an unknown currency last
  const keys = [...new Set([...bySource.keys(), ...byTarget.keys()])].sort((a, b) => (a === NO_CURRENCY ? 1 : b === NO_CURRENCY ? -1 : a < b ? -1 : a > b ? 1 : 0))
  if (keys.length === 0) keys.push(NO_CURRENCY) // an empty table still gets its (zero) entry
  return keys.map((k) => ({
    legacyTable: spec.legacyTable,
    targetTable: targetTableOf(spec.legacyTable),
    currency: k === NO_CURRENCY ? null : k,
    perCurrency: spec.currencyColumn !== null,
    rows: { source: bySource.get(k)?.rows ?? 0, target: byTarget.get(k)?.rows ?? 0 },
    sums: spec.measures.map((m, i) => ({
      measure: m.measure,
      sourceExpression: describeMoneySource(m),
      targetExpression: m.targetExpression,
      source: decimalSum(bySource.get(k)?.sums[i] ?? [], 2),
      target: decimalSum(byTarget.get(k)?.sums[i] ?? [], 2),
    })),
  }))
}
