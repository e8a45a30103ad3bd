// Saddles → models. factory_assignments keeps the legacy factory id producing the model in each
// region (FactoryUS/EU/UK/AU; 0 = none → null). They are legacy ids inside jsonb, not foreign keys:
// an id that points at no Factories row is kept and reported.

import { z } from 'zod'
import { modelType } from '@/lib/convert/model-type'
import { type RowContext, defineMapping } from './define-mapping'
import { legacyFlag, legacyId, legacyInt, legacyRef, legacyText } from './columns'

function factoryAssignment(ctx: RowContext, column: string, region: string, factoryId: number | null): number | null {
  if (factoryId === null || factoryId === 0) return null
  if (!ctx.exists('Factories', factoryId)) {
    ctx.warn('ORPHAN_REF', column, `${column} ${factoryId} points at no row of Factories; factory_assignments.${region} keeps ${factoryId}.`, factoryId)
  }
  return factoryId
}

export const saddles = defineMapping({
  legacyTable: 'Saddles',
  targetTable: 'models',
  targetModel: 'Model',
  dependsOn: ['Brands', 'Factories'],
  row: z.object({
    ID: legacyId,
    BrandID: legacyRef,
    SaddleName: legacyText({ default: '' }),
    Type: legacyInt({ default: 0 }),
    FactoryUS: legacyRef,
    FactoryEU: legacyRef,
    FactoryUK: legacyRef,
    FactoryAU: legacyRef,
    Sequence: legacyInt({ default: 0 }),
    Active: legacyFlag({ default: 1 }),
  }),
  map: (r, ctx) => {
    const type = modelType(r.Type)
    if (type === null) {
      ctx.warn('UNKNOWN_MODEL_TYPE', 'Type', `Type ${r.Type} is not a legacy saddle type (0 jump, 1 dressage, 2 all purpose, 3 endurance); type is left empty.`, r.Type)
    }
    return {
      id: ctx.uuidFor('Saddles', r.ID),
      legacyId: r.ID,
      ...ctx.ref('brandId', 'BrandID', 'Brands', r.BrandID),
      modelName: r.SaddleName,
      type,
      factoryAssignments: {
        US: factoryAssignment(ctx, 'FactoryUS', 'US', r.FactoryUS),
        EU: factoryAssignment(ctx, 'FactoryEU', 'EU', r.FactoryEU),
        UK: factoryAssignment(ctx, 'FactoryUK', 'UK', r.FactoryUK),
        AU: factoryAssignment(ctx, 'FactoryAU', 'AU', r.FactoryAU),
      },
      sequence: r.Sequence,
      isActive: ctx.flag('Active', r.Active),
      createdAt: ctx.importTime,
      updatedAt: ctx.importTime,
    }
  },
})
