// What the reconciliation compares, declared once: every legacy reference and where the target
// keeps it, the money columns, and the time columns with the contract's rule for each. The
// collectors turn these into SQL; reconcile-specs.test.ts checks them against the mappings.

import { mappingFor } from '@/lib/mappings'

export interface ReferenceSpec {
  legacyTable: string
  legacyColumn: string
  referencedLegacyTable: string
  kind: 'pair' | 'json'
  /** pair: the uuid column (`model_id`); json: the jsonb column (`factory_assignments`) */
  targetColumn: string
  /** pair: the legacy half (`legacy_saddle_id`); json: the key inside the jsonb (`US`) */
  legacyTargetColumn: string
}

function pair(legacyTable: string, legacyColumn: string, referencedLegacyTable: string, targetColumn: string, legacyTargetColumn = `legacy_${targetColumn}`): ReferenceSpec {
  return { legacyTable, legacyColumn, referencedLegacyTable, kind: 'pair', targetColumn, legacyTargetColumn }
}

function jsonKey(legacyTable: string, legacyColumn: string, referencedLegacyTable: string, targetColumn: string, key: string): ReferenceSpec {
  return { legacyTable, legacyColumn, referencedLegacyTable, kind: 'json', targetColumn, legacyTargetColumn: key }
}

/** Every legacy reference, in the mappings' dependency order. */
export const REFERENCES: readonly ReferenceSpec[] = [
  pair('Credentials', 'UserType', 'UserTypes', 'role_id'),
  pair('FactoryEmployees', 'FactoryID', 'Factories', 'supplier_id'),
  pair('FactoryEmployees', 'UserID', 'Credentials', 'user_id'),
  pair('Fitters', 'UserID', 'Credentials', 'user_id'),
  pair('Customers', 'FitterID', 'Fitters', 'fitter_id'),
  pair('Saddles', 'BrandID', 'Brands', 'brand_id'),
  // factory_assignments keeps legacy factory ids per region inside jsonb, not as foreign keys
  jsonKey('Saddles', 'FactoryUS', 'Factories', 'factory_assignments', 'US'),
  jsonKey('Saddles', 'FactoryEU', 'Factories', 'factory_assignments', 'EU'),
  jsonKey('Saddles', 'FactoryUK', 'Factories', 'factory_assignments', 'UK'),
  jsonKey('Saddles', 'FactoryAU', 'Factories', 'factory_assignments', 'AU'),
  pair('SaddleLeathers', 'SaddleID', 'Saddles', 'model_id'),
  pair('SaddleLeathers', 'LeatherID', 'LeatherTypes', 'leather_type_id'),
  pair('OptionsItems', 'OptionID', 'Options', 'option_id'),
  pair('SaddleOptionsItems', 'SaddleID', 'Saddles', 'model_id'),
  pair('SaddleOptionsItems', 'OptionID', 'Options', 'option_id'),
  pair('SaddleOptionsItems', 'OptionItemID', 'OptionsItems', 'option_item_id'),
  pair('Presets', 'SaddleID', 'Saddles', 'model_id'),
  pair('PresetsItems', 'PresetID', 'Presets', 'preset_id'),
  pair('PresetsItems', 'OptionID', 'Options', 'option_id'),
  pair('PresetsItems', 'OptionItemID', 'OptionsItems', 'option_item_id'),
  // orders keeps the migration plan's names for the legacy halves
  pair('Orders', 'CustomerID', 'Customers', 'customer_id'),
  pair('Orders', 'FitterID', 'Fitters', 'fitter_id'),
  pair('Orders', 'SaddleID', 'Saddles', 'model_id', 'legacy_saddle_id'),
  pair('Orders', 'LeatherID', 'LeatherTypes', 'leather_type_id', 'legacy_leather_id'),
  pair('Orders', 'FactoryID', 'Factories', 'supplier_id', 'legacy_factory_id'),
  pair('Orders', 'OrderStatus', 'Statuses', 'status_id', 'legacy_status_id'),
  pair('OrdersInfo', 'OrderID', 'Orders', 'order_id'),
  pair('OrdersInfo', 'OptionID', 'Options', 'option_id'),
  pair('OrdersInfo', 'OptionItemID', 'OptionsItems', 'option_item_id'),
  pair('ClientConfirmation', 'OrderID', 'Orders', 'order_id'),
  pair('DBlog', 'UserID', 'Credentials', 'user_id'),
  pair('Log', 'UserID', 'Credentials', 'user_id'),
]

export function referencesOf(legacyTable: string): ReferenceSpec[] {
  return REFERENCES.filter((r) => r.legacyTable === legacyTable)
}

/** The target table of a legacy table (throws for a table the migration does not map). */
export function targetTableOf(legacyTable: string): string {
  const mapping = mappingFor(legacyTable)
  if (!mapping) throw new Error(`${legacyTable} is not a mapped legacy table`)
  return mapping.targetTable
}

/** The uuid halves of reference pairs per target table: compared by the reference checks, not hashed. */
export function referenceUuidColumns(targetTable: string): string[] {
  return REFERENCES.filter((r) => r.kind === 'pair' && targetTableOf(r.legacyTable) === targetTable).map((r) => r.targetColumn)
}

// ---------------------------------------------------------------------------------------------
// Money

export interface MoneyMeasure {
  measure: string
  /** legacy columns, summed (a leading '-' subtracts): ['PriceSaddle', 'PriceOptions', 'PriceShipping'] */
  legacyColumns: readonly string[]
  /** multiply each row by this legacy INT column (OrdersInfo.Quantity) */
  timesLegacyColumn?: { column: string; fallback: number }
  /** the target side, for the report: 'total_amount', 'price * quantity' */
  targetExpression: string
  /** the target side as SQL over the target row `alias` */
  targetSql: (alias: string) => string
}

