// Before the browser tests: real dumps to upload. A private MariaDB (lib/testing) is loaded with
// the legacy fixture, once plain and once with its schema drift, and dumped by the real
// mariadb-dump (each alone, and both in one file); then a truncated copy and a file that is not a
// dump are made from them.

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import pg from 'pg'
import { createPgPool } from '../lib/db/pg-pool'
import { prepareTarget } from '../lib/target/prepare-target'
import { loadLegacyFixture } from '../lib/testing/legacy-fixture'
import { startMariaDb } from '../lib/testing/mariadb'
import { dumps, DUPLICATED_CUSTOMER_ID, E2E_DUMP_DIR, E2E_UPLOAD_DIR } from './support/dumps'

export default async function globalSetup() {
  mkdirSync(E2E_DUMP_DIR, { recursive: true })
  const started = Date.now()
  // E2E_RESET_DATABASE=0 keeps the data (a run against a developer's own server, e2e/playwright.dev.config.ts).
  if (process.env.E2E_RESET_DATABASE !== '0') await resetE2eDatabase()
  const server = await startMariaDb()
  try {
    await loadLegacyFixture(server, { database: 'ordermys' })
    await loadLegacyFixture(server, { database: 'ordermys_drifted', drifted: true })
    // The journey's dump also has a row the migration must reject: a legacy table without its
    // primary key, and a customer ID that appears twice (DUPLICATE_ID).
    await server.exec(
      `ALTER TABLE Customers MODIFY ID int(11) NOT NULL, DROP PRIMARY KEY;
       INSERT INTO Customers SELECT * FROM Customers WHERE ID = ${DUPLICATED_CUSTOMER_ID};`,
      'ordermys_drifted',
    )
    await server.dump('default', dumps.plain, { database: 'ordermys' })
    await server.dump('default', dumps.drifted, { database: 'ordermys_drifted', gzip: true })
    await server.dump('default', dumps.twoDatabases, { database: 'ordermys', extraArgs: ['--databases', 'ordermys_drifted'] })
  } finally {
    await server.stop()
  }
  const plain = readFileSync(dumps.plain)
  const cut = plain.indexOf(Buffer.from('INSERT INTO `Orders`'))
  if (cut < 0) throw new Error('the plain dump has no Orders rows')
  writeFileSync(dumps.truncated, plain.subarray(0, cut + 300))
  writeFileSync(dumps.notADump, 'OrderID;Customer;Total\n1;Anna Müller;2615.50\n2;James Smith;1890.00\n')
  for (const file of Object.values(dumps)) if (!existsSync(file)) throw new Error(`global setup did not write ${file}`)
  console.log(`e2e dumps ready in ${E2E_DUMP_DIR} (${Date.now() - started} ms)`)
}

/**
 * The browser tests start from an empty migration: every table of the e2e database (its own
 * embedded server, see playwright.config.ts) is emptied and the staging schemas dropped, and the
 * e2e upload folder is cleared. Runs after the web server started (Playwright starts it first);
 * nothing is running in it yet.
 */
async function resetE2eDatabase() {
  const url = process.env.E2E_DATABASE_URL ?? `postgresql://postgres:postgres@127.0.0.1:${process.env.E2E_PG_PORT ?? '54339'}/ordermys_migrate`
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    // Target tables (public) and the app's (its schema), but its migration history and the record
    // of the target tables it created.
    const tables = await client.query<{ name: string }>(
      `select format('%I.%I', schemaname, tablename) as name from pg_tables
        where schemaname in ('public', 'ordermys_migrate') and tablename not in ('_prisma_migrations', 'migration_target_tables')`,
    )
    if (tables.rows.length) await client.query(`truncate ${tables.rows.map((t) => t.name).join(', ')} restart identity cascade`)
    const schemas = await client.query<{ name: string }>(`select quote_ident(nspname) as name from pg_namespace where nspname like 'staging\\_%'`)
    for (const { name } of schemas.rows) await client.query(`drop schema ${name} cascade`)
  } finally {
    await client.end()
  }
  // A spec that made the target look like a backend's (e2e/target.spec.ts) and failed half-way
  // left it so: the contract's tables and columns come back, as preparing the target adds them.
  const pool = createPgPool(url, { searchPath: ['ordermys_migrate', 'public'], max: 1 })
  try {
    await prepareTarget({ pool, targetSchema: 'public', actor: 'e2e setup' })
  } finally {
    await pool.end()
  }
  rmSync(E2E_UPLOAD_DIR, { recursive: true, force: true })
}
