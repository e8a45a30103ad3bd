// PostgreSQL refuses something in each step — staging, validation (in this thread and on a worker
// thread), import, reconciliation — through the command line's runMigration and through the app's
// background jobs. Each time the run or the table must end failed with PostgreSQL's own message,
// and nothing may wait forever (every wait here is bounded; the old validation hung on a COPY
// that PostgreSQL had refused, see lib/staging/copy-sink.ts).
//
// The refusals are real: an event trigger puts a CHECK constraint on every table the step creates
// (staging tables, or the mapped tables of validation), a CHECK on a target table refuses the
// import's INSERT, a renamed target table makes reconciliation's queries fail.

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { isJobRunning } from '@/lib/jobs/job-registry'
import { startImportJob } from '@/lib/jobs/start-import-job'
import { startReconcileJob } from '@/lib/jobs/start-reconcile-job'
import { startStagingJob } from '@/lib/jobs/start-staging-job'
import { createRun } from '@/lib/runs/create-run'
import { stageRun } from '@/lib/staging/stage-run'
import { stagingSchemaFor } from '@/lib/staging/staging-names'
import { useTestDatabase, useWorkDir } from '@/lib/testing/use-test-database'
import { writeSyntheticDump } from '@/lib/testing/write-synthetic-dump'
import { appendUploadChunk } from '@/lib/upload/append-upload-chunk'
import { startUpload } from '@/lib/upload/start-upload'
import { validateTables } from '@/lib/validate/validate-run'
import { runMigration } from './run-migration'

const work = useWorkDir('database-errors-')
const uploadRoot = path.join(work, 'uploads')
const dumpFile = path.join(work, 'dump.sql')
const db = useTestDatabase()
const importTime = new Date('2026-12-03T12:00:00Z')
let dump: Buffer

beforeAll(async () => {
  await writeSyntheticDump({ targetBytes: 400_000, seed: 16, out: dumpFile })
  dump = readFileSync(dumpFile)
}, 60_000)

/** PostgreSQL's message for the CHECK the event trigger adds. */
const REFUSAL = /violates check constraint "refused_by_test"/

/**
 * From now on every table created whose name matches `tableLike` (LIKE, on the name as
 * PostgreSQL's object identity writes it: quoted when it has capitals) in a staging schema gets
 * CHECK (_row < 4): PostgreSQL refuses the fourth row written into it, in the middle of a COPY.
 */
