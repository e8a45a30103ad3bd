// Money sums, exact (numeric, never float): the accepted source rows' DECIMAL text summed as
// numeric rounded to cents per row (as the converter rounds), against the target's numeric(12,2)
// columns; per currency where the table has one.

import { CURRENCY_CODES } from '@/lib/convert/currency-code'
import { quoteIdent } from '@/lib/staging/staging-names'
import type { MoneyFigures } from './report-schema'
import { hasMapped, hasStaged, mappedRef, stagedColumn, stagedRef, toCount, type ReconcileScope } from './reconcile-scope'
import { describeMoneySource, targetTableOf, type MoneyMeasure, type MoneySpec } from './reconcile-specs'
import { sqlInteger, sqlMoney } from './source-sql'

/** Legacy currency number → ISO code, in SQL (lib/convert/currency-code); unknown → NULL. */
export function sqlCurrency(legacyNumber: string): string {
  const cases = Object.entries(CURRENCY_CODES).map(([n, iso]) => `when ${Number(n)} then '${iso}'`)
  return `case ${legacyNumber} ${cases.join(' ')} end`
}

function sourceMeasure(scope: ReconcileScope, legacyTable: string, measure: MoneyMeasure): string {
  const terms = measure.legacyColumns.map((c, i) => {
    const negative = c.startsWith('-')
    const value = sqlMoney(stagedColumn(scope, legacyTable, 's', negative ? c.slice(1) : c))
    return negative ? `- ${value}` : i === 0 ? value : `+ ${value}`
  })
  const sum = `(${terms.join(' ')})`
  const times = measure.timesLegacyColumn
  return times ? `${sum} * ${sqlInteger(stagedColumn(scope, legacyTable, 's', times.column), times.fallback)}` : sum
}

const NO_CURRENCY = '\u0000none'

export async function collectMoney(scope: ReconcileScope, spec: MoneySpec): Promise<MoneyFigures[]> {
  const targetTable = targetTableOf(spec.legacyTable)
  if (!hasStaged(scope, spec.legacyTable) || !hasMapped(scope, targetTable)) return []
  const S = stagedRef(scope, spec.legacyTable)
  const M = mappedRef(scope, targetTable)
  const T = quoteIdent(targetTable)
  const currency = spec.currencyColumn

  const sourceKey = currency ? sqlCurrency(sqlInteger(stagedColumn(scope, spec.legacyTable, 's', currency.legacy), currency.fallback)) : 'null::text'
  const targetKey = currency ? `t.${quoteIdent(currency.target)}` : 'null::text'
  const sourceSums = spec.measures.map((m, i) => `coalesce(sum(${sourceMeasure(scope, spec.legacyTable, m)}), 0)::text as m${i}`)
  const targetSums = spec.measures.map((m, i) => `coalesce(sum(${m.targetExpression}), 0)::text as m${i}`)

  const [source, target] = await Promise.all([
    scope.pool.query(`select ${sourceKey} as currency, count(*) as rows, ${sourceSums.join(', ')}
                        from ${S} s join ${M} m on m._row = s._row group by 1`),
    scope.pool.query(`select ${targetKey} as currency, count(*) as rows, ${targetSums.join(', ')} from ${T} t group by 1`),
  ])
  const key = (c: string | null) => c ?? NO_CURRENCY
  const bySource = new Map(source.rows.map((r) => [key(r.currency), r]))
  const byTarget = new Map(target.rows.map((r) => [key(r.currency), r]))
  const keys = [...new Set([...bySource.keys(), ...byTarget.keys()])].sort()
  if (keys.length === 0) keys.push(NO_CURRENCY) // an empty table still gets its (zero) entry

  return keys.map((k) => {
    const s = bySource.get(k)
    const t = byTarget.get(k)
    return {
      legacyTable: spec.legacyTable,
      targetTable,
      currency: k === NO_CURRENCY ? null : k,
      perCurrency: currency !== null,
      rows: { source: toCount(s?.rows), target: toCount(t?.rows) },
      sums: spec.measures.map((m, i) => ({
        measure: m.measure,
        sourceExpression: describeMoneySource(m),
        targetExpression: m.targetExpression,
        source: normaliseDecimal(s?.[`m${i}`] ?? '0'),
        target: normaliseDecimal(t?.[`m${i}`] ?? '0'),
      })),
    }
  })
}

/** numeric text with at least two decimals ('0' → '0.00'), for a uniform report. */
function normaliseDecimal(text: string): string {
  if (!text.includes('.')) return `${text}.00`
  const decimals = text.length - text.indexOf('.') - 1
  return decimals >= 2 ? text : text + '0'.repeat(2 - decimals)
}
