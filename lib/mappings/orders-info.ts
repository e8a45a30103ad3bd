// OrdersInfo → order_lines. OptionID/OptionItemID 0 marks a free-text line: both pairs NULL, no issue.

import { z } from 'zod'
import { defineMapping } from './define-mapping'
import { legacyId, legacyInt, legacyMoney, legacyRef, legacyText } from './columns'

export const ordersInfo = defineMapping({
  legacyTable: 'OrdersInfo',
  targetTable: 'order_lines',
  targetModel: 'OrderLine',
  dependsOn: ['Orders', 'Options', 'OptionsItems'],
  row: z.object({
    ID: legacyId,
    OrderID: legacyRef,
    OptionID: legacyRef,
    OptionItemID: legacyRef,
    Description: legacyText({ default: '' }),
    Quantity: legacyInt({ default: 1 }),
    Price: legacyMoney({ default: '0.00' }),
  }),
  map: (r, ctx) => ({
    id: ctx.uuidFor('OrdersInfo', r.ID),
    legacyId: r.ID,
    ...ctx.ref('orderId', 'OrderID', 'Orders', r.OrderID),
    ...ctx.ref('optionId', 'OptionID', 'Options', r.OptionID),
    ...ctx.ref('optionItemId', 'OptionItemID', 'OptionsItems', r.OptionItemID),
    description: r.Description,
    quantity: r.Quantity,
    price: ctx.money('Price', r.Price),
    createdAt: ctx.importTime,
    updatedAt: ctx.importTime,
  }),
})