const column = (name: string) => (alias: string) => `${alias}.${name}`

export interface MoneySpec {
  legacyTable: string
  /** legacy currency column (1..5 → ISO, lib/convert/currency-code); null: one entry for the table */
  currencyColumn: { legacy: string; fallback: number; target: string } | null
  measures: readonly MoneyMeasure[]
}

/** At most one entry per legacy table (the table's pass takes it). */
export const MONEY: readonly MoneySpec[] = [
  {
    legacyTable: 'Orders',
    currencyColumn: { legacy: 'Currency', fallback: 1, target: 'currency' },
    measures: [
      { measure: 'saddle', legacyColumns: ['PriceSaddle'], targetExpression: 'price_saddle', targetSql: column('price_saddle') },
      { measure: 'options', legacyColumns: ['PriceOptions'], targetExpression: 'price_options', targetSql: column('price_options') },
      { measure: 'shipping', legacyColumns: ['PriceShipping'], targetExpression: 'price_shipping', targetSql: column('price_shipping') },
      { measure: 'deposit', legacyColumns: ['PriceDeposit'], targetExpression: 'deposit_paid', targetSql: column('deposit_paid') },
      { measure: 'total', legacyColumns: ['PriceSaddle', 'PriceOptions', 'PriceShipping'], targetExpression: 'total_amount', targetSql: column('total_amount') },
      {
        measure: 'balance',
        legacyColumns: ['PriceSaddle', 'PriceOptions', 'PriceShipping', '-PriceDeposit'],
        targetExpression: 'balance_owing',
        targetSql: column('balance_owing'),
      },
    ],
  },
  {
    legacyTable: 'OrdersInfo',
    currencyColumn: null,
    measures: [
      { measure: 'price', legacyColumns: ['Price'], targetExpression: 'price', targetSql: column('price') },
      {
        measure: 'price × quantity',
        legacyColumns: ['Price'],
        timesLegacyColumn: { column: 'Quantity', fallback: 1 },
        targetExpression: 'price * quantity',
        targetSql: (t) => `${t}.price * ${t}.quantity`,
      },
    ],
  },
  ...['SaddleLeathers', 'OptionsItems', 'SaddleOptionsItems'].map((legacyTable) => ({
    legacyTable,
    currencyColumn: null,
    measures: [{ measure: 'price', legacyColumns: ['Price'], targetExpression: 'price', targetSql: column('price') }],
  })),
]

/** 'PriceSaddle + PriceOptions − PriceDeposit', '(Price) × Quantity' */
export function describeMoneySource(measure: MoneyMeasure): string {
  const sum = measure.legacyColumns
    .map((c, i) => (c.startsWith('-') ? `− ${c.slice(1)}` : i === 0 ? c : `+ ${c}`))
    .join(' ')
  return measure.timesLegacyColumn ? `${sum} × ${measure.timesLegacyColumn.column}` : sum
}

// ---------------------------------------------------------------------------------------------
// Times

/**
 * A time column: how the contract derives the target value from the legacy row. `import` marks
 * the rule's last resort (the import time): the collector takes that value from the mapped row,
 * since the import time is a parameter of the run, not data.
 */
export type TimeRule =
  | { kind: 'unix'; column: string }
  | { kind: 'datetime'; column: string }
  /** orders.created_at: OrderTime; 0 → ChangeTime; both 0 → the import time */
  | { kind: 'orderCreated' }
  /** orders.updated_at: ChangeTime; 0 → created_at */
  | { kind: 'orderUpdated' }
  /** orders.deleted_at: Deleted → ChangeTime; 0 → the import time; not deleted → NULL */
  | { kind: 'orderDeleted' }

export interface TimeSpec {
  legacyTable: string
  /** for the report: 'OrderTime (0 → ChangeTime)' */
  sourceExpression: string
  targetColumn: string
  rule: TimeRule
}

export const TIMES: readonly TimeSpec[] = [
  { legacyTable: 'Credentials', sourceExpression: 'LastLogin (0 = never)', targetColumn: 'last_login_at', rule: { kind: 'unix', column: 'LastLogin' } },
  { legacyTable: 'Orders', sourceExpression: 'OrderTime (0 → ChangeTime → import time)', targetColumn: 'created_at', rule: { kind: 'orderCreated' } },
  { legacyTable: 'Orders', sourceExpression: 'ChangeTime (0 → created_at)', targetColumn: 'updated_at', rule: { kind: 'orderUpdated' } },
  { legacyTable: 'Orders', sourceExpression: 'Deleted = 1: ChangeTime (0 → import time)', targetColumn: 'deleted_at', rule: { kind: 'orderDeleted' } },
  { legacyTable: 'ClientConfirmation', sourceExpression: 'ConfirmTime (0 = not confirmed)', targetColumn: 'confirmed_at', rule: { kind: 'unix', column: 'ConfirmTime' } },
  { legacyTable: 'DBlog', sourceExpression: 'Time (0 = unknown)', targetColumn: 'occurred_at', rule: { kind: 'unix', column: 'Time' } },
  { legacyTable: 'Log', sourceExpression: "LogTime (zero date '0000-00-00 00:00:00' = unknown)", targetColumn: 'occurred_at', rule: { kind: 'datetime', column: 'LogTime' } },
]

/** The per-month chart: orders by created_at. */
export const MONTHS = { legacyTable: 'Orders', targetColumn: 'created_at', sourceExpression: 'OrderTime (0 → ChangeTime → import time)' } as const
