// The import's view of the declared references (lib/reconcile/reconcile-specs.ts, whose own test
// checks them against the mappings): pairs only, with the columns the import's SQL uses.

import { describe, expect, it } from 'vitest'
import { mappings } from '@/lib/mappings'
import { referencedTargetTable, referencesOf } from './references'

describe('referencesOf', () => {
  it('gives Orders its six pairs under the migration plan’s legacy names', () => {
    expect(referencesOf('Orders').map((r) => `${r.sourceColumn} → ${r.column} + ${r.legacyColumn} → ${referencedTargetTable(r)}`)).toEqual([
      'CustomerID → customer_id + legacy_customer_id → customers',
      'FitterID → fitter_id + legacy_fitter_id → fitters',
      'SaddleID → model_id + legacy_saddle_id → models',
      'LeatherID → leather_type_id + legacy_leather_id → leather_types',
      'FactoryID → supplier_id + legacy_factory_id → suppliers',
      'OrderStatus → status_id + legacy_status_id → order_statuses',
    ])
  })

  it('leaves out Saddles’ factory ids inside factory_assignments (no uuid to resolve)', () => {
    expect(referencesOf('Saddles').map((r) => r.sourceColumn)).toEqual(['BrandID'])
    expect(referencesOf('Brands')).toEqual([])
  })

  it.each(mappings.map((m) => ({ table: m.legacyTable, dependsOn: m.dependsOn })))('$table references only tables it depends on', ({ table, dependsOn }) => {
    for (const r of referencesOf(table)) expect(dependsOn).toContain(r.legacyTable)
  })
})
