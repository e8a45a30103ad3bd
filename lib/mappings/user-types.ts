// UserTypes → roles. 1 Administrator, 2 Fitter, 3 Factory, 4 Supervisor, 5 Customer service.

import { z } from 'zod'
import { roleCodeFromId, roleCodeFromName } from '@/lib/convert/role-code'
import { quoteValue } from '@/lib/convert/describe-value'
import { defineMapping } from './define-mapping'
import { legacyId, legacyText } from './columns'

export const userTypes = defineMapping({
  legacyTable: 'UserTypes',
  targetTable: 'roles',
  targetModel: 'Role',
  dependsOn: [],
  row: z.object({
    ID: legacyId,
    TypeName: legacyText({ default: '' }),
  }),
  map: (r, ctx) => {
    // the name is what people saw and edited; the documented id is the fallback
    let code = roleCodeFromName(r.TypeName)
    if (code === null) {
      code = roleCodeFromId(r.ID)
      ctx.warn(
        'UNKNOWN_ROLE',
        'TypeName',
        code === null
          ? `TypeName ${quoteValue(r.TypeName)} is not a known role and ID ${r.ID} is not one of the documented 1–5; code is left empty.`
          : `TypeName ${quoteValue(r.TypeName)} is not a known role; code '${code}' taken from the documented ID ${r.ID}.`,
        r.TypeName,
      )
    }
    return {
      id: ctx.uuidFor('UserTypes', r.ID),
      legacyId: r.ID,
      name: r.TypeName,
      code,
      createdAt: ctx.importTime,
      updatedAt: ctx.importTime,
    }
  },
})
