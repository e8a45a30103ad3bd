import { createHash } from 'node:crypto'
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyMigrations, createMigration, diagnoseMigrations, migrationSlug, migrationTimestamp } from './migrations'
import { migrationsDir, schemaPath } from './paths'
import { createTestDatabase, type TestDatabase } from './test-database'

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
  // the target tables the app created from the contract (lib/target)
  'migration_target_tables',
  // what the operator decided about validation's findings (lib/decisions)
  'migration_decisions',
]
const APP_SCHEMA = 'ordermys_migrate'

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

describe('applyMigrations on an empty database', () => {
  it('applies every migration folder', async () => {
    const folders = (await readdir(migrationsDir(), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name)
    expect(firstApply.applied).toEqual(folders.sort())
  })

  it('creates the bookkeeping tables in the app schema, and nothing anywhere else', async () => {
    const { rows } = await client.query<{ table_schema: string; table_name: string }>(
      `SELECT table_schema, table_name FROM information_schema.tables
        WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY table_schema, table_name`,
    )
    expect(rows).toEqual([...BOOKKEEPING, '_prisma_migrations'].sort().map((table_name) => ({ table_schema: APP_SCHEMA, table_name })))
  })

  it('records the migrations as prisma migrate deploy does', async () => {
    const { rows } = await client.query(
      `SELECT migration_name, checksum, finished_at, rolled_back_at, logs, applied_steps_count FROM ${APP_SCHEMA}._prisma_migrations ORDER BY migration_name`,
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
      expect((await check.query(`SELECT v FROM ${APP_SCHEMA}.t ORDER BY v`)).rows).toEqual([{ v: 'a;b' }, { v: "c';d" }])
      expect((await check.query(`SELECT to_regclass('${APP_SCHEMA}.u') AS u`)).rows).toEqual([{ u: null }])
    } finally {
      await check.end()
    }
  })
})

describe('the app schema', () => {
  it('is the URL\'s ?schema=, else ORDERMYS_APP_SCHEMA, else ordermys_migrate, and holds the migration history', async () => {
    const other = await createTestDatabase({ migrate: false })
    try {
      await applyMigrations(`${other.url}?schema=elsewhere`)
      const check = new pg.Client({ connectionString: other.url })
      await check.connect()
      try {
        const { rows } = await check.query<{ s: string; n: number }>(
          `SELECT table_schema AS s, count(*)::int AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') GROUP BY 1`,
        )
        expect(rows).toEqual([{ s: 'elsewhere', n: BOOKKEEPING.length + 1 }])
      } finally {
        await check.end()
      }
    } finally {
      await other.drop()
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
