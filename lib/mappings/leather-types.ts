// LeatherTypes → leather_types.

import { z } from 'zod'
import { defineMapping } from './define-mapping'
import { legacyFlag, legacyId, legacyInt, legacyText } from './columns'

export const leatherTypes = defineMapping({
  legacyTable: 'LeatherTypes',
  targetTable: 'leather_types',
  targetModel: 'LeatherType',
  dependsOn: [],
  row: z.object({
    ID: legacyId,
    LeatherName: legacyText({ default: '' }),
    Sequence: legacyInt({ default: 0 }),
    Deleted: legacyFlag({ default: 0 }),
  }),
  map: (r, ctx) => ({
    id: ctx.uuidFor('LeatherTypes', r.ID),
    legacyId: r.ID,
    name: r.LeatherName,
    sequence: r.Sequence,
    deletedAt: ctx.deletedAt(r.Deleted),
    createdAt: ctx.importTime,
    updatedAt: ctx.importTime,
  }),
})
