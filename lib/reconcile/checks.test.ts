import { describe, expect, it } from 'vitest'
import { decimalDifference, decimalEqual, decimalSum, listExamples, worstStatus } from './checks'

describe('decimalDifference', () => {
  it.each([
    { a: '10.50', b: '0.5', want: '10.00' },
    { a: '0.00', b: '0.01', want: '-0.01' },
    { a: '-5.10', b: '-5.10', want: '0.00' },
    { a: '99999999999999999999.99', b: '0.01', want: '99999999999999999999.98' },
    { a: '1', b: '0.001', want: '0.999' },
    { a: '0', b: '0', want: '0' },
    { a: '-0.05', b: '0.05', want: '-0.10' },
  ])('$a − $b = $want', ({ a, b, want }) => {
    expect(decimalDifference(a, b)).toBe(want)
  })

  it('refuses what is not a decimal (a float would lose cents)', () => {
    expect(() => decimalDifference('1e3', '0')).toThrow(/not a decimal/)
  })
})

describe('decimalEqual', () => {
  it.each([
    { a: '12.5', b: '12.50', want: true },
    { a: '0', b: '-0.00', want: true },
    { a: '12.50', b: '12.51', want: false },
  ])('$a = $b is $want', ({ a, b, want }) => {
    expect(decimalEqual(a, b)).toBe(want)
  })
})

describe('worstStatus', () => {
  it.each([
    { statuses: [], want: 'skip' },
    { statuses: ['pass', 'skip'], want: 'pass' },
    { statuses: ['pass', 'warn', 'pass'], want: 'warn' },
    { statuses: ['warn', 'fail', 'skip'], want: 'fail' },
  ] as const)('$statuses → $want', ({ statuses, want }) => {
    expect(worstStatus(statuses)).toBe(want)
  })
})

describe('listExamples', () => {
  it.each([
    { values: [], total: 0, want: '' },
    { values: [7], total: 1, want: '7' },
    { values: [7, 12], total: 2, want: '7 and 12' },
    { values: [7, 12, 40], total: 3, want: '7, 12 and 40' },
    { values: [1, 2, 3, 4, 5, 6, 7], total: 100, want: '1, 2, 3, 4, 5 and 95 more' },
  ])('$values of $total', ({ values, total, want }) => {
    expect(listExamples(values, total)).toBe(want)
  })
})

describe('decimalSum', () => {
  it.each([
    { values: [], scale: 2, want: '0.00' },
    { values: ['1.5', '2.25'], scale: 2, want: '3.75' },
    { values: ['99999999.99', '99999999.99', '0.02'], scale: 2, want: '200000000.00' },
    { values: ['-5.10', '5.1'], scale: 0, want: '0.00' },
    { values: ['12'], scale: 2, want: '12.00' },
  ])('$values → $want', ({ values, scale, want }) => {
    expect(decimalSum(values, scale)).toBe(want)
  })
})
