// Options → options (Seat size, Tree width, Flap, Knee roll, Extras, …).

import { z } from 'zod'
import { optionKind } from '@/lib/convert/option-kind'
import { defineMapping } from './define-mapping'
import { legacyFlag, legacyId, legacyInt, legacyText } from './columns'

export const options = defineMapping({
  legacyTable: 'Options',
  targetTable: 'options',
  targetModel: 'Option',
  dependsOn: [],
  row: z.object({
    ID: legacyId,
    OptionName: legacyText({ default: '' }),
    OptionType: legacyInt({ default: 0 }),
    Sequence: legacyInt({ default: 0 }),
    Deleted: legacyFlag({ default: 0 }),
  }),
  map: (r, ctx) => {
    const kind = optionKind(r.OptionType)
    if (kind === null) {
      ctx.warn('UNKNOWN_OPTION_TYPE', 'OptionType', `OptionType ${r.OptionType} is not a legacy option type (0 single choice, 1 extras, 2 free text); kind is left empty.`, r.OptionType)
    }
    return {
      id: ctx.uuidFor('Options', r.ID),
      legacyId: r.ID,
      name: r.OptionName,
      kind,
      sequence: r.Sequence,
      deletedAt: ctx.deletedAt(r.Deleted),
      createdAt: ctx.importTime,
      updatedAt: ctx.importTime,
    }
  },
})
