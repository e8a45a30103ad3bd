import { describe, expect, it } from 'vitest'
import { requireContractTable } from '@/lib/target/target-contract'
import { checkDecision, DecisionError, settableValue, toDecisionSpec } from './decision-spec'

describe('checkDecision', () => {
  it.each([
    { input: { table: 'Customers', legacyId: 152, action: 'repair' }, want: { action: 'repair', legacyId: 152, rule: null } },
    { input: { table: 'Customers', rule: 'MOJIBAKE_SUSPECTED', action: 'repair' }, want: { action: 'repair', legacyId: null, rule: 'MOJIBAKE_SUSPECTED' } },
    { input: { table: 'Orders', legacyId: 231, action: 'set', column: 'status', value: 'on_hold', reason: '99 means on hold' }, want: { targetColumn: 'status', value: 'on_hold', reason: '99 means on hold' } },
    { input: { table: 'Log', legacyId: 6462, action: 'exclude', reason: 'a test entry' }, want: { action: 'exclude', reason: 'a test entry' } },
    { input: { table: 'Customers', legacyId: 7, action: 'keep', row: 2 }, want: { action: 'keep', legacyId: 7, rowNumber: 2 } },
    { input: { table: 'Fitters', rule: 'UNKNOWN_REGION', action: 'accept' }, want: { action: 'accept', rule: 'UNKNOWN_REGION' } },
    { input: { table: 'Orders', legacyId: 3, action: 'set', column: 'customer_id', value: 12, reason: 'the right customer' }, want: { targetColumn: 'customer_id', value: 12 } },
  ])('takes $input.action $input.table', ({ input, want }) => {
    expect(checkDecision(input, 'decision 1')).toMatchObject(want)
  })

  it.each([
    { input: { table: 'Invoices', legacyId: 1, action: 'accept' }, message: 'decision 1: there is no legacy table "Invoices"' },
    { input: { table: 'Orders', legacyId: 1, action: 'approve' }, message: /decision 1: action: /i },
    { input: { table: 'Orders', rule: 'NO_SUCH_RULE', action: 'accept' }, message: 'decision 1: there is no rule "NO_SUCH_RULE"' },
    { input: { table: 'Orders', action: 'accept' }, message: 'decision 1: name the row (legacyId) or the rule (rule) it is about' },
    { input: { table: 'Orders', legacyId: 1, action: 'set', column: 'status', value: 'lost', reason: 'x' }, message: 'decision 1: status refuses "lost": it takes one of pending, processing, shipped, completed, on_hold, cancelled, returned, repair' },
    { input: { table: 'Orders', legacyId: 1, action: 'set', column: 'colour', value: 'red', reason: 'x' }, message: 'decision 1: orders has no column "colour"' },
    { input: { table: 'Orders', legacyId: 1, action: 'set', column: 'legacy_customer_id', value: 3, reason: 'x' }, message: 'cannot be set (a key, a legacy half, or jsonb)' },
    { input: { table: 'Orders', legacyId: 1, action: 'set', column: 'status', value: 'on_hold' }, message: 'reason' },
    { input: { table: 'Orders', legacyId: 1, action: 'set', column: 'price_saddle', value: '12.345', reason: 'x' }, message: 'numeric(12,2)' },
    { input: { table: 'Orders', legacyId: 1, action: 'exclude', reason: '' }, message: 'a reason is required' },
    { input: { table: 'Orders', rule: 'ORPHAN_REF', action: 'repair' }, message: 'a repair applies the suggested repair of MOJIBAKE_SUSPECTED, not of ORPHAN_REF' },
    { input: { table: 'Orders', rule: 'INVALID_VALUE', action: 'accept' }, message: 'only a warning can be accepted' },
    { input: { table: 'Orders', legacyId: 1, action: 'separate' }, message: 'only a legacy user (Credentials)' },
    { input: { table: 'Orders', legacyId: 1, action: 'accept', extra: 1 }, message: /Unrecognized key/ },
  ])('refuses $input', ({ input, message }) => {
    expect(() => checkDecision(input, 'decision 1')).toThrow(DecisionError)
    expect(() => checkDecision(input, 'decision 1')).toThrow(message)
  })

  it('writes what it read back in the file format', () => {
    const input = { action: 'set', table: 'Orders', legacyId: 231, column: 'status', value: 'on_hold', reason: '99 means on hold' }
    expect(toDecisionSpec(checkDecision(input, 'd'))).toEqual(input)
    const keep = { action: 'keep', table: 'Customers', legacyId: 7, row: 2 }
    expect(toDecisionSpec(checkDecision(keep, 'd'))).toEqual(keep)
  })
})

describe('settableValue', () => {
  const orders = requireContractTable('orders')
  const column = (name: string) => orders.columns.find((c) => c.name === name)!
  it.each([
    { name: 'price_saddle', raw: '1200.5', want: '1200.50' },
    { name: 'price_saddle', raw: 99, want: '99.00' },
    { name: 'price_saddle', raw: '-0.07', want: '-0.07' },
    { name: 'is_urgent', raw: true, want: true },
    { name: 'deleted_at', raw: '2016-03-04T10:00:00Z', want: new Date('2016-03-04T10:00:00Z') },
    { name: 'deleted_at', raw: '2016-03-04 10:00:00', want: new Date('2016-03-04T10:00:00Z') },
    { name: 'deleted_at', raw: null, want: null },
    { name: 'serial_number', raw: 'SN-1', want: 'SN-1' },
    { name: 'customer_id', raw: 12, want: 12 },
  ])('$name takes $raw', ({ name, raw, want }) => {
    expect(settableValue(column(name), raw, 'd')).toEqual(want)
  })

  it.each([
    { name: 'status', raw: null, message: 'status cannot be empty' },
    { name: 'is_urgent', raw: 'yes', message: 'it takes true or false' },
    { name: 'deleted_at', raw: 'yesterday', message: 'it takes a time' },
    { name: 'price_saddle', raw: '12345678901', message: 'numeric(12,2)' },
  ])('$name refuses $raw', ({ name, raw, message }) => {
    expect(() => settableValue(column(name), raw, 'd')).toThrow(message)
  })
})
