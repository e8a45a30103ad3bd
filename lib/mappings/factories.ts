// Factories → suppliers. Region is the factory's own region code (US, EU, UK, AU, …), copied as is.

import { z } from 'zod'
import { defineMapping } from './define-mapping'
import { legacyFlag, legacyId, legacyText } from './columns'

export const factories = defineMapping({
  legacyTable: 'Factories',
  targetTable: 'suppliers',
  targetModel: 'Supplier',
  dependsOn: [],
  row: z.object({
    ID: legacyId,
    FactoryName: legacyText({ default: '' }),
    Region: legacyText({ default: '' }),
    Email: legacyText(),
    Deleted: legacyFlag({ default: 0 }),
  }),
  map: (r, ctx) => ({
    id: ctx.uuidFor('Factories', r.ID),
    legacyId: r.ID,
    name: r.FactoryName,
    region: r.Region,
    email: r.Email,
    deletedAt: ctx.deletedAt(r.Deleted),
    createdAt: ctx.importTime,
    updatedAt: ctx.importTime,
  }),
})
