// Into the backend's own database, as the migration plan deploys (its phases 3 and 4): the new
// backend's migrations have made `users`, `customers`, `orders`, `fitters` and `suppliers` (fewer
// columns than the contract, columns of their own, rows of the new system, one user whose e-mail is
// a legacy user's), the product tables are absent. The command line checks the target, then
// prepares it and imports every table of a real mariadb-dump dump; the new system's rows stay
// exactly as they were, and the legacy user is merged into the existing one.

import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '@/lib/db/test-database'
import { loadLegacyFixture } from '@/lib/testing/legacy-fixture'
import { reconciliationFailures } from '@/lib/testing/reconciliation-failures'
import { runCli } from '@/lib/testing/run-cli'
import { useWorkDir } from '@/lib/testing/use-test-database'
import { useMariaDb } from '@/lib/testing/use-mariadb'
import { stableUuid } from '@/lib/convert/stable-uuid'

const work = useWorkDir('existing-backend-')
const dump = path.join(work, 'ordermys.sql')
const mariadb = useMariaDb({
  setup: async (server) => {
    await loadLegacyFixture(server, { database: 'ordermys' })
    await server.dump('default', dump, { database: 'ordermys' })
  },
})

/** The backend's ids of its own rows (gen_random_uuid would do; fixed ones are easier to check). */
const ADMIN = '0b6f3f0e-7b1a-4a55-9f0e-1c2d3e4f5a01' // e-mail ADMIN@example.com: legacy Credentials 1 is admin@example.com
const STAFF = '0b6f3f0e-7b1a-4a55-9f0e-1c2d3e4f5a02'
const WALK_IN = '0b6f3f0e-7b1a-4a55-9f0e-1c2d3e4f5a03'

const BACKEND_SCHEMA = `
CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email varchar(255) UNIQUE,
  password varchar(255),
  first_name varchar(100),
  role varchar(50) NOT NULL DEFAULT 'user',
  created_at timestamp NOT NULL DEFAULT now(),
  updated_at timestamp NOT NULL DEFAULT now()
);
CREATE TABLE suppliers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name varchar(255) NOT NULL,
  email varchar(255),
  region varchar(10),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE fitters (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid REFERENCES users(id),
  name varchar(255) NOT NULL,
  email varchar(255),
  phone varchar(50),
  specializations jsonb NOT NULL DEFAULT '[]',
  certifications json NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE customers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  fitter_id uuid REFERENCES fitters(id),
  name varchar(255) NOT NULL,
  email varchar(255),
  phone varchar(50),
  notes text,
  status varchar(20) NOT NULL DEFAULT 'active',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE orders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_number varchar(50) NOT NULL UNIQUE,
  customer_id uuid REFERENCES customers(id),
  status varchar(30) NOT NULL DEFAULT 'pending',
  total_amount numeric(14,2) NOT NULL DEFAULT 0,
  saddle_specifications jsonb,
  channel varchar(20) NOT NULL DEFAULT 'web',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO users (id, email, password, first_name, role) VALUES
  ('${ADMIN}', 'ADMIN@example.com', '$2b$10$backendhashbackendhashbackendhashbackendhashbac', 'Ada', 'admin'),
  ('${STAFF}', 'staff@newsystem.example', NULL, 'Sam', 'user');
INSERT INTO customers (id, name, email, notes) VALUES ('${WALK_IN}', 'Walk-in Customer', 'walkin@newsystem.example', 'created by the new system');
INSERT INTO orders (order_number, customer_id, status, total_amount, saddle_specifications) VALUES ('WEB-0001', '${WALK_IN}', 'processing', 1999.00, '{"seat": "17.5"}');
`

