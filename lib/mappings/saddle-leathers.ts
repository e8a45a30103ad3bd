// SaddleLeathers → products: a model in a leather, with its surcharge.

import { z } from 'zod'
import { defineMapping } from './define-mapping'
import { legacyId, legacyInt, legacyMoney, legacyRef } from './columns'

export const saddleLeathers = defineMapping({
  legacyTable: 'SaddleLeathers',
  targetTable: 'products',
  targetModel: 'Product',
  dependsOn: ['Saddles', 'LeatherTypes'],
  row: z.object({
    ID: legacyId,
    SaddleID: legacyRef,
    LeatherID: legacyRef,
    Price: legacyMoney({ default: '0.00' }),
    Sequence: legacyInt({ default: 0 }),
  }),
  map: (r, ctx) => ({
    id: ctx.uuidFor('SaddleLeathers', r.ID),
    legacyId: r.ID,
    ...ctx.ref('modelId', 'SaddleID', 'Saddles', r.SaddleID),
    ...ctx.ref('leatherTypeId', 'LeatherID', 'LeatherTypes', r.LeatherID),
    price: ctx.money('Price', r.Price),
    sequence: r.Sequence,
    createdAt: ctx.importTime,
    updatedAt: ctx.importTime,
  }),
})
