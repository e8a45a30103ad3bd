// SaddleOptionsItems → model_option_items: the price of an option item on a model.

import { z } from 'zod'
import { defineMapping } from './define-mapping'
import { legacyId, legacyInt, legacyMoney, legacyRef } from './columns'

export const saddleOptionsItems = defineMapping({
  legacyTable: 'SaddleOptionsItems',
  targetTable: 'model_option_items',
  targetModel: 'ModelOptionItem',
  dependsOn: ['Saddles', 'Options', 'OptionsItems'],
  row: z.object({
    ID: legacyId,
    SaddleID: legacyRef,
    OptionID: legacyRef,
    OptionItemID: legacyRef,
    Price: legacyMoney({ default: '0.00' }),
    Sequence: legacyInt({ default: 0 }),
  }),
  map: (r, ctx) => ({
    id: ctx.uuidFor('SaddleOptionsItems', r.ID),
    legacyId: r.ID,
    ...ctx.ref('modelId', 'SaddleID', 'Saddles', r.SaddleID),
    ...ctx.ref('optionId', 'OptionID', 'Options', r.OptionID),
    ...ctx.ref('optionItemId', 'OptionItemID', 'OptionsItems', r.OptionItemID),
    price: ctx.money('Price', r.Price),
    sequence: r.Sequence,
    createdAt: ctx.importTime,
    updatedAt: ctx.importTime,
  }),
})
