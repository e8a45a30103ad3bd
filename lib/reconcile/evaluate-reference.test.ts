import { describe, expect, it } from 'vitest'
import { evaluateReference } from './evaluate-reference'
import type { ReferenceFigures } from './report-schema'

type Over = Partial<Omit<ReferenceFigures, 'source' | 'target'>> & { source?: Partial<NonNullable<ReferenceFigures['source']>>; target?: Partial<NonNullable<ReferenceFigures['target']>> }

function figures(over: Over = {}): ReferenceFigures {
  const { source, target, ...rest } = over
  return {
    legacyTable: 'Orders',
    legacyColumn: 'CustomerID',
    referencedLegacyTable: 'Customers',
    targetTable: 'orders',
    kind: 'pair',
    targetColumn: 'customer_id',
    legacyTargetColumn: 'legacy_customer_id',
    referencedTargetTable: 'customers',
    source: { none: 2, resolved: 90, orphan: 0, rejectedTarget: 0, ...source },
    target: { none: 2, resolved: 90, orphan: 0, ...target },
    mismatches: 0,
    mismatchExamples: [],
    integrityViolations: 0,
    integrityExamples: [],
    orphanWarnings: (source?.orphan ?? 0) + (source?.rejectedTarget ?? 0),
    orphanExamples: [],
    ...rest,
  }
}

const statusOf = (f: ReferenceFigures, name: string) => evaluateReference(f).checks.find((c) => c.check === name)?.status

describe('evaluateReference', () => {
  it.each([
    { case: 'all resolved', f: figures(), check: 'resolved', want: 'pass', overall: 'pass' },
    { case: 'orphans as in the source: expected, a warning', f: figures({ source: { orphan: 8 }, target: { orphan: 8 } }), check: 'orphan', want: 'warn', overall: 'warn' },
    {
      case: 'a reference to a rejected row becomes an orphan in the target',
      f: figures({ source: { resolved: 89, rejectedTarget: 1 }, target: { resolved: 89, orphan: 1 } }),
      check: 'orphan',
      want: 'warn',
      overall: 'warn',
    },
    {
      case: 'a resolved reference NULLed in the target',
      f: figures({ target: { resolved: 89, orphan: 1 }, mismatches: 1, mismatchExamples: [17] }),
      check: 'resolved',
      want: 'fail',
      overall: 'fail',
    },
    { case: 'a row whose class differs', f: figures({ mismatches: 1, mismatchExamples: [17] }), check: 'rows_match', want: 'fail', overall: 'fail' },
    { case: 'none counts differ', f: figures({ target: { none: 1, orphan: 1 } }), check: 'none', want: 'fail', overall: 'fail' },
    { case: 'a uuid naming another row', f: figures({ integrityViolations: 1, integrityExamples: [3] }), check: 'integrity', want: 'fail', overall: 'fail' },
    { case: 'an orphan without its warning', f: figures({ source: { orphan: 2 }, target: { orphan: 2 }, orphanWarnings: 1 }), check: 'orphans_reported', want: 'fail', overall: 'fail' },
    { case: 'warnings not counted', f: figures({ orphanWarnings: null }), check: 'orphans_reported', want: 'skip', overall: 'pass' },
  ])('$case: $check is $want', ({ f, check, want, overall }) => {
    expect(statusOf(f, check)).toBe(want)
    expect(evaluateReference(f).status).toBe(overall)
  })

  it('names the rows that differ', () => {
    const report = evaluateReference(figures({ target: { resolved: 89, orphan: 1 }, mismatches: 1, mismatchExamples: [17] }))
    expect(report.checks.find((c) => c.check === 'rows_match')?.message).toBe('1 row of orders has another reference than the source implies: legacy id 17.')
  })

  it('lists orphan examples in the warning', () => {
    const report = evaluateReference(figures({ source: { orphan: 2 }, target: { orphan: 2 }, orphanExamples: [{ legacyId: 9, value: 424242 }, { legacyId: 12, value: 5 }] }))
    expect(report.checks.find((c) => c.check === 'orphan')?.message).toBe(
      '2 orphans (Orders.CustomerID pointing at no imported row), kept as legacy ids on both sides; e.g. ID 9 → 424242 and 12 → 5.',
    )
  })

  it('a jsonb legacy id has no uuid to check, and only validation warns about it', () => {
    const f = figures({ kind: 'json', targetColumn: 'factory_assignments', legacyTargetColumn: null, source: { rejectedTarget: 1, resolved: 89 }, target: { resolved: 89, orphan: 1 }, orphanWarnings: 0 })
    const report = evaluateReference(f)
    expect(report.checks.map((c) => c.check)).not.toContain('integrity')
    expect(report.checks.find((c) => c.check === 'orphans_reported')?.status).toBe('pass')
  })

  it('skips a table that was not validated', () => {
    expect(evaluateReference({ ...figures(), source: null }).status).toBe('skip')
  })
})
