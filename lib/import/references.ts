// The legacy references of every mapped table as the import sees them: which uuid column holds
// the new foreign key, which column keeps the legacy value, which legacy column it came from (for
// the ORPHAN_REF issue) and which legacy table it points at. The mappings build these pairs with
// ctx.ref; this is the same list as data, because the import works in SQL over the mapped rows and
// cannot run the mappings. references.test.ts checks it against every mapping, and the import
// tests against the foreign keys of the database.
//
// Saddles also depends on Factories, but only for factory_assignments (jsonb of legacy ids):
// a dependency without a reference pair.

import { mappingFor } from '@/lib/mappings'

export interface Reference {
  /** the legacy column of the source row: 'CustomerID' */
  sourceColumn: string
  /** target uuid column: 'customer_id' */
  column: string
  /** target column keeping the legacy value: 'legacy_customer_id' (orders: the plan's names) */
  legacyColumn: string
  /** the referenced legacy table: 'Customers' */
  legacyTable: string
}

function ref(sourceColumn: string, column: string, legacyTable: string, legacyColumn = `legacy_${column}`): Reference {
  return { sourceColumn, column, legacyColumn, legacyTable }
}

const REFERENCES: Readonly<Record<string, readonly Reference[]>> = {
  Credentials: [ref('UserType', 'role_id', 'UserTypes')],
  FactoryEmployees: [ref('FactoryID', 'supplier_id', 'Factories'), ref('UserID', 'user_id', 'Credentials')],
  Fitters: [ref('UserID', 'user_id', 'Credentials')],
  Customers: [ref('FitterID', 'fitter_id', 'Fitters')],
  Saddles: [ref('BrandID', 'brand_id', 'Brands')],
  SaddleLeathers: [ref('SaddleID', 'model_id', 'Saddles'), ref('LeatherID', 'leather_type_id', 'LeatherTypes')],
  OptionsItems: [ref('OptionID', 'option_id', 'Options')],
  SaddleOptionsItems: [
    ref('SaddleID', 'model_id', 'Saddles'),
    ref('OptionID', 'option_id', 'Options'),
    ref('OptionItemID', 'option_item_id', 'OptionsItems'),
  ],
  Presets: [ref('SaddleID', 'model_id', 'Saddles')],
  PresetsItems: [
    ref('PresetID', 'preset_id', 'Presets'),
    ref('OptionID', 'option_id', 'Options'),
    ref('OptionItemID', 'option_item_id', 'OptionsItems'),
  ],
  Orders: [
    ref('CustomerID', 'customer_id', 'Customers'),
    ref('FitterID', 'fitter_id', 'Fitters'),
    ref('SaddleID', 'model_id', 'Saddles', 'legacy_saddle_id'),
    ref('LeatherID', 'leather_type_id', 'LeatherTypes', 'legacy_leather_id'),
    ref('FactoryID', 'supplier_id', 'Factories', 'legacy_factory_id'),
    ref('OrderStatus', 'status_id', 'Statuses', 'legacy_status_id'),
  ],
  OrdersInfo: [
    ref('OrderID', 'order_id', 'Orders'),
    ref('OptionID', 'option_id', 'Options'),
    ref('OptionItemID', 'option_item_id', 'OptionsItems'),
  ],
  ClientConfirmation: [ref('OrderID', 'order_id', 'Orders')],
  DBlog: [ref('UserID', 'user_id', 'Credentials')],
  Log: [ref('UserID', 'user_id', 'Credentials')],
}

/** The reference pairs of a mapped legacy table (none for a table that references nothing). */
export function referencesOf(legacyTable: string): readonly Reference[] {
  return REFERENCES[legacyTable] ?? []
}

/** The target table a reference points into: `customers` for a reference to Customers. */
export function referencedTargetTable(reference: Reference): string {
  const mapping = mappingFor(reference.legacyTable)
  if (!mapping) throw new Error(`${reference.legacyTable} is not a mapped legacy table`)
  return mapping.targetTable
}
