import { describe, expect, it } from 'vitest'
import { saddleLeathers } from './saddle-leathers'
import { EXISTING, IMPORT_TIME, asStagedText, issueKeys, mapWith, uuid } from './testing'

const base = { ID: 2, SaddleID: 1, LeatherID: 2, Price: '99999999.99', Sequence: 2 }

describe('SaddleLeathers → products', () => {
  it('maps a row', () => {
    expect(mapWith(saddleLeathers, base, EXISTING)).toEqual({
      target: {
        id: uuid('SaddleLeathers', 2),
        legacyId: 2,
        modelId: uuid('Saddles', 1),
        legacyModelId: 1,
        leatherTypeId: uuid('LeatherTypes', 2),
        legacyLeatherTypeId: 2,
        price: '99999999.99',
        sequence: 2,
        createdAt: IMPORT_TIME,
        updatedAt: IMPORT_TIME,
      },
      issues: [],
    })
    expect(mapWith(saddleLeathers, asStagedText(base), EXISTING)).toEqual(mapWith(saddleLeathers, base, EXISTING))
  })

  it.each([
    { Price: '0.00', price: '0.00', keys: [] },
    { Price: '-5.10', price: '-5.10', keys: [] },
    { Price: '150', price: '150.00', keys: [] },
    { Price: 150, price: '150.00', keys: [] },
    { Price: '0.1', price: '0.10', keys: [] },
    { Price: '19.999', price: '20.00', keys: ['MONEY_ROUNDED@Price'] },
  ])('Price $Price → $price', ({ Price, price, keys }) => {
    const got = mapWith(saddleLeathers, { ...base, Price }, EXISTING)
    expect(got.target?.price).toBe(price)
    expect(issueKeys(got.issues)).toEqual(keys)
  })

  it.each([
    { name: 'orphan model and leather', row: { SaddleID: 77, LeatherID: 9 }, want: { modelId: null, legacyModelId: 77, leatherTypeId: null, legacyLeatherTypeId: 9 }, keys: ['ORPHAN_REF@SaddleID', 'ORPHAN_REF@LeatherID'] },
    { name: 'no leather', row: { LeatherID: 0 }, want: { leatherTypeId: null, legacyLeatherTypeId: null }, keys: [] },
  ])('$name', ({ row, want, keys }) => {
    const got = mapWith(saddleLeathers, { ...base, ...row }, EXISTING)
    expect(got.target).toMatchObject(want)
    expect(issueKeys(got.issues)).toEqual(keys)
  })

  it.each([
    { Price: 'abc', message: "Price 'abc' is not a decimal number; the row cannot be imported." },
    { Price: '10000000000.00', message: "Price '10000000000.00' is outside the range of numeric(12,2) (at most ±9999999999.99); the row cannot be imported." },
  ])('rejects Price $Price', ({ Price, message }) => {
    const got = mapWith(saddleLeathers, { ...base, Price }, EXISTING)
    expect(got.target).toBeNull()
    expect(got.issues).toEqual([{ severity: 'error', code: 'INVALID_VALUE', column: 'Price', message, value: Price }])
  })
})
