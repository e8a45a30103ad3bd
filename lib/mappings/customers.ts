// Customers → customers. status: 'inactive' when soft-deleted, else 'active'.

import { z } from 'zod'
import { defineMapping } from './define-mapping'
import { legacyFlag, legacyId, legacyRef, legacyText } from './columns'

export const customers = defineMapping({
  legacyTable: 'Customers',
  targetTable: 'customers',
  targetModel: 'Customer',
  dependsOn: ['Fitters'],
  row: z.object({
    ID: legacyId,
    FitterID: legacyRef, // 0 = none
    Name: legacyText({ default: '' }),
    Email: legacyText(),
    Address: legacyText(),
    City: legacyText(),
    State: legacyText(),
    Zipcode: legacyText(),
    Country: legacyText(),
    Phone: legacyText(),
    Cellphone: legacyText(),
    HorseName: legacyText(),
    Deleted: legacyFlag({ default: 0 }),
  }),
  map: (r, ctx) => {
    const deletedAt = ctx.deletedAt(r.Deleted)
    return {
      id: ctx.uuidFor('Customers', r.ID),
      legacyId: r.ID,
      ...ctx.ref('fitterId', 'FitterID', 'Fitters', r.FitterID),
      name: r.Name,
      email: r.Email,
      address: r.Address,
      city: r.City,
      state: r.State,
      zipcode: r.Zipcode,
      country: r.Country,
      phone: r.Phone,
      cellphone: r.Cellphone,
      horseName: r.HorseName,
      status: deletedAt === null ? 'active' : 'inactive',
      deletedAt,
      createdAt: ctx.importTime,
      updatedAt: ctx.importTime,
    }
  },
})
