// Small pure helpers the evaluators share: building a check, the worst status of a list, exact
// decimal differences (money sums arrive as numeric text and are never turned into floats).

import type { CheckStatus, ReconciliationCheck } from './report-schema'

export function check(
  name: string,
  status: CheckStatus,
  source: string | number | null,
  target: string | number | null,
  difference: string | number | null,
  message: string,
): ReconciliationCheck {
  const text = (v: string | number | null) => (v === null ? null : String(v))
  return { check: name, status, source: text(source), target: text(target), difference: text(difference), message }
}

/** A check comparing two counts: pass when equal, else `fail`. */
export function countCheck(name: string, source: number, target: number, message: (equal: boolean) => string): ReconciliationCheck {
  const equal = source === target
  return check(name, equal ? 'pass' : 'fail', source, target, source - target, message(equal))
}

const SEVERITY: Record<CheckStatus, number> = { skip: 0, pass: 1, warn: 2, fail: 3 }

/** fail > warn > pass > skip; an empty list is `skip`. */
export function worstStatus(statuses: Iterable<CheckStatus>): CheckStatus {
  let worst: CheckStatus = 'skip'
  for (const status of statuses) if (SEVERITY[status] > SEVERITY[worst]) worst = status
  return worst
}

export function withStatus<T extends object>(figures: T, checks: ReconciliationCheck[]): T & { status: CheckStatus; checks: ReconciliationCheck[] } {
  return { ...figures, status: worstStatus(checks.map((c) => c.status)), checks }
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/

function parseDecimal(text: string): { units: bigint; scale: number } {
  const m = DECIMAL.exec(text)
  if (!m) throw new Error(`not a decimal: ${JSON.stringify(text)}`)
  const fraction = m[3] ?? ''
  const units = BigInt(m[2] + fraction)
  return { units: m[1] === '-' ? -units : units, scale: fraction.length }
}

function formatDecimal(units: bigint, scale: number): string {
  const negative = units < 0n
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0')
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`
  return (negative ? '-' : '') + text
}

/** a − b of two decimal texts, exactly, at the larger of their scales: ('10.50', '0.5') → '10.00'. */
export function decimalDifference(a: string, b: string): string {
  const x = parseDecimal(a)
  const y = parseDecimal(b)
  const scale = Math.max(x.scale, y.scale)
  const units = x.units * 10n ** BigInt(scale - x.scale) - y.units * 10n ** BigInt(scale - y.scale)
  return formatDecimal(units, scale)
}

/** The exact sum of decimal texts, with at least `minScale` decimals: (['1.5', '2.25'], 2) → '3.75'. */
export function decimalSum(values: readonly string[], minScale = 0): string {
  let scale = minScale
  const parsed = values.map((v) => {
    const d = parseDecimal(v)
    scale = Math.max(scale, d.scale)
    return d
  })
  let units = 0n
  for (const d of parsed) units += d.units * 10n ** BigInt(scale - d.scale)
  return formatDecimal(units, scale)
}

/** Whether two decimal texts are the same number ('12.5' and '12.50' are). */
export function decimalEqual(a: string, b: string): boolean {
  return /^-?0+(\.0+)?$/.test(decimalDifference(a, b))
}

/** '7, 12, 40 and 3 more' for messages. */
export function listExamples(values: readonly (string | number)[], total: number, shown = 5): string {
  const head = values.slice(0, shown).map(String)
  const more = total - head.length
  if (head.length === 0) return ''
  return more > 0 ? `${head.join(', ')} and ${more} more` : head.length === 1 ? head[0] : `${head.slice(0, -1).join(', ')} and ${head.at(-1)}`
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}
