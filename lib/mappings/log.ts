// Log → activity_logs. UserID 0 = anonymous → no user. LogTime is a DATETIME (UTC); the zero date
// becomes NULL with a warning.

import { z } from 'zod'
import { quoteValue } from '@/lib/convert/describe-value'
import { defineMapping } from './define-mapping'
import { legacyDatetime, legacyId, legacyRef, legacyText } from './columns'

export const log = defineMapping({
  legacyTable: 'Log',
  targetTable: 'activity_logs',
  targetModel: 'ActivityLog',
  dependsOn: ['Credentials'],
  row: z.object({
    ID: legacyId,
    UserID: legacyRef,
    LogTime: legacyDatetime({ default: '0000-00-00 00:00:00' }),
    Action: legacyText({ default: '' }),
    Details: legacyText(),
    IP: legacyText({ mojibake: false }),
  }),
  map: (r, ctx) => {
    if (r.LogTime.date === null) {
      ctx.warn(
        'ZERO_DATE',
        'LogTime',
        r.LogTime.text.startsWith('0000-00-00')
          ? `LogTime is the zero date ${quoteValue(r.LogTime.text)}; occurred_at is left empty.`
          : `LogTime ${quoteValue(r.LogTime.text)} has a zero month or day; occurred_at is left empty.`,
        r.LogTime.text,
      )
    }
    return {
      id: ctx.uuidFor('Log', r.ID),
      legacyId: r.ID,
      ...ctx.ref('userId', 'UserID', 'Credentials', r.UserID),
      occurredAt: r.LogTime.date,
      action: r.Action,
      details: r.Details,
      ip: r.IP,
      createdAt: ctx.importTime,
      updatedAt: ctx.importTime,
    }
  },
})
