import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { getColumnInfo, legacyDatetime, legacyFlag, legacyId, legacyInt, legacyMoney, legacyRawText, legacyRef, legacyText, unixSeconds } from './columns'

// The column schemas as zod sees them (mapRow calls the same parse functions directly).
function parse(schema: z.ZodType, value: unknown) {
  const result = z.object({ C: schema }).safeParse(value === undefined ? {} : { C: value })
  return result.success ? { ok: true, value: (result.data as { C: unknown }).C } : { ok: false, message: result.error.issues[0].message, params: (result.error.issues[0] as { params?: unknown }).params }
}

describe('legacy column schemas', () => {
  it.each([
    { name: 'ID number', schema: legacyId, raw: 42, want: 42 },
    { name: 'ID text', schema: legacyId, raw: '42', want: 42 },
    { name: 'ID bigint', schema: legacyId, raw: 42n, want: 42 },
    { name: 'ref 0', schema: legacyRef, raw: 0, want: 0 },
    { name: 'ref NULL', schema: legacyRef, raw: null, want: null },
    { name: 'ref absent', schema: legacyRef, raw: undefined, want: null },
    { name: 'INT text', schema: legacyInt({ default: 0 }), raw: '-7', want: -7 },
    { name: 'flag text', schema: legacyFlag({ default: 0 }), raw: '1', want: 1 },
    { name: 'UNIX seconds 0', schema: unixSeconds(), raw: '0', want: null },
    { name: 'UNIX seconds', schema: unixSeconds(), raw: 1457085600, want: new Date('2016-03-04T10:00:00Z') },
    { name: 'DATETIME', schema: legacyDatetime({ default: '0000-00-00 00:00:00' }), raw: '2012-03-04 05:06:07', want: { date: new Date('2012-03-04T05:06:07Z'), text: '2012-03-04 05:06:07' } },
    { name: 'zero DATETIME', schema: legacyDatetime({ default: '0000-00-00 00:00:00' }), raw: '0000-00-00 00:00:00', want: { date: null, text: '0000-00-00 00:00:00' } },
    { name: 'money text', schema: legacyMoney({ default: '0.00' }), raw: '12.50', want: { cents: 1250n, rounded: false } },
    { name: 'money integer', schema: legacyMoney({ default: '0.00' }), raw: 12, want: { cents: 1200n, rounded: false } },
    { name: 'nullable text NULL', schema: legacyText(), raw: null, want: null },
    { name: 'nullable text absent', schema: legacyText(), raw: undefined, want: null },
    { name: 'text keeps NUL (mapRow removes it, with a warning)', schema: legacyText({ default: '' }), raw: 'a\0b', want: 'a\0b' },
    { name: 'raw text', schema: legacyRawText(), raw: 'a:0:{}', want: 'a:0:{}' },
  ])('$name', ({ schema, raw, want }) => {
    expect(parse(schema, raw)).toEqual({ ok: true, value: want })
  })

  it.each([
    { name: 'ID absent', schema: legacyId, raw: undefined, message: 'is missing', code: 'MISSING_ID' },
    { name: 'ID NULL', schema: legacyId, raw: null, message: 'is missing', code: 'MISSING_ID' },
    { name: 'ID text', schema: legacyId, raw: 'abc', message: 'is not an integer', code: 'INVALID_VALUE' },
    { name: 'ID 0', schema: legacyId, raw: 0, message: 'is not a positive integer (0 is the legacy "none")', code: 'INVALID_VALUE' },
    { name: 'INT decimal', schema: legacyInt({ default: 0 }), raw: '1.5', message: 'is not an integer', code: 'INVALID_VALUE' },
    { name: 'NOT NULL text NULL (mapRow substitutes the default first)', schema: legacyText({ default: '' }), raw: null, message: 'is NULL', code: 'INVALID_VALUE' },
    { name: 'text from invalid bytes', schema: legacyText(), raw: new Uint8Array([0xff]), message: 'is binary data that is not valid UTF-8 text', code: 'INVALID_VALUE' },
  ])('refuses $name', ({ schema, raw, message, code }) => {
    expect(parse(schema, raw)).toEqual({ ok: false, message, params: { ruleCode: code } })
  })

  it.each([
    { name: 'legacyInt', schema: legacyInt({ default: 0 }), info: { notNullDefault: 0 } },
    { name: 'legacyText NOT NULL', schema: legacyText({ default: '' }), info: { notNullDefault: '', text: { mojibake: true } } },
    { name: 'legacyText without mojibake check', schema: legacyText({ mojibake: false }), info: { text: { mojibake: false } } },
    { name: 'legacyRef', schema: legacyRef, info: {} },
  ])('$name carries its column info', ({ schema, info }) => {
    const { parse: fn, ...rest } = getColumnInfo(schema) ?? {}
    expect(typeof fn).toBe('function')
    expect(rest).toEqual(info)
  })
})
