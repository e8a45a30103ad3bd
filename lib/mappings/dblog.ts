// DBlog → db_change_logs: the SQL the legacy application ran. RecordID is the changed row's id in
// TableName (any table, so no reference pair): a plain column in TARGET-SCHEMA.md, copied as it is.
// The "0 or NULL means none" rule is the reference pairs'; it does not apply here, so 0 stays 0.

import { z } from 'zod'
import { defineMapping } from './define-mapping'
import { legacyId, legacyInt, legacyRef, legacyText, unixSeconds } from './columns'

export const dblog = defineMapping({
  legacyTable: 'DBlog',
  targetTable: 'db_change_logs',
  targetModel: 'DbChangeLog',
  dependsOn: ['Credentials'],
  row: z.object({
    ID: legacyId,
    UserID: legacyRef,
    Time: unixSeconds(),
    TableName: legacyText({ default: '' }),
    RecordID: legacyInt({ default: 0 }), // `RecordID` int(11) NOT NULL DEFAULT 0: NULL takes the default, with MISSING_VALUE
    Operation: legacyText({ default: '' }),
    Query: legacyText(),
  }),
  map: (r, ctx) => {
    if (r.Time === null) ctx.warn('ZERO_DATE', 'Time', 'Time is 0; occurred_at is left empty.', 0)
    return {
      id: ctx.uuidFor('DBlog', r.ID),
      legacyId: r.ID,
      ...ctx.ref('userId', 'UserID', 'Credentials', r.UserID),
      occurredAt: r.Time,
      tableName: r.TableName,
      recordId: r.RecordID,
      operation: r.Operation,
      query: r.Query,
      createdAt: ctx.importTime,
      updatedAt: ctx.importTime,
    }
  },
})