/** What the new system's own rows are, over the columns it made itself: an md5 per table. */
const OWN_ROWS: Record<string, string> = {
  users: `SELECT md5(string_agg(row(id, email, password, first_name, role, created_at, updated_at)::text, '|' ORDER BY id)) FROM users WHERE id IN ('${ADMIN}', '${STAFF}')`,
  customers: `SELECT md5(string_agg(row(id, fitter_id, name, email, phone, notes, status, created_at, updated_at)::text, '|' ORDER BY id)) FROM customers WHERE id = '${WALK_IN}'`,
  orders: "SELECT md5(string_agg(row(id, order_number, customer_id, status, total_amount, saddle_specifications, channel, created_at, updated_at)::text, '|' ORDER BY id)) FROM orders WHERE order_number = 'WEB-0001'",
}

let target: TestDatabase
let client: pg.Client
let importRun: string
const before: Record<string, string> = {}

async function ownRows(): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const [table, sql] of Object.entries(OWN_ROWS)) {
    out[table] = (await client.query(sql)).rows[0].md5
  }
  return out
}

beforeAll(async () => {
  target = await createTestDatabase({ migrate: false })
  client = new pg.Client({ connectionString: target.url })
  await client.connect()
  await client.query(BACKEND_SCHEMA)
  Object.assign(before, await ownRows())
}, 120_000)

afterAll(async () => {
  await client?.end()
  await target?.drop()
})

