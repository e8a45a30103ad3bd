import { describe, expect, it } from 'vitest'
import { RULE_CODE_LIST, RULE_CODES, isRuleCode, ruleSeverity } from './rule-codes'

describe('rule codes', () => {
  it.each(RULE_CODE_LIST.map((code) => ({ code })))('$code has a severity and a one-line description', ({ code }) => {
    expect(['error', 'warning']).toContain(RULE_CODES[code].severity)
    expect(RULE_CODES[code].description).toMatch(/^[A-Z].*\.$/)
    expect(RULE_CODES[code].description).not.toContain('\n')
    expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/)
  })

  it.each([
    { code: 'MISSING_ID', severity: 'error' },
    { code: 'DUPLICATE_ID', severity: 'error' },
    { code: 'INVALID_VALUE', severity: 'error' },
    { code: 'ZERO_DATE', severity: 'warning' },
    { code: 'ORPHAN_REF', severity: 'warning' },
    { code: 'MOJIBAKE_SUSPECTED', severity: 'warning' },
    { code: 'PHP_UNSERIALIZE_FAILED', severity: 'warning' },
    { code: 'MD5_PASSWORD', severity: 'warning' },
  ] as const)('$code is $severity', ({ code, severity }) => {
    expect(ruleSeverity(code)).toBe(severity)
  })

  it.each([
    { code: 'ZERO_DATE', want: true },
    { code: 'NOT_A_CODE', want: false },
    { code: 'toString', want: false },
  ])('isRuleCode($code) → $want', ({ code, want }) => {
    expect(isRuleCode(code)).toBe(want)
  })
})
