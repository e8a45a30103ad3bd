import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { prepareDatabase } from '@/lib/db/prepare-database'
import { createTestDatabase, type TestDatabase } from '@/lib/db/test-database'
import { TARGET_TABLES as CONTRACT_TABLES } from './target-contract'

// The contract (lib/legacy/TARGET-SCHEMA.md), written out again here rather than read from
// target-contract.ts, so that the two are checked against each other: every target table has id,
// legacy_id, created_at, updated_at, plus these columns.

// The contract (lib/legacy/TARGET-SCHEMA.md): every target table has id, legacy_id, created_at,
// updated_at, plus these columns.
const TARGET_TABLES: Record<string, string[]> = {
  roles: ['name', 'code'],
  users: ['username', 'email', 'role_id', 'legacy_role_id', 'password_hash', 'password_algo', 'must_reset_password', 'last_login_at', 'deleted_at'],
  suppliers: ['name', 'region', 'email', 'deleted_at'],
  supplier_employees: ['supplier_id', 'legacy_supplier_id', 'user_id', 'legacy_user_id', 'name', 'deleted_at'],
  fitters: ['user_id', 'legacy_user_id', 'name', 'address', 'city', 'state', 'zipcode', 'country', 'phone', 'cellphone', 'email', 'currency', 'region', 'specializations', 'certifications', 'deleted_at'],
  customers: ['fitter_id', 'legacy_fitter_id', 'name', 'email', 'address', 'city', 'state', 'zipcode', 'country', 'phone', 'cellphone', 'horse_name', 'status', 'deleted_at'],
  brands: ['brand_name', 'is_active'],
  models: ['brand_id', 'legacy_brand_id', 'model_name', 'type', 'factory_assignments', 'sequence', 'is_active'],
  leather_types: ['name', 'sequence', 'deleted_at'],
  products: ['model_id', 'legacy_model_id', 'leather_type_id', 'legacy_leather_type_id', 'price', 'sequence'],
  options: ['name', 'kind', 'sequence', 'deleted_at'],
  option_items: ['option_id', 'legacy_option_id', 'name', 'price', 'sequence', 'deleted_at'],
  model_option_items: ['model_id', 'legacy_model_id', 'option_id', 'legacy_option_id', 'option_item_id', 'legacy_option_item_id', 'price', 'sequence'],
  presets: ['model_id', 'legacy_model_id', 'name', 'deleted_at'],
  preset_items: ['preset_id', 'legacy_preset_id', 'option_id', 'legacy_option_id', 'option_item_id', 'legacy_option_item_id'],
  order_statuses: ['name', 'sequence'],
  orders: [
    'order_number', 'customer_id', 'legacy_customer_id', 'fitter_id', 'legacy_fitter_id', 'model_id', 'legacy_saddle_id',
    'leather_type_id', 'legacy_leather_id', 'supplier_id', 'legacy_factory_id', 'status_id', 'legacy_status_id', 'status',
    'saddle_specifications', 'legacy_order_data', 'special_instructions', 'serial_number', 'currency', 'price_saddle',
    'price_options', 'price_shipping', 'total_amount', 'deposit_paid', 'balance_owing', 'is_urgent', 'deleted_at',
  ],
  order_lines: ['order_id', 'legacy_order_id', 'option_id', 'legacy_option_id', 'option_item_id', 'legacy_option_item_id', 'description', 'quantity', 'price'],
  client_confirmations: ['order_id', 'legacy_order_id', 'token', 'confirmed', 'confirmed_at', 'ip'],
  db_change_logs: ['user_id', 'legacy_user_id', 'occurred_at', 'table_name', 'record_id', 'operation', 'query'],
  activity_logs: ['user_id', 'legacy_user_id', 'occurred_at', 'action', 'details', 'ip'],
}
const COMMON = ['id', 'legacy_id', 'created_at', 'updated_at']
const MONEY = new Set(['price', 'price_saddle', 'price_options', 'price_shipping', 'total_amount', 'deposit_paid', 'balance_owing'])
const JSONB = new Set(['specializations', 'certifications', 'factory_assignments', 'saddle_specifications'])
const BOOLEAN = new Set(['is_active', 'must_reset_password', 'confirmed', 'is_urgent'])
const INTEGER = new Set(['legacy_id', 'sequence', 'quantity', 'record_id'])

/** The type a column must have, from its name (the conventions of prisma/schema.prisma). */

/** The type a column must have, from its name (the conventions of target-contract.ts). */
function expectedType(column: string): string {
  if (column === 'id' || (column.endsWith('_id') && !column.startsWith('legacy_') && column !== 'record_id')) return 'uuid'
  if (column.startsWith('legacy_') && column.endsWith('_id')) return 'integer'
  if (INTEGER.has(column)) return 'integer'
  if (column.endsWith('_at')) return 'timestamp with time zone'
  if (MONEY.has(column)) return 'numeric(12,2)'
  if (JSONB.has(column)) return 'jsonb'
  if (BOOLEAN.has(column)) return 'boolean'
  return 'text'
}

