// Statuses → order_statuses. 1 Order placed … 12 Repair (orders.status normalises them separately).

import { z } from 'zod'
import { defineMapping } from './define-mapping'
import { legacyId, legacyInt, legacyText } from './columns'

export const statuses = defineMapping({
  legacyTable: 'Statuses',
  targetTable: 'order_statuses',
  targetModel: 'OrderStatus',
  dependsOn: [],
  row: z.object({
    ID: legacyId,
    StatusName: legacyText({ default: '' }),
    Sequence: legacyInt({ default: 0 }),
  }),
  map: (r, ctx) => ({
    id: ctx.uuidFor('Statuses', r.ID),
    legacyId: r.ID,
    name: r.StatusName,
    sequence: r.Sequence,
    createdAt: ctx.importTime,
    updatedAt: ctx.importTime,
  }),
})
