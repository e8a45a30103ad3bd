// ClientConfirmation → client_confirmations. ConfirmTime 0 = not confirmed → confirmed_at NULL
// (no issue); a confirmation marked Confirmed without a time is reported.

import { z } from 'zod'
import { defineMapping } from './define-mapping'
import { legacyFlag, legacyId, legacyRef, legacyText, unixSeconds } from './columns'

export const clientConfirmation = defineMapping({
  legacyTable: 'ClientConfirmation',
  targetTable: 'client_confirmations',
  targetModel: 'ClientConfirmation',
  dependsOn: ['Orders'],
  row: z.object({
    ID: legacyId,
    OrderID: legacyRef,
    Token: legacyText({ default: '', mojibake: false }),
    Confirmed: legacyFlag({ default: 0 }),
    ConfirmTime: unixSeconds(),
    IP: legacyText({ mojibake: false }),
  }),
  map: (r, ctx) => {
    const confirmed = ctx.flag('Confirmed', r.Confirmed)
    if (confirmed && r.ConfirmTime === null) {
      ctx.warn('ZERO_DATE', 'ConfirmTime', 'Confirmed is set but ConfirmTime is 0; confirmed_at is left empty.', 0)
    }
    return {
      id: ctx.uuidFor('ClientConfirmation', r.ID),
      legacyId: r.ID,
      ...ctx.ref('orderId', 'OrderID', 'Orders', r.OrderID),
      token: r.Token,
      confirmed,
      confirmedAt: r.ConfirmTime,
      ip: r.IP,
      createdAt: ctx.importTime,
      updatedAt: ctx.importTime,
    }
  },
})
