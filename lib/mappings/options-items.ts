// OptionsItems → option_items.

import { z } from 'zod'
import { defineMapping } from './define-mapping'
import { legacyFlag, legacyId, legacyInt, legacyMoney, legacyRef, legacyText } from './columns'

export const optionsItems = defineMapping({
  legacyTable: 'OptionsItems',
  targetTable: 'option_items',
  targetModel: 'OptionItem',
  dependsOn: ['Options'],
  row: z.object({
    ID: legacyId,
    OptionID: legacyRef,
    ItemName: legacyText({ default: '' }),
    Price: legacyMoney({ default: '0.00' }),
    Sequence: legacyInt({ default: 0 }),
    Deleted: legacyFlag({ default: 0 }),
  }),
  map: (r, ctx) => ({
    id: ctx.uuidFor('OptionsItems', r.ID),
    legacyId: r.ID,
    ...ctx.ref('optionId', 'OptionID', 'Options', r.OptionID),
    name: r.ItemName,
    price: ctx.money('Price', r.Price),
    sequence: r.Sequence,
    deletedAt: ctx.deletedAt(r.Deleted),
    createdAt: ctx.importTime,
    updatedAt: ctx.importTime,
  }),
})
