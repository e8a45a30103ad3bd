import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineMapping, mapRow, snakeCase } from './define-mapping'
import { legacyFlag, legacyId, legacyInt, legacyMoney, legacyRef, legacyText, unixSeconds } from './columns'
import { IMPORT_TIME, asStagedText, contextWith, issueKeys, uuid } from './testing'

// A small mapping that uses every helper, standing for the real ones.
const widgets = defineMapping({
  legacyTable: 'Widgets',
  targetTable: 'widgets',
  targetModel: 'Widget',
  dependsOn: ['Saddles'],
  row: z.object({
    ID: legacyId,
    SaddleID: legacyRef,
    Name: legacyText({ default: '' }),
    Note: legacyText(),
    Token: legacyText({ default: '', mojibake: false }),
    Sequence: legacyInt({ default: 0 }),
    Price: legacyMoney({ default: '0.00' }),
    Active: legacyFlag({ default: 1 }),
    Deleted: legacyFlag({ default: 0 }),
    ChangeTime: unixSeconds(),
  }),
  map: (r, ctx) => {
    if (r.Name === 'throw') throw new Error('boom')
    if (r.Name === 'refuse') ctx.error('INVALID_VALUE', 'Name', 'Name says refuse.')
    return {
      id: ctx.uuidFor('Widgets', r.ID),
      legacyId: r.ID,
      ...ctx.ref('modelId', 'SaddleID', 'Saddles', r.SaddleID),
      name: r.Name,
      note: r.Note,
      token: r.Token,
      sequence: r.Sequence,
      price: ctx.money('Price', r.Price),
      isActive: ctx.flag('Active', r.Active),
      deletedAt: ctx.deletedAt(r.Deleted, r.ChangeTime),
      createdAt: ctx.importTime,
      updatedAt: r.ChangeTime ?? ctx.importTime,
    }
  },
})

const base = { ID: 7, SaddleID: 3, Name: 'Wolfgang', Note: null, Token: 'abc', Sequence: 2, Price: '12.50', Active: 1, Deleted: 0, ChangeTime: 1457085600 }
const ctx = contextWith({ Saddles: [3] })

describe('defineMapping', () => {
  it('knows the legacy columns, the NOT NULL defaults and the text columns', () => {
    expect(widgets.legacyColumns).toEqual(['ID', 'SaddleID', 'Name', 'Note', 'Token', 'Sequence', 'Price', 'Active', 'Deleted', 'ChangeTime'])
    expect(widgets.notNullDefaults).toEqual([['Name', ''], ['Token', ''], ['Sequence', 0], ['Price', '0.00'], ['Active', 1], ['Deleted', 0], ['ChangeTime', 0]])
    expect(widgets.textColumns).toEqual([['Name', true], ['Note', true], ['Token', false]])
  })
})

