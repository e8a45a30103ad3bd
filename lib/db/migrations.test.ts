import { createHash } from 'node:crypto'
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyMigrations, createMigration, diagnoseMigrations, migrationSlug, migrationTimestamp } from './migrations'
import { migrationsDir, schemaPath } from './paths'
import { createTestDatabase, type TestDatabase } from './test-database'

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

const BOOKKEEPING = [
  'migration_runs',
  'migration_run_tables',
  'migration_row_issues',
  'migration_events',
  'migration_reconciliations',
  // who may use the app (lib/auth)
  'operator_accounts',
  'operator_sessions',
  'login_attempts',
]

let db: TestDatabase
let client: pg.Client
let firstApply: { applied: string[] }

beforeAll(async () => {
  db = await createTestDatabase({ migrate: false })
  firstApply = await applyMigrations(db.url)
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

describe('applyMigrations on an empty database', () => {
  it('applies every migration folder', async () => {
    const folders = (await readdir(migrationsDir(), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name)
    expect(firstApply.applied).toEqual(folders.sort())
  })

  it.each(Object.keys(TARGET_TABLES))('creates %s with exactly the contract columns and types', async (table) => {
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

  it('creates the 21 target tables and the bookkeeping tables, nothing else', async () => {
    const { rows } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    )
    expect(Object.keys(TARGET_TABLES)).toHaveLength(21)
    expect(rows.map((r) => r.table_name)).toEqual(
      [...Object.keys(TARGET_TABLES), ...BOOKKEEPING, '_prisma_migrations'].sort(),
    )
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
        expect({ column: `${table}.${column}`, indexed: leading.has(`${table}.${column}`) }).toEqual({
          column: `${table}.${column}`,
          indexed: true,
        })
        if (!column.startsWith('legacy_')) expect([`${table}.${column}`, fk.get(`${table}.${column}`)]).toEqual([`${table}.${column}`, 'r'])
      }
    }
  })

  it('records the migrations as prisma migrate deploy does', async () => {
    const { rows } = await client.query(
      'SELECT migration_name, checksum, finished_at, rolled_back_at, logs, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
    )
    expect(rows).toHaveLength(firstApply.applied.length)
    for (const row of rows) {
      const script = await readFile(path.join(migrationsDir(), row.migration_name, 'migration.sql'))
      expect(row).toMatchObject({
        checksum: createHash('sha256').update(script).digest('hex'),
        rolled_back_at: null,
        logs: null,
        applied_steps_count: 1,
      })
      expect(row.finished_at).toBeInstanceOf(Date)
    }
  })

  it('is a no-op the second time, and the history is in sync', async () => {
    expect(await applyMigrations(db.url)).toEqual({ applied: [] })
    expect(await diagnoseMigrations(db.url)).toMatchObject({
      history: null,
      failedMigrationNames: [],
      editedMigrationNames: [],
      hasMigrationsTable: true,
    })
  })
})

describe('migration scripts', () => {
  let dir: string
  let scratch: TestDatabase
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ordermys-migrations-'))
    scratch = await createTestDatabase({ migrate: false })
  })
  afterAll(async () => {
    await scratch?.drop()
    await rm(dir, { recursive: true, force: true })
  })

  it('runs a script as one statement batch: semicolons in strings survive, a failure applies nothing', async () => {
    await cp(path.join(migrationsDir(), 'migration_lock.toml'), path.join(dir, 'migration_lock.toml'))
    const write = async (name: string, sql: string) => {
      await mkdir(path.join(dir, name), { recursive: true })
      await writeFile(path.join(dir, name, 'migration.sql'), sql)
    }
    await write('20200101000000_semicolons', "CREATE TABLE t (v text);\nINSERT INTO t VALUES ('a;b'), ('c'';d');\n")
    expect(await applyMigrations(scratch.url, { migrationsDir: dir })).toEqual({ applied: ['20200101000000_semicolons'] })

    await write('20200102000000_broken', "CREATE TABLE u (v text);\nINSERT INTO t VALUES ('e');\nSELECT 1/0;\n")
    await expect(applyMigrations(scratch.url, { migrationsDir: dir })).rejects.toThrow(/20200102000000_broken/)

    const check = new pg.Client({ connectionString: scratch.url })
    await check.connect()
    try {
      expect((await check.query('SELECT v FROM t ORDER BY v')).rows).toEqual([{ v: 'a;b' }, { v: "c';d" }])
      expect((await check.query("SELECT to_regclass('u') AS u")).rows).toEqual([{ u: null }])
    } finally {
      await check.end()
    }
  })
})

describe('createMigration', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ordermys-new-migration-'))
    await cp(migrationsDir(), path.join(dir, 'migrations'), { recursive: true })
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('finds nothing to do when the schema matches the migrations', async () => {
    expect(await createMigration(db.url, 'nothing', { migrationsDir: path.join(dir, 'migrations') })).toEqual({})
  })

  it('writes the difference to a new timestamped folder', async () => {
    const schema = path.join(dir, 'schema.prisma')
    await writeFile(
      schema,
      `${await readFile(schemaPath(), 'utf8')}\nmodel Probe {\n  id String @id @db.Uuid\n  note String?\n  @@map("probes")\n}\n`,
    )
    const created = await createMigration(db.url, 'Add probes!', { migrationsDir: path.join(dir, 'migrations'), schemaPath: schema })
    expect(created.name).toMatch(/^\d{14}_add_probes$/)
    expect(created.script).toContain('CREATE TABLE "probes"')
    expect(await readFile(path.join(created.dir!, 'migration.sql'), 'utf8')).toBe(created.script)
    // the shadow database is gone again
    const { rows } = await client.query("SELECT count(*)::int AS n FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'")
    expect(rows[0].n).toBe(0)
  })
})

describe('names', () => {
  it.each([
    { name: 'init', want: 'init' },
    { name: 'Add probes!', want: 'add_probes' },
    { name: '  drift  report ', want: 'drift_report' },
  ])('migrationSlug($name)', ({ name, want }) => {
    expect(migrationSlug(name)).toBe(want)
  })

  it('rejects a name without letters or digits', () => {
    expect(() => migrationSlug('!!')).toThrow()
  })

  it('timestamps like Prisma (UTC, to the second)', () => {
    expect(migrationTimestamp(new Date('2026-01-02T03:04:05.678Z'))).toBe('20260102030405')
  })
})
