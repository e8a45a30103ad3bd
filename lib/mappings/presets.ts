// Presets → presets.

import { z } from 'zod'
import { defineMapping } from './define-mapping'
import { legacyFlag, legacyId, legacyRef, legacyText } from './columns'

export const presets = defineMapping({
  legacyTable: 'Presets',
  targetTable: 'presets',
  targetModel: 'Preset',
  dependsOn: ['Saddles'],
  row: z.object({
    ID: legacyId,
    SaddleID: legacyRef,
    PresetName: legacyText({ default: '' }),
    Deleted: legacyFlag({ default: 0 }),
  }),
  map: (r, ctx) => ({
    id: ctx.uuidFor('Presets', r.ID),
    legacyId: r.ID,
    ...ctx.ref('modelId', 'SaddleID', 'Saddles', r.SaddleID),
    name: r.PresetName,
    deletedAt: ctx.deletedAt(r.Deleted),
    createdAt: ctx.importTime,
    updatedAt: ctx.importTime,
  }),
})