async function refuseNewTables(tableLike: string): Promise<void> {
  await db.pool.query(`
    CREATE OR REPLACE FUNCTION refuse_new_tables() RETURNS event_trigger LANGUAGE plpgsql AS $$
    DECLARE r record;
    BEGIN
      FOR r IN SELECT * FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'CREATE TABLE' AND object_type = 'table' LOOP
        IF r.schema_name LIKE 'staging\\_%' AND r.object_identity LIKE ${literal('%.' + tableLike)} THEN
          EXECUTE format('ALTER TABLE %s ADD CONSTRAINT refused_by_test CHECK (_row < 4)', r.object_identity);
        END IF;
      END LOOP;
    END $$`)
  await db.pool.query(`CREATE EVENT TRIGGER refuse_new_tables ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION refuse_new_tables()`)
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`

afterEach(async () => {
  await db.pool.query('DROP EVENT TRIGGER IF EXISTS refuse_new_tables')
  await db.pool.query('ALTER TABLE IF EXISTS users DROP CONSTRAINT IF EXISTS refused_by_test')
  await db.pool.query('ALTER TABLE migration_reconciliations DROP CONSTRAINT IF EXISTS refused_by_test')
})

/** A run staged (and validated) through the command line's pipeline, nothing imported. */
async function stagedRun(): Promise<string> {
  const result = await runMigration({ db, dumpPath: dumpFile, dryRun: true, importTime, actor: 'test' })
  expect(result.failures).toEqual([])
  return result.runId
}

async function* once(bytes: Uint8Array) {
  yield bytes
}

/** The app's way in: upload, whose last chunk starts the staging job (staging, then validation). */
async function uploadedAndStaged(): Promise<string> {
  const { runId } = await startUpload({ db, fileName: 'dump.sql', sizeBytes: dump.length, uploadedBy: 'tester', root: uploadRoot })
  await appendUploadChunk({ db, runId, offset: 0, body: once(dump), actor: 'tester', root: uploadRoot })
  await startStagingJob({ db, runId, actor: 'tester', uploadRoot })
  await jobFinished(runId)
  return runId
}

async function jobFinished(runId: string): Promise<void> {
  for (const until = Date.now() + 60_000; isJobRunning(runId); await sleep(25)) {
    if (Date.now() > until) throw new Error(`the job of run ${runId} did not finish within 60 s`)
  }
}

async function tableState(runId: string, legacyTable: string) {
  return db.prisma.migrationRunTable.findUniqueOrThrow({ where: { runId_legacyTable: { runId, legacyTable } } })
}

async function schemaExists(schema: string): Promise<boolean> {
  const { rows } = await db.pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])
  return rows.length > 0
}

describe('staging refused by PostgreSQL', () => {
  it('command line: stageRun rejects with the message; the run is failed with it and no staging schema stays', async () => {
    await refuseNewTables('"Orders"')
    const { id: runId } = await createRun({ db, fileName: 'dump.sql' })
    const error = await stageRun({ db, runId, source: once(dump) }).then(() => null, (caught: Error) => caught)
    expect(error?.message).toMatch(REFUSAL)
    const run = await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: runId } })
    expect(run).toMatchObject({ status: 'failed', errorCode: 'STAGING_FAILED', stagingSchema: null })
    expect(run.errorMessage).toMatch(REFUSAL)
    expect(await schemaExists(stagingSchemaFor(runId))).toBe(false)
  })

  it('app: the staging job ends, the run failed with the message', async () => {
    await refuseNewTables('"Orders"')
    const runId = await uploadedAndStaged()
    const run = await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: runId } })
    expect(run).toMatchObject({ status: 'failed', errorCode: 'STAGING_FAILED', stagingSchema: null })
    expect(run.errorMessage).toMatch(REFUSAL)
  })
})

describe('validation refused by PostgreSQL (its mapped table refuses the fourth row)', () => {
  it('command line: runMigration rejects with the message of the first table refused', async () => {
    await refuseNewTables('mapped\\_\\_users')
    const error = await runMigration({ db, dumpPath: dumpFile, dryRun: true, importTime, validateConcurrency: 1 }).then(
      () => null,
      (caught: Error) => caught,
    )
    expect(error?.message).toMatch(REFUSAL)
  })

  it('in this thread and on a worker thread: each table ends with the message, none waits forever', async () => {
    const runId = await stagedRun()
    await refuseNewTables('mapped\\_\\_%')
    // the two largest tables: one is validated in this thread, the other on the worker thread
    const outcomes = await validateTables({ db, runId, tables: ['OrdersInfo', 'DBlog', 'UserTypes'], threads: 2, importTime })
    for (const table of ['OrdersInfo', 'DBlog', 'UserTypes']) {
      const outcome = outcomes.get(table)!
      expect('error' in outcome ? outcome.error.message : 'validated', table).toMatch(REFUSAL)
    }
  })

  it('app: the validation after staging ends; the refused table is failed with the message, the others are validated', async () => {
    await refuseNewTables('mapped\\_\\_users')
    const runId = await uploadedAndStaged()
    const users = await tableState(runId, 'Credentials')
    expect(users).toMatchObject({ state: 'failed', errorCode: 'VALIDATION_FAILED' })
    expect(users.errorMessage).toMatch(REFUSAL)
    expect(users.errorMessage).toMatch(/^Validating Credentials failed: /)
    expect((await tableState(runId, 'Log')).state).toBe('validated') // activity_log
    // The refusal first met the validation in the staging pass, which gave up without failing the
    // staging: every table was validated after it instead.
    const givenUp = await db.prisma.migrationEvent.findFirstOrThrow({ where: { runId, type: 'validation.pass_given_up' } })
    expect((givenUp.data as { message: string }).message).toMatch(REFUSAL)
    expect((await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: runId } })).status).not.toBe('failed')
  })
})

describe('import refused by PostgreSQL (a CHECK on the target table)', () => {
  const refuseUsers = () => db.pool.query('ALTER TABLE users ADD CONSTRAINT refused_by_test CHECK (legacy_id < 3) NOT VALID')

  it('command line: the table fails with the message, the run reports it and ends', async () => {
    await refuseUsers()
    const result = await runMigration({ db, dumpPath: dumpFile, tables: ['Credentials'], importTime, actor: 'test' })
    expect(result.ok).toBe(false)
    const failure = result.failures.find((f) => f.table === 'Credentials')
    expect(failure?.message).toMatch(REFUSAL)
    expect(await tableState(result.runId, 'Credentials')).toMatchObject({ state: 'failed', errorCode: 'PG_23514' })
  })

  it('app: the import job ends, the table failed with the message', async () => {
    const runId = await stagedRun()
    await startImportJob({ db, runId, legacyTable: 'UserTypes', actor: 'tester' })
    await jobFinished(runId)
    await refuseUsers()
    await startImportJob({ db, runId, legacyTable: 'Credentials', actor: 'tester' })
    await jobFinished(runId)
    const table = await tableState(runId, 'Credentials')
    expect(table).toMatchObject({ state: 'failed', errorCode: 'PG_23514' })
    expect(table.errorMessage).toMatch(REFUSAL)
  })
})

describe('reconciliation refused by PostgreSQL (a CHECK refuses its report)', () => {
  const refuseReports = () =>
    db.pool.query("ALTER TABLE migration_reconciliations ADD CONSTRAINT refused_by_test CHECK (created_by = 'nobody') NOT VALID")

  it('command line: runMigration --all imports, then rejects with the message', async () => {
    await refuseReports()
    const error = await runMigration({ db, dumpPath: dumpFile, all: true, importTime, actor: 'test' }).then(
      () => null,
      (caught: Error) => caught,
    )
    expect(error?.message).toMatch(REFUSAL)
  }, 120_000)

  it('app: the reconciliation job ends, its failure recorded with the message', async () => {
    const runId = await stagedRun()
    await refuseReports()
    await startReconcileJob({ db, runId, actor: 'tester' })
    await jobFinished(runId)
    const failed = await db.prisma.migrationEvent.findFirstOrThrow({ where: { runId, type: 'job.failed' } })
    expect(failed.data).toMatchObject({ kind: 'reconcile', message: expect.stringMatching(REFUSAL) })
  })
})
