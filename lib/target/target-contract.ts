// The 21 target tables as the contract (lib/legacy/TARGET-SCHEMA.md) defines them: columns, types,
// nullability, defaults, keys and indexes. One declaration serves three uses (lib/target):
// creating a missing table (target-ddl.ts), checking a table the backend's own migrations made
// (check-target.ts), and adding to it only what it lacks (prepare-target.ts).
//
// Every table also has `id uuid` (primary key), `legacy_id integer` (unique), `created_at` and
// `updated_at` (timestamptz, default now); every reference pair (lib/reconcile/reconcile-specs.ts,
// REFERENCES) a foreign key from its uuid half to the referenced table's id, ON DELETE RESTRICT
// (rolling back a table must not cascade into, or null, another table's imported rows), and an
// index on each half. Text is `text` (no length limit that legacy data could exceed), money
// numeric(12,2), times timestamptz(6); a value the legacy data may lack is nullable. Constraint
// and index names are Prisma's (`orders_pkey`, `orders_legacy_id_key`, `orders_customer_id_idx`,
// `orders_customer_id_fkey`): this is what the project's migrations created before the target
// left them.

import { REFERENCES } from '@/lib/reconcile/reconcile-specs'

/** The contract's column types: what a value of the column is, not how a database spells it. */
export type ContractType = 'uuid' | 'integer' | 'text' | 'money' | 'boolean' | 'timestamptz' | 'jsonb'

export interface ContractColumn {
  name: string
  type: ContractType
  notNull: boolean
  /** SQL default expression, or null */
  default: string | null
  /** the values the contract allows a text column (an enumeration), or null for any text */
  values: readonly string[] | null
}

export interface ContractReference {
  /** the uuid half: `customer_id` */
  column: string
  /** the legacy half: `legacy_customer_id` */
  legacyColumn: string
  /** the referenced target table: `customers` */
  table: string
}

export interface ContractTable {
  name: string
  legacyTable: string
  /** in table order: id, legacy_id, the contract's own columns, created_at, updated_at */
  columns: readonly ContractColumn[]
  references: readonly ContractReference[]
  /** unique keys besides the primary key and legacy_id */
  unique: readonly (readonly string[])[]
  /** indexes besides those of the reference pairs */
  indexes: readonly (readonly string[])[]
}

function column(name: string, type: ContractType, options: { notNull?: boolean; default?: string } = {}): ContractColumn {
  return { name, type, notNull: options.notNull ?? false, default: options.default ?? null, values: null }
}

// The contract's enumerations (TARGET-SCHEMA.md), by table.column: what a decision may set them to.
const CURRENCIES = ['USD', 'EUR', 'GBP', 'AUD', 'CAD']
const REGIONS = ['US', 'EU', 'UK', 'AU', 'CA']
const ENUMERATIONS: Record<string, readonly string[]> = {
  'roles.code': ['administrator', 'fitter', 'factory', 'supervisor', 'customer_service'],
  'users.password_algo': ['bcrypt', 'md5'],
  'suppliers.region': REGIONS,
  'fitters.currency': CURRENCIES,
  'fitters.region': REGIONS,
  'customers.status': ['active', 'inactive'],
  'models.type': ['jump', 'dressage', 'all_purpose', 'endurance'],
  'options.kind': ['single', 'extra', 'text'],
  'orders.status': ['pending', 'processing', 'shipped', 'completed', 'on_hold', 'cancelled', 'returned', 'repair'],
  'orders.currency': CURRENCIES,
}

const NOW = 'CURRENT_TIMESTAMP'

function table(
  name: string,
  legacyTable: string,
  own: ContractColumn[],
  options: { unique?: string[][]; indexes?: string[][] } = {},
): ContractTable {
  const references: ContractReference[] = []
  for (const spec of REFERENCES) {
    if (spec.kind !== 'pair' || spec.legacyTable !== legacyTable) continue
    const referenced = TARGET_OF_LEGACY[spec.referencedLegacyTable]
    references.push({ column: spec.targetColumn, legacyColumn: spec.legacyTargetColumn, table: referenced })
  }
  return {
    name,
    legacyTable,
    columns: [
      column('id', 'uuid', { notNull: true }),
      column('legacy_id', 'integer', { notNull: true }),
      ...own.map((c) => ({ ...c, values: ENUMERATIONS[`${name}.${c.name}`] ?? null })),
      column('created_at', 'timestamptz', { notNull: true, default: NOW }),
      column('updated_at', 'timestamptz', { notNull: true, default: NOW }),
    ],
    references,
    unique: options.unique ?? [],
    indexes: options.indexes ?? [],
  }
}

