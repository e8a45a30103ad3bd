// The web server killed (kill -9) in the middle of an import, then started again, as an operator
// would live it: a second app (`npm start`, the same production build, its own embedded PostgreSQL
// and port, so the other specs' server is not touched) imports a 200,000-row Log table from the
// browser; the process that runs the import (the pid its `job.started` event names: the Next.js
// server) is killed with SIGKILL while PostgreSQL writes its bulk load (the empty table in one
// INSERT … SELECT, one transaction); `npm start` is run again; the import
// page reports the interruption, and its "Import again" ends the import. The result must be exactly
// the rows of an uninterrupted import of the same table (rolled back and imported again from the
// same page): the same count, ids and md5 of the ordered rows, no row twice.

import type { ChildProcess } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { expect, test } from '@playwright/test'
import pg from 'pg'
import { startApp, stopApp, waitForExit } from '../lib/testing/app-process'
import { tableSnapshot } from '../lib/testing/target-snapshot'
import { writeLogDump } from '../lib/testing/write-log-dump'
import { login, OPERATOR } from './support/auth'
import { importTable, uploadDump } from './support/flow'

const PORT = Number(process.env.E2E_KILL_PORT ?? 3124)
const PG_PORT = Number(process.env.E2E_KILL_PG_PORT ?? 54341)
const LOG_ROWS = 200_000
const BASE = `http://127.0.0.1:${PORT}`

const work = mkdtempSync(path.join(os.tmpdir(), 'ordermys-e2e-kill-'))
chmodSync(work, 0o755) // the embedded server runs as `postgres` when the tests run as root
let app: ChildProcess | undefined
let db: pg.Pool | undefined

test.use({ baseURL: BASE, storageState: { cookies: [], origins: [] } })

test.afterAll(async () => {
  await db?.end()
  if (app) await stopApp(app)
  rmSync(work, { recursive: true, force: true })
})

// the app's tables (its own schema) and the target tables (public), unqualified
const APP_SEARCH_PATH = '-c search_path=ordermys_migrate,public'

test('an import whose server is killed (kill -9) ends, after a restart, with exactly the rows of an uninterrupted import', async ({ page }) => {
  test.setTimeout(420_000)
  const dump = path.join(work, 'log.sql')
  await writeLogDump({ out: dump, logRows: LOG_ROWS })
  app = await startKillableApp()
  db = new pg.Pool({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${PG_PORT}/ordermys_migrate`, max: 2, options: APP_SEARCH_PATH })

  await login(page, OPERATOR)
  const runId = await uploadDump(page, dump)
  await expect(page.getByTestId('run-status')).toHaveText('staged', { timeout: 120_000 })
  await expect(page.getByTestId('tables-validated')).toHaveText(/^(\d+) of \1$/, { timeout: 120_000 })
  await importTable(page, runId, 'UserTypes')
  await importTable(page, runId, 'Credentials')

  // --- the import, killed while PostgreSQL writes its bulk load (the empty table, in one statement)
  await page.goto(`/runs/${runId}/tables/Log/import`)
  await page.getByRole('button', { name: `Import ${LOG_ROWS.toLocaleString('en-US')} rows` }).click()
  await waitForBulkLoad(runId)
  const { rows: started } = await db.query<{ pid: number }>(
    `select (data->>'pid')::int as pid from migration_events where run_id = $1 and legacy_table = 'Log' and type = 'job.started' order by id desc limit 1`,
    [runId],
  )
  const serverPid = started[0].pid
  expect(serverPid).toBeGreaterThan(0)
  process.kill(serverPid, 'SIGKILL')
  await db.end()
  db = undefined
  await waitForExit(app) // `npm start` stops its database and exits when Next.js dies
  app = undefined

  // --- started again: nothing of the interrupted transaction, the table says what happened
  app = await startKillableApp()
  db = new pg.Pool({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${PG_PORT}/ordermys_migrate`, max: 2, options: APP_SEARCH_PATH })
  const interrupted = await logTable(runId)
  expect(interrupted.rows_imported).toBe(0)
  expect((await tableSnapshot(db, 'activity_logs')).rows).toBe(0)
  await expect(async () => {
    await page.goto(`/runs/${runId}/tables/Log/import`)
    await expect(page.getByTestId('import-state')).toHaveText('failed', { timeout: 1_000 })
  }).toPass({ timeout: 60_000 })
  await expect(page.getByText('The server stopped while this table was being imported.')).toBeVisible()

  await page.getByRole('button', { name: 'Import again' }).click()
  await expect(page.getByTestId('import-state')).toHaveText('imported', { timeout: 120_000 })
  const resumed = await tableSnapshot(db, 'activity_logs')
  const { rows: distinct } = await db.query('select count(distinct id)::int as ids, count(distinct legacy_id)::int as legacy from activity_logs')
  expect(distinct[0]).toEqual({ ids: LOG_ROWS, legacy: LOG_ROWS })
  expect(resumed.rows).toBe(LOG_ROWS)

  // --- the same table rolled back and imported without interruption: the very same rows
  await page.getByRole('button', { name: 'Roll back this table…' }).click()
  await page.getByRole('dialog').getByRole('button', { name: `Remove ${LOG_ROWS.toLocaleString('en-US')} rows` }).click()
  await expect(page.getByTestId('import-state')).toHaveText('rolled back', { timeout: 120_000 })
  expect((await tableSnapshot(db, 'activity_logs')).rows).toBe(0)
  await importTable(page, runId, 'Log')
  expect(await tableSnapshot(db, 'activity_logs')).toEqual(resumed)
})

/** Waits until the import's bulk load (one INSERT … SELECT of every row) runs in PostgreSQL. */
async function waitForBulkLoad(runId: string): Promise<void> {
  for (const until = Date.now() + 60_000; Date.now() < until; await sleep(5)) {
    const { rows } = await db!.query(`select 1 from pg_stat_activity where state = 'active' and query like 'INSERT INTO "activity_logs"%'`)
    if (rows.length > 0) return
    if ((await logTable(runId)).state === 'imported') throw new Error('the import finished before it could be killed')
  }
  throw new Error('the bulk load was not seen running within a minute')
}

async function logTable(runId: string) {
  const { rows } = await db!.query<{ state: string; last_committed_batch: number | null; rows_imported: number }>(
    `select state, last_committed_batch, rows_imported from migration_run_tables where run_id = $1 and legacy_table = 'Log'`,
    [runId],
  )
  return rows[0]
}

/** The second app: its own embedded PostgreSQL and port (the same one after the restart). */
function startKillableApp(): Promise<ChildProcess> {
  return startApp({
    port: PORT,
    env: {
      EMBEDDED_PG_PORT: String(PG_PORT),
      ORDERMYS_DATA_DIR: path.join(work, 'postgres'),
      ORDERMYS_UPLOAD_DIR: path.join(work, 'uploads'),
      ADMIN_EMAIL: OPERATOR.email,
      ADMIN_PASSWORD: OPERATOR.password,
    },
  })
}
