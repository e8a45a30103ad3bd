import { describe, expect, it } from 'vitest'
import { evaluateRowHash } from './evaluate-row-hash'
import type { RowHashFigures } from './report-schema'

function figures(over: Partial<RowHashFigures> = {}): RowHashFigures {
  return {
    legacyTable: 'SaddleLeathers',
    targetTable: 'products',
    hashMethod: 'typed',
    columns: ['id', 'legacy_id', 'legacy_model_id', 'price'],
    excludedColumns: ['model_id'],
    sourceRows: 4,
    targetRows: 4,
    matching: 4,
    differing: 0,
    linked: 0,
    linkedExamples: [],
    decided: 0,
    decidedExamples: [],
    missingInTarget: 0,
    extraInTarget: 0,
    sourceFingerprint: '123',
    targetFingerprint: '123',
    examples: [],
    ...over,
  }
}

describe('evaluateRowHash', () => {
  it.each([
    { case: 'identical', f: figures(), want: ['pass', 'pass', 'pass'] },
    { case: 'a changed price', f: figures({ matching: 3, differing: 1, examples: [{ legacyId: 2, kind: 'differs', columns: ['price'] }] }), want: ['fail', 'pass', 'pass'] },
    { case: 'a deleted row', f: figures({ targetRows: 3, matching: 3, missingInTarget: 1, examples: [{ legacyId: 4, kind: 'missing', columns: [] }] }), want: ['pass', 'fail', 'pass'] },
    { case: 'a row from elsewhere', f: figures({ targetRows: 5, extraInTarget: 1 }), want: ['pass', 'pass', 'fail'] },
  ])('$case', ({ f, want }) => {
    expect(evaluateRowHash(f).checks.map((c) => c.status)).toEqual(want)
  })

  it('names the row and the column that differ', () => {
    const report = evaluateRowHash(figures({ matching: 3, differing: 1, examples: [{ legacyId: 2, kind: 'differs', columns: ['price'] }] }))
    expect(report.checks[0].message).toBe('1 row of products differs from what validation mapped: legacy id 2 (price).')
  })
})