describe('a database that holds the backend’s own tables', () => {
  it('--check-target names what is missing and exits 1, having changed nothing in the target', async () => {
    mariadb()
    const { code, stdout, stderr } = await runCli(target.url, ['--dump', dump, '--check-target', '--json'])
    expect(code, stderr).toBe(1)
    const { target: check } = JSON.parse(stdout)
    expect(check.blocking).toBe(true)
    expect(check.absentTables).toEqual([
      'roles', 'supplier_employees', 'brands', 'models', 'leather_types', 'products', 'options', 'option_items',
      'model_option_items', 'presets', 'preset_items', 'order_statuses', 'order_lines', 'client_confirmations', 'db_change_logs', 'activity_logs',
    ])
    const blocking = (table: string) =>
      check.findings.filter((f: { table: string; severity: string; found: string }) => f.table === table && f.severity === 'blocking' && f.found === 'absent').map((f: { column: string }) => f.column)
    expect(blocking('users')).toEqual(['legacy_id', 'username', 'role_id', 'legacy_role_id', 'password_hash', 'password_algo', 'must_reset_password', 'last_login_at', 'deleted_at'])
    expect(blocking('orders')).toContain('legacy_customer_id')
    // measured against the dump's rows: the backend's varchar(10) region holds 'EU', 'US', …
    expect(check.findings).toContainEqual(expect.objectContaining({ table: 'suppliers', column: 'region', severity: 'info' }))
    expect(check.findings).toContainEqual(expect.objectContaining({ table: 'users', column: 'created_at', severity: 'info', found: expect.stringContaining('as UTC') }))
    expect(check.statements.length).toBeGreaterThan(50)
    expect(await ownRows()).toEqual(before)
    const { rows } = await client.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'")
    expect(rows[0].n).toBe(5)
  }, 120_000)

  it('--target-migration writes the same statements as a file and changes nothing', async () => {
    const file = path.join(work, 'prepare.sql')
    const { code, stderr } = await runCli(target.url, ['--dump', dump, '--target-migration', file])
    expect(code, stderr).toBe(1) // it still blocks: nothing was applied
    const { readFile } = await import('node:fs/promises')
    const sql = await readFile(file, 'utf8')
    expect(sql).toMatch(/^-- Prepares the target tables for the ordermys-migrate import/)
    expect(sql).toContain('BEGIN;')
    expect(sql).toContain('ALTER TABLE "public"."users" ADD COLUMN "legacy_id" INTEGER;')
    expect(sql).toContain('CREATE TABLE "public"."brands" (')
    expect(sql).not.toMatch(/\bDROP\b|RENAME|ALTER COLUMN/)
  }, 120_000)

  it('--all --prepare-target adds what is missing, imports every table and reconciles green', async () => {
    const { code, stdout, stderr } = await runCli(target.url, ['--dump', dump, '--all', '--prepare-target', '--json'])
    expect(await reconciliationFailures(client)).toEqual([])
    expect(code, stderr).toBe(0)
    const result = JSON.parse(stdout)
    importRun = result.runId
    expect(result).toMatchObject({ ok: true, failures: [], reconciliation: { passed: true } })
    expect(result.targetPreparation.createdTables).toHaveLength(16)
    for (const t of result.tables) expect(t.state, t.table).toBe('imported')
    expect(stderr).toMatch(/Prepared the target: \d+ statements, tables created: roles, /)
  }, 180_000)

  it('leaves the new system’s rows exactly as they were, and counts them apart', async () => {
    expect(await ownRows()).toEqual(before)
    const { rows } = await client.query('SELECT legacy_id FROM users WHERE id = $1', [STAFF])
    expect(rows).toEqual([{ legacy_id: null }])
    const report = await client.query<{ report: { tables: { targetTable: string; target: { notFromLegacy: number } }[] } }>(
      'SELECT report FROM ordermys_migrate.migration_reconciliations ORDER BY created_at DESC LIMIT 1',
    )
    const notFromLegacy = Object.fromEntries(report.rows[0].report.tables.map((t) => [t.targetTable, t.target.notFromLegacy]))
    expect(notFromLegacy).toMatchObject({ users: 1, customers: 1, orders: 1, fitters: 0, brands: 0 })
  })

  it('links the legacy user to the existing one by e-mail: its id stays, every reference to it resolves to that id', async () => {
    const { rows } = await client.query('SELECT id::text, legacy_id, email, legacy_role_id, password FROM users WHERE legacy_id = 1')
    expect(rows).toEqual([{ id: ADMIN, legacy_id: 1, email: 'ADMIN@example.com', legacy_role_id: 1, password: expect.stringMatching(/^\$2b\$10\$backend/) }])
    expect((await client.query('SELECT count(*)::int AS n FROM users WHERE id = $1', [stableUuid('Credentials', 1)])).rows[0].n).toBe(0)
    // DBlog 1 and Log 1 were written by legacy user 1
    const refs = await client.query(
      `SELECT 'db_change_logs' AS t, user_id::text FROM db_change_logs WHERE legacy_user_id = 1
       UNION ALL SELECT 'activity_logs', user_id::text FROM activity_logs WHERE legacy_user_id = 1`,
    )
    expect(refs.rows.length).toBeGreaterThanOrEqual(2)
    for (const row of refs.rows) expect(row.user_id, row.t).toBe(ADMIN)
    // the other legacy users are inserted with their derived ids
    const mueller = await client.query('SELECT id::text FROM users WHERE legacy_id = 6')
    expect(mueller.rows).toEqual([{ id: stableUuid('Credentials', 6) }])
    const issues = await client.query("SELECT legacy_id, message FROM ordermys_migrate.migration_row_issues WHERE code = 'USER_LINKED' AND run_id = $1", [importRun])
    expect(issues.rows).toEqual([{ legacy_id: 1, message: expect.stringContaining(`matches the existing user ${ADMIN}`) }])
  })

  it('keeps the backend’s own indexes and constraints (none dropped by a bulk load)', async () => {
    const { rows } = await client.query(
      `SELECT conname FROM pg_constraint WHERE conrelid IN ('users'::regclass, 'orders'::regclass, 'customers'::regclass) AND conname IN
         ('users_pkey', 'users_email_key', 'orders_pkey', 'orders_order_number_key', 'orders_customer_id_fkey', 'customers_fitter_id_fkey') ORDER BY 1`,
    )
    expect(rows.map((r) => r.conname)).toEqual(['customers_fitter_id_fkey', 'orders_customer_id_fkey', 'orders_order_number_key', 'orders_pkey', 'users_email_key', 'users_pkey'])
  })
})
