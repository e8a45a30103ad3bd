// FactoryEmployees → supplier_employees.

import { z } from 'zod'
import { defineMapping } from './define-mapping'
import { legacyFlag, legacyId, legacyRef, legacyText } from './columns'

export const factoryEmployees = defineMapping({
  legacyTable: 'FactoryEmployees',
  targetTable: 'supplier_employees',
  targetModel: 'SupplierEmployee',
  dependsOn: ['Factories', 'Credentials'],
  row: z.object({
    ID: legacyId,
    FactoryID: legacyRef,
    UserID: legacyRef,
    Name: legacyText({ default: '' }),
    Deleted: legacyFlag({ default: 0 }),
  }),
  map: (r, ctx) => ({
    id: ctx.uuidFor('FactoryEmployees', r.ID),
    legacyId: r.ID,
    ...ctx.ref('supplierId', 'FactoryID', 'Factories', r.FactoryID),
    ...ctx.ref('userId', 'UserID', 'Credentials', r.UserID),
    name: r.Name,
    deletedAt: ctx.deletedAt(r.Deleted),
    createdAt: ctx.importTime,
    updatedAt: ctx.importTime,
  }),
})
