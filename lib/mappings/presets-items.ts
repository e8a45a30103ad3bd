// PresetsItems → preset_items.

import { z } from 'zod'
import { defineMapping } from './define-mapping'
import { legacyId, legacyRef } from './columns'

export const presetsItems = defineMapping({
  legacyTable: 'PresetsItems',
  targetTable: 'preset_items',
  targetModel: 'PresetItem',
  dependsOn: ['Presets', 'Options', 'OptionsItems'],
  row: z.object({
    ID: legacyId,
    PresetID: legacyRef,
    OptionID: legacyRef,
    OptionItemID: legacyRef,
  }),
  map: (r, ctx) => ({
    id: ctx.uuidFor('PresetsItems', r.ID),
    legacyId: r.ID,
    ...ctx.ref('presetId', 'PresetID', 'Presets', r.PresetID),
    ...ctx.ref('optionId', 'OptionID', 'Options', r.OptionID),
    ...ctx.ref('optionItemId', 'OptionItemID', 'OptionsItems', r.OptionItemID),
    createdAt: ctx.importTime,
    updatedAt: ctx.importTime,
  }),
})