describe('mapRow', () => {
  const expected = {
    id: uuid('Widgets', 7),
    legacyId: 7,
    modelId: uuid('Saddles', 3),
    legacyModelId: 3,
    name: 'Wolfgang',
    note: null,
    token: 'abc',
    sequence: 2,
    price: '12.50',
    isActive: true,
    deletedAt: null,
    createdAt: IMPORT_TIME,
    updatedAt: new Date('2016-03-04T10:00:00Z'),
  }

  it('maps a typed row from the dump reader', () => {
    expect(mapRow(widgets, base, ctx)).toEqual({ target: expected, issues: [] })
  })

  it('maps the same row given as staged text, to the same target', () => {
    expect(mapRow(widgets, asStagedText(base), ctx)).toEqual({ target: expected, issues: [] })
  })

  it('accepts bigint integers', () => {
    expect(mapRow(widgets, { ...base, ID: 7n, Sequence: 2n }, ctx)).toEqual({ target: expected, issues: [] })
  })

  it('ignores drifted columns', () => {
    expect(mapRow(widgets, { ...base, AddedIn2019: 'x', Extra: null }, ctx)).toEqual({ target: expected, issues: [] })
  })

  it.each([
    { name: 'NULL ID', row: { ID: null }, keys: ['MISSING_ID@ID'], message: 'The row has no ID (NULL); it cannot be imported.', value: null },
    { name: 'absent ID', row: { ID: undefined }, keys: ['MISSING_ID@ID'], message: 'The row has no ID (absent from the dump); it cannot be imported.', value: null },
    { name: 'empty ID', row: { ID: '' }, keys: ['MISSING_ID@ID'], message: 'The row has no ID (empty); it cannot be imported.', value: '' },
    { name: 'text ID', row: { ID: 'abc' }, keys: ['INVALID_VALUE@ID'], message: "ID 'abc' is not an integer; the row cannot be imported.", value: 'abc' },
    { name: 'ID 0', row: { ID: 0 }, keys: ['INVALID_VALUE@ID'], message: 'ID 0 is not a positive integer (0 is the legacy "none"); the row cannot be imported.', value: '0' },
    { name: 'decimal ID', row: { ID: '7.5' }, keys: ['INVALID_VALUE@ID'], message: "ID '7.5' is not an integer; the row cannot be imported.", value: '7.5' },
    { name: 'text in an INT column', row: { Sequence: 'abc' }, keys: ['INVALID_VALUE@Sequence'], message: "Sequence 'abc' is not an integer; the row cannot be imported.", value: 'abc' },
    { name: 'INT beyond integer', row: { Sequence: 3000000000 }, keys: ['INVALID_VALUE@Sequence'], message: 'Sequence 3000000000 is outside the range of a PostgreSQL integer (-2147483648 to 2147483647); the row cannot be imported.', value: '3000000000' },
    { name: 'money beyond numeric(12,2)', row: { Price: '12345678901.00' }, keys: ['INVALID_VALUE@Price'], message: "Price '12345678901.00' is outside the range of numeric(12,2) (at most ±9999999999.99); the row cannot be imported.", value: '12345678901.00' },
    { name: 'text reference', row: { SaddleID: 'x' }, keys: ['INVALID_VALUE@SaddleID'], message: "SaddleID 'x' is not an integer; the row cannot be imported.", value: 'x' },
  ])('rejects a row with $name', ({ row, keys, message, value }) => {
    const got = mapRow(widgets, { ...base, ...row }, ctx)
    expect(got.target).toBeNull()
    expect(issueKeys(got.issues)).toEqual(keys)
    expect(got.issues[0]).toMatchObject({ severity: 'error', message, value })
  })

  it('reports every bad column of a rejected row', () => {
    const got = mapRow(widgets, { ...base, ID: null, Sequence: 'x', Price: 'y' }, ctx)
    expect(got.target).toBeNull()
    expect(issueKeys(got.issues)).toEqual(['MISSING_ID@ID', 'INVALID_VALUE@Sequence', 'INVALID_VALUE@Price'])
  })

  it.each([
    { name: 'NULL in a NOT NULL INT', row: { Sequence: null }, want: { sequence: 0 }, message: "Sequence is NULL although the legacy column is NOT NULL; its legacy default 0 was used." },
    { name: 'absent NOT NULL text', row: { Name: undefined }, want: { name: '' }, message: "Name is absent from the dump although the legacy column is NOT NULL; its legacy default '' was used." },
    { name: 'NULL flag', row: { Active: null }, want: { isActive: true }, message: 'Active is NULL although the legacy column is NOT NULL; its legacy default 1 was used.' },
  ])('uses the legacy default for $name, with a warning', ({ row, want, message }) => {
    const got = mapRow(widgets, { ...base, ...row }, ctx)
    expect(got.target).toMatchObject(want)
    expect(got.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'MISSING_VALUE', message })])
  })

  it.each([
    { name: 'present', SaddleID: 3, want: { modelId: uuid('Saddles', 3), legacyModelId: 3 }, keys: [] },
    { name: 'zero', SaddleID: 0, want: { modelId: null, legacyModelId: null }, keys: [] },
    { name: 'NULL', SaddleID: null, want: { modelId: null, legacyModelId: null }, keys: [] },
    { name: 'zero as text', SaddleID: '0', want: { modelId: null, legacyModelId: null }, keys: [] },
    { name: 'orphan', SaddleID: 99, want: { modelId: null, legacyModelId: 99 }, keys: ['ORPHAN_REF@SaddleID'] },
  ])('reference $name', ({ SaddleID, want, keys }) => {
    const got = mapRow(widgets, { ...base, SaddleID }, ctx)
    expect(got.target).toMatchObject(want)
    expect(issueKeys(got.issues)).toEqual(keys)
  })

  it('says what an orphan is', () => {
    expect(mapRow(widgets, { ...base, SaddleID: 99 }, ctx).issues[0]).toEqual({
      severity: 'warning',
      code: 'ORPHAN_REF',
      column: 'SaddleID',
      message: 'SaddleID 99 points at no row of Saddles; model_id is left empty and legacy_model_id keeps 99.',
      value: '99',
    })
  })

  it.each([
    { name: 'quotes, backslashes, newlines', Name: 'O\'Brien "the \\ horse"\nline 2', want: 'O\'Brien "the \\ horse"\nline 2', keys: [] },
    { name: 'emoji', Name: 'Pony 🐴🐎', want: 'Pony 🐴🐎', keys: [] },
    { name: 'combining characters (no normalisation)', Name: 'Cafe\u0301', want: 'Cafe\u0301', keys: [] },
    { name: 'NUL', Name: 'Wolf\0gang', want: 'Wolfgang', keys: ['NUL_REMOVED@Name'] },
    { name: 'double-encoded text (kept as is)', Name: 'MÃ¼ller', want: 'MÃ¼ller', keys: ['MOJIBAKE_SUSPECTED@Name'] },
    { name: 'NUL and double-encoded', Name: 'MÃ¼\0ller', want: 'MÃ¼ller', keys: ['NUL_REMOVED@Name', 'MOJIBAKE_SUSPECTED@Name'] },
  ])('text with $name', ({ Name, want, keys }) => {
    const got = mapRow(widgets, { ...base, Name }, ctx)
    expect(got.target?.name).toBe(want)
    expect(issueKeys(got.issues)).toEqual(keys)
  })

  it('explains a NUL removal, showing the source value with ␀', () => {
    expect(mapRow(widgets, { ...base, Note: 'a\0b\0' }, ctx).issues).toEqual([
      { severity: 'warning', code: 'NUL_REMOVED', column: 'Note', message: 'Note contained 2 NUL characters, which PostgreSQL text cannot hold; removed.', value: 'a\u2400b\u2400' },
    ])
  })

  it('shows the mojibake repair without applying it', () => {
    expect(mapRow(widgets, { ...base, Note: 'donâ€™t' }, ctx).issues).toEqual([
      {
        severity: 'warning',
        code: 'MOJIBAKE_SUSPECTED',
        column: 'Note',
        message: "Note looks double-encoded: 'donâ€™t' probably reads 'don’t'; imported unchanged.",
        value: 'donâ€™t',
        repair: 'don’t',
      },
    ])
  })

  it('skips the mojibake check where the column asks so', () => {
    expect(mapRow(widgets, { ...base, Token: 'MÃ¼ller' }, ctx).issues).toEqual([])
  })

  it.each([
    { name: 'rounded money', row: { Price: '12.345' }, want: { price: '12.35' }, keys: ['MONEY_ROUNDED@Price'] },
    { name: 'flag 2', row: { Active: 2 }, want: { isActive: true }, keys: ['FLAG_OUT_OF_RANGE@Active'] },
    { name: 'deleted with a change time', row: { Deleted: 1 }, want: { deletedAt: new Date('2016-03-04T10:00:00Z') }, keys: [] },
    { name: 'deleted without a change time', row: { Deleted: 1, ChangeTime: 0 }, want: { deletedAt: IMPORT_TIME }, keys: [] },
  ])('$name', ({ row, want, keys }) => {
    const got = mapRow(widgets, { ...base, ...row }, ctx)
    expect(got.target).toMatchObject(want)
    expect(issueKeys(got.issues)).toEqual(keys)
  })

  it('explains a rounding', () => {
    expect(mapRow(widgets, { ...base, Price: '12.345' }, ctx).issues).toEqual([
      { severity: 'warning', code: 'MONEY_ROUNDED', column: 'Price', message: 'Price 12.345 has more than two decimals; stored rounded as 12.35.', value: '12.345' },
    ])
  })

  it('rejects the row when map reports an error', () => {
    const got = mapRow(widgets, { ...base, Name: 'refuse' }, ctx)
    expect(got).toEqual({ target: null, issues: [{ severity: 'error', code: 'INVALID_VALUE', column: 'Name', message: 'Name says refuse.' }] })
  })

  it('turns an exception in map into MAPPING_FAILED', () => {
    const got = mapRow(widgets, { ...base, Name: 'throw' }, ctx)
    expect(got).toEqual({ target: null, issues: [{ severity: 'error', code: 'MAPPING_FAILED', column: null, message: 'Mapping Widgets failed on this row: boom.' }] })
  })

  it('does not modify the raw row', () => {
    const raw = { ...base, Name: 'a\0b', Sequence: null }
    mapRow(widgets, raw, ctx)
    expect(raw).toEqual({ ...base, Name: 'a\0b', Sequence: null })
  })
})

describe('snakeCase', () => {
  it.each([
    { field: 'legacyModelId', want: 'legacy_model_id' },
    { field: 'id', want: 'id' },
    { field: 'saddleSpecifications', want: 'saddle_specifications' },
  ])('$field → $want', ({ field, want }) => {
    expect(snakeCase(field)).toBe(want)
  })
})