const TARGET_OF_LEGACY: Record<string, string> = {
  UserTypes: 'roles',
  Credentials: 'users',
  Factories: 'suppliers',
  FactoryEmployees: 'supplier_employees',
  Fitters: 'fitters',
  Customers: 'customers',
  Brands: 'brands',
  Saddles: 'models',
  LeatherTypes: 'leather_types',
  SaddleLeathers: 'products',
  Options: 'options',
  OptionsItems: 'option_items',
  SaddleOptionsItems: 'model_option_items',
  Presets: 'presets',
  PresetsItems: 'preset_items',
  Statuses: 'order_statuses',
  Orders: 'orders',
  OrdersInfo: 'order_lines',
  ClientConfirmation: 'client_confirmations',
  DBlog: 'db_change_logs',
  Log: 'activity_logs',
}

/** The 21 target tables in dependency order (a table after every table it references). */
export const TARGET_TABLES: readonly ContractTable[] = [
  table('roles', 'UserTypes', [
    column('name', 'text', { notNull: true }),
    column('code', 'text'),
  ]),
  table('users', 'Credentials', [
    column('username', 'text', { notNull: true }),
    column('email', 'text'),
    column('role_id', 'uuid'),
    column('legacy_role_id', 'integer'),
    column('password_hash', 'text'),
    column('password_algo', 'text'),
    column('must_reset_password', 'boolean', { notNull: true, default: "false" }),
    column('last_login_at', 'timestamptz'),
    column('deleted_at', 'timestamptz'),
  ], { indexes: [['username']] }),
  table('suppliers', 'Factories', [
    column('name', 'text', { notNull: true }),
    column('region', 'text'),
    column('email', 'text'),
    column('deleted_at', 'timestamptz'),
  ]),
  table('supplier_employees', 'FactoryEmployees', [
    column('supplier_id', 'uuid'),
    column('legacy_supplier_id', 'integer'),
    column('user_id', 'uuid'),
    column('legacy_user_id', 'integer'),
    column('name', 'text', { notNull: true }),
    column('deleted_at', 'timestamptz'),
  ]),
  table('fitters', 'Fitters', [
    column('user_id', 'uuid'),
    column('legacy_user_id', 'integer'),
    column('name', 'text', { notNull: true }),
    column('address', 'text'),
    column('city', 'text'),
    column('state', 'text'),
    column('zipcode', 'text'),
    column('country', 'text'),
    column('phone', 'text'),
    column('cellphone', 'text'),
    column('email', 'text'),
    column('currency', 'text'),
    column('region', 'text'),
    column('specializations', 'jsonb', { notNull: true, default: "'[]'" }),
    column('certifications', 'jsonb', { notNull: true, default: "'[]'" }),
    column('deleted_at', 'timestamptz'),
  ]),
  table('customers', 'Customers', [
    column('fitter_id', 'uuid'),
    column('legacy_fitter_id', 'integer'),
    column('name', 'text', { notNull: true }),
    column('email', 'text'),
    column('address', 'text'),
    column('city', 'text'),
    column('state', 'text'),
    column('zipcode', 'text'),
    column('country', 'text'),
    column('phone', 'text'),
    column('cellphone', 'text'),
    column('horse_name', 'text'),
    column('status', 'text', { notNull: true, default: "'active'" }),
    column('deleted_at', 'timestamptz'),
  ], { indexes: [['email']] }),
  table('brands', 'Brands', [
    column('brand_name', 'text', { notNull: true }),
    column('is_active', 'boolean', { notNull: true, default: "true" }),
  ]),
  table('models', 'Saddles', [
    column('brand_id', 'uuid'),
    column('legacy_brand_id', 'integer'),
    column('model_name', 'text', { notNull: true }),
    column('type', 'text'),
    column('factory_assignments', 'jsonb', { notNull: true }),
    column('sequence', 'integer', { notNull: true, default: "0" }),
    column('is_active', 'boolean', { notNull: true, default: "true" }),
  ]),
  table('leather_types', 'LeatherTypes', [
    column('name', 'text', { notNull: true }),
    column('sequence', 'integer', { notNull: true, default: "0" }),
    column('deleted_at', 'timestamptz'),
  ]),
  table('products', 'SaddleLeathers', [
    column('model_id', 'uuid'),
    column('legacy_model_id', 'integer'),
    column('leather_type_id', 'uuid'),
    column('legacy_leather_type_id', 'integer'),
    column('price', 'money', { notNull: true, default: "0" }),
    column('sequence', 'integer', { notNull: true, default: "0" }),
  ]),
  table('options', 'Options', [
    column('name', 'text', { notNull: true }),
    column('kind', 'text'),
    column('sequence', 'integer', { notNull: true, default: "0" }),
    column('deleted_at', 'timestamptz'),
  ]),
  table('option_items', 'OptionsItems', [
    column('option_id', 'uuid'),
    column('legacy_option_id', 'integer'),
    column('name', 'text', { notNull: true }),
    column('price', 'money', { notNull: true, default: "0" }),
    column('sequence', 'integer', { notNull: true, default: "0" }),
    column('deleted_at', 'timestamptz'),
  ]),
  table('model_option_items', 'SaddleOptionsItems', [
    column('model_id', 'uuid'),
    column('legacy_model_id', 'integer'),
    column('option_id', 'uuid'),
    column('legacy_option_id', 'integer'),
    column('option_item_id', 'uuid'),
    column('legacy_option_item_id', 'integer'),
    column('price', 'money', { notNull: true, default: "0" }),
    column('sequence', 'integer', { notNull: true, default: "0" }),
  ]),
  table('presets', 'Presets', [
    column('model_id', 'uuid'),
    column('legacy_model_id', 'integer'),
    column('name', 'text', { notNull: true }),
    column('deleted_at', 'timestamptz'),
  ]),
  table('preset_items', 'PresetsItems', [
    column('preset_id', 'uuid'),
    column('legacy_preset_id', 'integer'),
    column('option_id', 'uuid'),
    column('legacy_option_id', 'integer'),
    column('option_item_id', 'uuid'),
    column('legacy_option_item_id', 'integer'),
  ]),
  table('order_statuses', 'Statuses', [
    column('name', 'text', { notNull: true }),
    column('sequence', 'integer', { notNull: true, default: "0" }),
  ]),
  table('orders', 'Orders', [
    column('order_number', 'text', { notNull: true }),
    column('customer_id', 'uuid'),
    column('legacy_customer_id', 'integer'),
    column('fitter_id', 'uuid'),
    column('legacy_fitter_id', 'integer'),
    column('model_id', 'uuid'),
    column('legacy_saddle_id', 'integer'),
    column('leather_type_id', 'uuid'),
    column('legacy_leather_id', 'integer'),
    column('supplier_id', 'uuid'),
    column('legacy_factory_id', 'integer'),
    column('status_id', 'uuid'),
    column('legacy_status_id', 'integer'),
    column('status', 'text', { notNull: true, default: "'pending'" }),
    column('saddle_specifications', 'jsonb'),
    column('legacy_order_data', 'text'),
    column('special_instructions', 'text'),
    column('serial_number', 'text'),
    column('currency', 'text'),
    column('price_saddle', 'money', { notNull: true, default: "0" }),
    column('price_options', 'money', { notNull: true, default: "0" }),
    column('price_shipping', 'money', { notNull: true, default: "0" }),
    column('total_amount', 'money', { notNull: true, default: "0" }),
    column('deposit_paid', 'money', { notNull: true, default: "0" }),
    column('balance_owing', 'money', { notNull: true, default: "0" }),
    column('is_urgent', 'boolean', { notNull: true, default: "false" }),
    column('deleted_at', 'timestamptz'),
  ], { indexes: [['status'], ['created_at']], unique: [['order_number']] }),
  table('order_lines', 'OrdersInfo', [
    column('order_id', 'uuid'),
    column('legacy_order_id', 'integer'),
    column('option_id', 'uuid'),
    column('legacy_option_id', 'integer'),
    column('option_item_id', 'uuid'),
    column('legacy_option_item_id', 'integer'),
    column('description', 'text', { notNull: true }),
    column('quantity', 'integer', { notNull: true, default: "1" }),
    column('price', 'money', { notNull: true, default: "0" }),
  ]),
  table('client_confirmations', 'ClientConfirmation', [
    column('order_id', 'uuid'),
    column('legacy_order_id', 'integer'),
    column('token', 'text', { notNull: true }),
    column('confirmed', 'boolean', { notNull: true, default: "false" }),
    column('confirmed_at', 'timestamptz'),
    column('ip', 'text'),
  ], { indexes: [['token']] }),
  table('db_change_logs', 'DBlog', [
    column('user_id', 'uuid'),
    column('legacy_user_id', 'integer'),
    column('occurred_at', 'timestamptz'),
    column('table_name', 'text', { notNull: true }),
    column('record_id', 'integer'),
    column('operation', 'text', { notNull: true }),
    column('query', 'text'),
  ], { indexes: [['occurred_at'], ['table_name', 'record_id']] }),
  table('activity_logs', 'Log', [
    column('user_id', 'uuid'),
    column('legacy_user_id', 'integer'),
    column('occurred_at', 'timestamptz'),
    column('action', 'text', { notNull: true }),
    column('details', 'text'),
    column('ip', 'text'),
  ], { indexes: [['occurred_at']] }),
]

const byName = new Map(TARGET_TABLES.map((t) => [t.name, t]))

/** The contract's table `name`, or undefined for a table the contract does not know. */
export function contractTable(name: string): ContractTable | undefined {
  return byName.get(name)
}

/** The contract's table, or an error naming it. */
export function requireContractTable(name: string): ContractTable {
  const found = byName.get(name)
  if (!found) throw new Error(`${name} is not a target table of the contract`)
  return found
}

/** The legacy table a target table is written from (`customers` → `Customers`). */
export function legacyTableOf(targetTable: string): string {
  return requireContractTable(targetTable).legacyTable
}
