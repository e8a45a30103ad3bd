// Faults in the middle of a big import, on a PostgreSQL of this test's own (own data folder, own
// port), so that it can be stopped and started again: 200,000 Log rows (plus the UserTypes and
// Credentials they reference) are staged and validated once, imported uninterrupted for the
// reference, rolled back, then imported again with a fault half-way:
// - the database stopped (`pg_ctl stop -m immediate`, a crash for PostgreSQL) and started again,
//   while the import writes batches (as it writes a table that holds rows);
// - the web server's process killed (kill -9) while its import job runs the bulk load of the empty
//   table (one INSERT … SELECT), then the app's recovery
//   (recoverInterruptedJobs) and the restart the import page's button makes (startImportJob);
//   meanwhile a second process asking for the same table is refused by the table's lock.
// Each time a rerun must end with exactly the rows of the uninterrupted import (count, ids, md5 of
// the ordered rows), the table's deferred indexes and foreign keys back, nothing twice.
//
// (The command line's kill -9 is tested in lib/import/import-table.real-dump.test.ts; the real
// `npm start` server killed from the browser's import, restarted and imported again, in
// e2e/server-killed.spec.ts.)

import { execFile, spawn } from 'node:child_process'
import { chmodSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/lib/db/embedded-postgres'
import { prepareDatabase } from '@/lib/db/prepare-database'
import { projectRoot } from '@/lib/db/paths'
import { closeClients, createClients, type DatabaseClients } from '@/lib/db/prisma'
import { freePort } from '@/lib/db/test-database'
import { openDumpFile } from '@/lib/dump'
import { AppError } from '@/lib/errors'
import { importTable } from '@/lib/import/import-table'
import { rollBackTable } from '@/lib/import/roll-back-table'
import { isJobRunning } from '@/lib/jobs/job-registry'
import { INTERRUPTED_IMPORT_MESSAGE, recoverInterruptedJobs } from '@/lib/jobs/recover-interrupted-jobs'
import { startImportJob } from '@/lib/jobs/start-import-job'
import { createRun } from '@/lib/runs/create-run'
import { stageRun } from '@/lib/staging/stage-run'
import { tableSnapshot, type TableSnapshot } from '@/lib/testing/target-snapshot'
import { useWorkDir } from '@/lib/testing/use-test-database'
import { writeLogDump } from '@/lib/testing/write-log-dump'
import { validateTable } from '@/lib/validate/validate-table'

const LOG_ROWS = 200_000
const BATCH = 2000

const work = useWorkDir('import-faults-')
chmodSync(work, 0o755) // the server runs as `postgres` when we are root: it must reach its folder
const dataDir = path.join(work, 'postgres')
let port: number
let server: EmbeddedPostgres
let url: string
let db: DatabaseClients
let runId: string
let reference: { snapshot: TableSnapshot; indexes: string[] }

const startServer = () => startEmbeddedPostgres({ dataDir, port, initdbFlags: ['--no-sync'], logFile: path.join(work, 'postgres.log') })

beforeAll(async () => {
  port = await freePort()
  server = await startServer()
  await server.ensureDatabaseExists('ordermys')
  url = server.urlFor('ordermys')
  await prepareDatabase(url)
  db = createClients(url)

  const dump = path.join(work, 'log.sql')
  await writeLogDump({ out: dump, logRows: LOG_ROWS })
  ;({ id: runId } = await createRun({ db, fileName: 'log.sql' }))
  await stageRun({ db, runId, source: openDumpFile(dump) })
  for (const legacyTable of ['UserTypes', 'Credentials', 'Log']) await validateTable({ db, runId, legacyTable })
  for (const legacyTable of ['UserTypes', 'Credentials']) await importTable({ db, runId, legacyTable })

  const indexes = await indexDefinitions()
  const result = await importTable({ db, runId, legacyTable: 'Log', batchSize: BATCH })
  expect(result.rowsImported).toBe(LOG_ROWS)
  reference = { snapshot: await tableSnapshot(db.pool, 'activity_logs'), indexes }
  expect(await indexDefinitions()).toEqual(indexes)
  expect(reference.snapshot.rows).toBe(LOG_ROWS)
  await rollBackTable({ db, runId, legacyTable: 'Log' })
}, 300_000)

afterAll(async () => {
  if (db) await closeClients(db)
  await server?.stop()
})

/** activity_logs' indexes and foreign keys as the catalog defines them (the import drops and restores some). */
async function indexDefinitions(): Promise<string[]> {
  const { rows } = await db.pool.query<{ def: string }>(
    `SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indrelid = 'activity_logs'::regclass
     UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'activity_logs'::regclass
     ORDER BY 1`,
  )
  return rows.map((r) => r.def)
}

const logState = () => db.prisma.migrationRunTable.findUniqueOrThrow({ where: { runId_legacyTable: { runId, legacyTable: 'Log' } } })

/** Waits until the import has committed `batches` batches (the checkpoint in migration_run_tables). */
async function committedBatches(batches: number, alive: () => boolean = () => true) {
  for (const until = Date.now() + 60_000; ; await sleep(10)) {
    const state = await logState()
    if ((state.lastCommittedBatch ?? 0) >= batches) return state
    if (state.state === 'imported' || !alive() || Date.now() > until) throw new Error(`the import did not stop half-way: ${JSON.stringify(state)}`)
  }
}

/** Waits until the import's bulk load (one INSERT … SELECT of every row) is running in PostgreSQL. */
async function bulkLoadRunning(alive: () => boolean) {
  for (const until = Date.now() + 60_000; ; await sleep(10)) {
    const { rows } = await db.pool.query(`SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'INSERT INTO "activity_logs"%'`)
    if (rows.length > 0) return
    const state = await logState()
    if (state.state === 'imported' || !alive() || Date.now() > until) throw new Error(`the bulk load was not seen running: ${JSON.stringify(state)}`)
  }
}

/** What the target must end with: the uninterrupted import's rows, and no row twice. */
async function expectUninterrupted() {
  expect(await tableSnapshot(db.pool, 'activity_logs')).toEqual(reference.snapshot)
  const { rows } = await db.pool.query('SELECT count(DISTINCT id)::int AS ids, count(DISTINCT legacy_id)::int AS legacy FROM activity_logs')
  expect(rows[0]).toEqual({ ids: LOG_ROWS, legacy: LOG_ROWS })
  expect(await indexDefinitions()).toEqual(reference.indexes)
  expect(await logState()).toMatchObject({ state: 'imported', rowsImported: LOG_ROWS, resumeCursor: null })
}

/** `pg_ctl stop -m immediate`: every server process quits at once, without a checkpoint (recovery runs at the next start). */
async function stopImmediately() {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`
  const { pg_ctl: pgCtl } = (await import(/* @vite-ignore */ pkg)) as { pg_ctl: string }
  const args = ['stop', '-D', dataDir, '-m', 'immediate', '-w']
  // PostgreSQL's tools refuse to run as root; the server runs as `postgres` then (lib/db/embedded-postgres.ts).
  const [command, argv] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', pgCtl, ...args]] : [pgCtl, args]
  await promisify(execFile)(command, argv as string[])
}

describe('an import while its database stops', () => {
  it('fails with the database’s reason; with PostgreSQL started again, a rerun ends with exactly the rows of an uninterrupted import', async () => {
    // In batches (the way a table that holds rows is written): the database stops half-way.
    const importing = importTable({ db, runId, legacyTable: 'Log', batchSize: BATCH, actor: 'test', bulkInsert: false }).then(
      () => null,
      (error: unknown) => error,
    )
    const running = await committedBatches(5)
    await stopImmediately()
    const error = await importing
    // Started again before anything is asserted: a failed assertion must not leave the next test without its database.
    const crashedServer = server
    server = await startServer()
    await crashedServer.stop()
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'INTERNAL', details: { legacyTable: 'Log' } })
    // How the driver hears of the shutdown depends on timing: PostgreSQL's own message, the socket
    // closed, or reset while a batch was being sent.
    expect((error as AppError).message).toMatch(
      /^Importing Log failed: (Connection terminated unexpectedly|terminating connection due to immediate shutdown command|read ECONNRESET|write EPIPE)\. The database did not answer, so the batches committed before could not be counted; they are kept, and importing again resumes after them\.$/,
    )
    // The failure could not be recorded (the database was gone): the table still says importing.

    const crashed = await logState()
    expect(crashed.state).toBe('importing')
    expect(crashed.lastCommittedBatch).toBeGreaterThanOrEqual(running.lastCommittedBatch!)
    // Exactly the committed batches are in the target: no half batch.
    expect((await tableSnapshot(db.pool, 'activity_logs')).rows).toBe(crashed.lastCommittedBatch! * BATCH)
    expect(crashed.rowsImported).toBe(crashed.lastCommittedBatch! * BATCH)

    const resumed = await importTable({ db, runId, legacyTable: 'Log', batchSize: BATCH, actor: 'test', bulkInsert: false })
    expect(resumed.resumedAfterRow).toBe((crashed.resumeCursor as { afterRow: number }).afterRow)
    expect(resumed.batches).toBe(LOG_ROWS / BATCH - crashed.lastCommittedBatch!)
    await expectUninterrupted()
    await rollBackTable({ db, runId, legacyTable: 'Log' })
  }, 120_000)
})

describe('the web server killed (kill -9) while its import job runs', () => {
  it('is found by the recovery, and the import page’s restart ends with exactly the rows of an uninterrupted import', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot(), 'lib/jobs/testing/import-job-in-child.ts'), url, runId, 'Log'], {
      cwd: projectRoot(),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
    // The app loads an empty table in one statement: killed while PostgreSQL writes it.
    await bulkLoadRunning(() => child.exitCode === null).catch((error: Error) => {
      child.kill('SIGKILL')
      throw new Error(`${error.message}\nchild: ${output}`)
    })

    // Frozen mid-import (its transaction open), so that it cannot finish meanwhile.
    child.kill('SIGSTOP')
    // A second server asking for the same table meanwhile is told at once, by the table's lock.
    const holder = (await db.pool.query(`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted`)).rows.map((r) => r.pid)
    expect(holder).toHaveLength(1)
    const busy = await startImportJob({ db, runId, legacyTable: 'Log', actor: 'second server' }).catch((e: unknown) => e)
    expect(busy).toMatchObject({ code: 'CONFLICT', details: { holderPid: holder[0] } })
    expect((busy as Error).message).toBe(`Log (activity_logs) is being imported or rolled back by another session (PostgreSQL process ${holder[0]}); try again when it has finished.`)
    expect(isJobRunning(runId)).toBe(false)

    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')
    expect(output).toMatch(/^started [0-9a-f-]{36}$/m)
    expect(output).not.toContain('done')
    const killed = await logState()
    expect(killed).toMatchObject({ state: 'importing', rowsImported: 0, lastCommittedBatch: null })
    // one transaction: nothing of it is in the target
    expect((await tableSnapshot(db.pool, 'activity_logs')).rows).toBe(0)

    // What the app runs when a page loads (app/page.tsx, the run and import pages): the job's
    // process is gone, its heartbeat stopped. (The app waits 3 heartbeats, 9 s; 1 s here.)
    await sleep(1100)
    const recovered = await recoverInterruptedJobs({ db, staleAfterMs: 1000 })
    expect(recovered).toEqual([`${runId}/Log`])
    expect(await logState()).toMatchObject({ state: 'failed', errorCode: 'INTERRUPTED', errorMessage: INTERRUPTED_IMPORT_MESSAGE, rowsImported: killed.rowsImported })

    // The killed session's lock goes with its connection as soon as PostgreSQL notices.
    for (const until = Date.now() + 10_000; ; await sleep(50)) {
      const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'`)
      if (rows[0].n === 0) break
      if (Date.now() > until) throw new Error('the killed process still holds the table lock')
    }
    // The import page's button: confirmImportAction → startImportJob, resuming after the committed batches.
    await startImportJob({ db, runId, legacyTable: 'Log', actor: 'operator' })
    for (const until = Date.now() + 60_000; isJobRunning(runId); await sleep(50)) {
      if (Date.now() > until) throw new Error('the restarted import did not finish')
    }
    await expectUninterrupted()
    const events = await db.prisma.migrationEvent.findMany({ where: { runId, legacyTable: 'Log', type: { in: ['job.started', 'job.interrupted', 'job.finished', 'table.imported'] } }, orderBy: { id: 'asc' } })
    expect(events.slice(-5).map((e) => e.type)).toEqual(['job.started', 'job.interrupted', 'job.started', 'table.imported', 'job.finished'])
    const imported = events.at(-2)!.data as { resumedAfterRow: number | null }
    expect(imported.resumedAfterRow).toBe((killed.resumeCursor as { afterRow: number }).afterRow)
  }, 120_000)
})
