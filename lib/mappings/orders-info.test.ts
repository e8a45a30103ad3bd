import { describe, expect, it } from 'vitest'
import { ordersInfo } from './orders-info'
import { EXISTING, IMPORT_TIME, asStagedText, issueKeys, mapWith, uuid } from './testing'

const base = { ID: 2, OrderID: 1, OptionID: 2, OptionItemID: 3, Description: 'Kneeroll – large', Quantity: 2, Price: '120.50' }

describe('OrdersInfo → order_lines', () => {
  it('maps a row', () => {
    expect(mapWith(ordersInfo, base, EXISTING)).toEqual({
      target: {
        id: uuid('OrdersInfo', 2),
        legacyId: 2,
        orderId: uuid('Orders', 1),
        legacyOrderId: 1,
        optionId: uuid('Options', 2),
        legacyOptionId: 2,
        optionItemId: uuid('OptionsItems', 3),
        legacyOptionItemId: 3,
        description: 'Kneeroll – large',
        quantity: 2,
        price: '120.50',
        createdAt: IMPORT_TIME,
        updatedAt: IMPORT_TIME,
      },
      issues: [],
    })
    expect(mapWith(ordersInfo, asStagedText(base), EXISTING)).toEqual(mapWith(ordersInfo, base, EXISTING))
  })

  it.each([
    {
      name: 'free-text line (option 0, item 0)',
      row: { OptionID: 0, OptionItemID: 0, Description: "Free text: 'custom' \\ engraving \"JR\"", Price: '0.00' },
      want: { optionId: null, legacyOptionId: null, optionItemId: null, legacyOptionItemId: null, description: "Free text: 'custom' \\ engraving \"JR\"" },
      keys: [],
    },
    { name: 'orphan order', row: { OrderID: 424242 }, want: { orderId: null, legacyOrderId: 424242 }, keys: ['ORPHAN_REF@OrderID'] },
    { name: 'orphan item', row: { OptionItemID: 4 }, want: { optionItemId: null, legacyOptionItemId: 4 }, keys: ['ORPHAN_REF@OptionItemID'] },
    { name: 'quantity 0 and a negative price', row: { Quantity: 0, Price: '-10.00' }, want: { quantity: 0, price: '-10.00' }, keys: [] },
    { name: 'empty description', row: { Description: '' }, want: { description: '' }, keys: [] },
    { name: 'quantity NULL → legacy default 1', row: { Quantity: null }, want: { quantity: 1 }, keys: ['MISSING_VALUE@Quantity'] },
    { name: 'largest DECIMAL(10,2)', row: { Price: '99999999.99' }, want: { price: '99999999.99' }, keys: [] },
  ])('$name', ({ row, want, keys }) => {
    const got = mapWith(ordersInfo, { ...base, ...row }, EXISTING)
    expect(got.target).toMatchObject(want)
    expect(issueKeys(got.issues)).toEqual(keys)
  })

  it('rejects a quantity that is not an integer', () => {
    const got = mapWith(ordersInfo, { ...base, Quantity: 'two' }, EXISTING)
    expect(got.target).toBeNull()
    expect(got.issues[0].message).toBe("Quantity 'two' is not an integer; the row cannot be imported.")
  })
})