let db: TestDatabase
let client: pg.Client
let prepared: Awaited<ReturnType<typeof prepareDatabase>>

beforeAll(async () => {
  db = await createTestDatabase({ migrate: false })
  prepared = await prepareDatabase(db.url)
  client = new pg.Client({ connectionString: db.url })
  await client.connect()
})

afterAll(async () => {
  await client?.end()
  await db?.drop()
})

async function columnsOf(table: string) {
  const { rows } = await client.query<{ column_name: string; type: string; is_nullable: 'YES' | 'NO' }>(
    `SELECT column_name, is_nullable,
            CASE WHEN data_type = 'numeric' THEN format('numeric(%s,%s)', numeric_precision, numeric_scale)
                 ELSE data_type END AS type
       FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = $1`,
    [table],
  )
  return new Map(rows.map((row) => [row.column_name, row]))
}

describe('a database without target tables', () => {
  it('gets the 21 target tables in public, in the contract order, recorded as the app’s own', async () => {
    expect(prepared.createdTargetTables).toEqual(CONTRACT_TABLES.map((t) => t.name))
    expect(CONTRACT_TABLES.map((t) => t.name).sort()).toEqual(Object.keys(TARGET_TABLES).sort())
    const { rows } = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")
    expect(rows.map((r) => r.table_name)).toEqual(Object.keys(TARGET_TABLES).sort())
    const recorded = await client.query<{ table_name: string; created_by: string }>('SELECT table_name, created_by FROM ordermys_migrate.migration_target_tables ORDER BY 1')
    expect(recorded.rows).toEqual(Object.keys(TARGET_TABLES).sort().map((table_name) => ({ table_name, created_by: 'startup' })))
  })

  it.each(Object.keys(TARGET_TABLES))('%s has exactly the contract columns and types', async (table) => {
    const columns = await columnsOf(table)
    const expected = [...COMMON, ...TARGET_TABLES[table]]
    expect([...columns.keys()].sort()).toEqual([...expected].sort())
    for (const name of expected) {
      expect({ column: name, type: columns.get(name)!.type }).toEqual({ column: name, type: expectedType(name) })
    }
    expect(columns.get('id')!.is_nullable).toBe('NO')
    expect(columns.get('legacy_id')!.is_nullable).toBe('NO')
    for (const name of TARGET_TABLES[table].filter((c) => c.endsWith('_id'))) {
      expect({ column: name, nullable: columns.get(name)!.is_nullable }).toEqual({ column: name, nullable: 'YES' })
    }
  })

  it('makes legacy_id unique and every reference a RESTRICT foreign key, every pair half indexed', async () => {
    const { rows: fks } = await client.query<{ table: string; column: string; on_delete: string }>(`
      SELECT c.conrelid::regclass::text AS table, a.attname AS column, c.confdeltype AS on_delete
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       WHERE c.contype = 'f'`)
    const { rows: indexed } = await client.query<{ table: string; column: string; is_unique: boolean }>(`
      SELECT i.indrelid::regclass::text AS table, a.attname AS column, i.indisunique AS is_unique
        FROM pg_index i
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]`)
    const fk = new Map(fks.map((row) => [`${row.table}.${row.column}`, row.on_delete]))
    const leading = new Set(indexed.map((row) => `${row.table}.${row.column}`))
    for (const [table, columns] of Object.entries(TARGET_TABLES)) {
      expect(indexed).toContainEqual({ table, column: 'legacy_id', is_unique: true })
      for (const column of columns.filter((c) => c.endsWith('_id') && c !== 'record_id')) {
        expect({ column: `${table}.${column}`, indexed: leading.has(`${table}.${column}`) }).toEqual({ column: `${table}.${column}`, indexed: true })
        if (!column.startsWith('legacy_')) expect([`${table}.${column}`, fk.get(`${table}.${column}`)]).toEqual([`${table}.${column}`, 'r'])
      }
    }
  })

  it('creates nothing the second time', async () => {
    expect((await prepareDatabase(db.url)).createdTargetTables).toEqual([])
  })
})

describe('a database that holds some target tables already (the backend’s)', () => {
  let backend: TestDatabase
  beforeAll(async () => {
    backend = await createTestDatabase({ migrate: false })
    const c = new pg.Client({ connectionString: backend.url })
    await c.connect()
    await c.query('CREATE TABLE users (id uuid PRIMARY KEY, email text NOT NULL)')
    await c.end()
  })
  afterAll(() => backend?.drop())

  it('creates none of the others: the target check reports them and preparing the target adds them', async () => {
    const result = await prepareDatabase(backend.url)
    expect(result.createdTargetTables).toEqual([])
    const c = new pg.Client({ connectionString: backend.url })
    await c.connect()
    try {
      const { rows } = await c.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
      expect(rows).toEqual([{ table_name: 'users' }])
      expect((await c.query('SELECT count(*)::int AS n FROM ordermys_migrate.migration_target_tables')).rows).toEqual([{ n: 0 }])
    } finally {
      await c.end()
    }
  })
})
