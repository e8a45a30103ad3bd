// Brands → brands (Custom, Icon, Wolfgang, …).

import { z } from 'zod'
import { defineMapping } from './define-mapping'
import { legacyFlag, legacyId, legacyText } from './columns'

export const brands = defineMapping({
  legacyTable: 'Brands',
  targetTable: 'brands',
  targetModel: 'Brand',
  dependsOn: [],
  row: z.object({
    ID: legacyId,
    BrandName: legacyText({ default: '' }),
    Active: legacyFlag({ default: 1 }),
  }),
  map: (r, ctx) => ({
    id: ctx.uuidFor('Brands', r.ID),
    legacyId: r.ID,
    brandName: r.BrandName,
    isActive: ctx.flag('Active', r.Active),
    createdAt: ctx.importTime,
    updatedAt: ctx.importTime,
  }),
})
