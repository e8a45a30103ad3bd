// Hostile input end to end. A good dump (the real mariadb-dump of the legacy fixture) is imported
// whole; then each bad input goes through the pipelines the operator has — the command line's
// runMigration (`npm run migrate -- --all`) and the app's upload + staging job — and must be
// refused, or staged with a report that names what and where, while the target tables stay
// exactly as they were (row counts and an md5 over their ordered rows).
//
// The reader-level cases (each error and warning with its position) are tested in lib/dump; the
// upload's own refusals in lib/upload. What is new here is "nothing in the targets changes".

import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import { DUMP_HEAD_BYTES, DumpError } from '@/lib/dump'
import { isJobRunning } from '@/lib/jobs/job-registry'
import { startStagingJob } from '@/lib/jobs/start-staging-job'
import { getTablePreview } from '@/lib/preview/get-table-preview'
import { parsePreviewParams } from '@/lib/preview/table-preview.validation'
import { publicRunError } from '@/lib/runs/run-error-message'
import { stagedTable, stagingSchemaFor } from '@/lib/staging/staging-names'
import { writeGzipBomb } from '@/lib/testing/gzip-bomb'
import { DRIFT_EXTRA_COLUMN, DRIFT_EXTRA_TABLE, DRIFT_INVOICE_ROWS, loadLegacyFixture } from '@/lib/testing/legacy-fixture'
import { targetSnapshot, type TableSnapshot } from '@/lib/testing/target-snapshot'
import { useMariaDb } from '@/lib/testing/use-mariadb'
import { useTestDatabase, useWorkDir } from '@/lib/testing/use-test-database'
import { appendUploadChunk } from '@/lib/upload/append-upload-chunk'
import { startUpload } from '@/lib/upload/start-upload'
import { runMigration } from './run-migration'

const work = useWorkDir('hostile-input-')
const uploadRoot = path.join(work, 'uploads')
const files = {
  good: path.join(work, 'good.sql'),
  drifted: path.join(work, 'drifted.sql'),
  bomb: path.join(work, 'bomb.sql.gz'),
}
const mariadb = useMariaDb({
  setup: async (server) => {
    await loadLegacyFixture(server, { database: 'ordermys' })
    await server.dump('default', files.good, { database: 'ordermys' })
    await loadLegacyFixture(server, { database: 'ordermys_drifted', drifted: true })
    await server.dump('default', files.drifted, { database: 'ordermys_drifted' })
  },
})
const db = useTestDatabase()

/** The same "import time" for every run: soft-deleted rows take it, and it must not differ. */
const importTime = new Date('2026-11-25T12:00:00Z')
const BOMB_TEXT_BYTES = 1024 ** 3

let good: Buffer
let before: Record<string, TableSnapshot>

beforeAll(async () => {
  mariadb()
  good = readFileSync(files.good)
  const result = await runMigration({ db, dumpPath: files.good, all: true, importTime, actor: 'test' })
  expect(result.failures).toEqual([])
  before = await targetSnapshot(db.pool)
  expect(before.orders.rows).toBeGreaterThan(0)
  // A real dump followed by 1 GiB of blanks, ~1 MB as .gz.
  await writeGzipBomb(files.bomb, { head: good, fillBytes: BOMB_TEXT_BYTES })
}, 180_000)

async function* once(bytes: Uint8Array) {
  yield bytes
}

/** The app's way in: the browser starts the upload with the file's head, sends it in chunks, the last one starts staging. */
async function throughApp(bytes: Buffer, fileName: string) {
  const { runId } = await startUpload({ db, fileName, sizeBytes: bytes.length, uploadedBy: 'tester', head: bytes.subarray(0, DUMP_HEAD_BYTES), root: uploadRoot })
  const chunk = 256 * 1024
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    await appendUploadChunk({ db, runId, offset, body: once(bytes.subarray(offset, offset + chunk)), actor: 'tester', root: uploadRoot })
  }
  await startStagingJob({ db, runId, actor: 'tester', uploadRoot })
  for (const until = Date.now() + 120_000; isJobRunning(runId); await sleep(50)) {
    if (Date.now() > until) throw new Error('the staging job did not finish')
  }
  return db.prisma.migrationRun.findUniqueOrThrow({ where: { id: runId }, include: { tables: true } })
}

/** The command line's way in, refused: the DumpError it throws and the run it left. */
async function refusedByCli(dumpPath: string) {
  const runs = new Set((await db.prisma.migrationRun.findMany({ select: { id: true } })).map((r) => r.id))
  const error = await runMigration({ db, dumpPath, all: true, importTime, actor: 'test' }).then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(DumpError)
  const run = (await db.prisma.migrationRun.findMany({ orderBy: { createdAt: 'asc' } })).filter((r) => !runs.has(r.id))
  expect(run).toHaveLength(1)
  return { error: error as DumpError, run: run[0] }
}

async function schemaExists(runId: string): Promise<boolean> {
  const { rows } = await db.pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [stagingSchemaFor(runId)])
  return rows.length > 0
}

function lineOf(bytes: Buffer, offset: number): number {
  let line = 1
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++
  return line
}

describe('a dump that must not go in leaves the target tables as they were', () => {
  it('truncated inside an INSERT: TRUNCATED, naming the table, the statement’s byte and line, and where the input ends', async () => {
    const insert = good.indexOf('INSERT INTO `Orders`')
    const truncated = path.join(work, 'truncated.sql')
    const cut = good.subarray(0, insert + 300)
    writeFileSync(truncated, cut)

    const { error, run } = await refusedByCli(truncated)
    expect(error).toMatchObject({ code: 'TRUNCATED', table: 'Orders', offset: insert, line: lineOf(good, insert) })
    expect(error.message).toBe(`Dump truncated inside INSERT INTO \`Orders\` at byte ${insert} (line ${lineOf(good, insert)}): the input ends at byte ${cut.length}`)
    expect(run).toMatchObject({ status: 'failed', errorCode: 'TRUNCATED', errorMessage: error.message, stagingSchema: null })
    expect(await schemaExists(run.id)).toBe(false)

    const app = await throughApp(cut, 'truncated.sql')
    expect(app).toMatchObject({ status: 'failed', errorCode: 'TRUNCATED', errorMessage: error.message, stagingSchema: null })
    expect(publicRunError(app.errorCode, app.errorMessage)?.title).toBe('The dump is truncated: it ends in the middle of a statement.')
    expect(await targetSnapshot(db.pool)).toEqual(before)
  })

  it('not a dump: NOT_A_DUMP from the CLI; the app refuses it before a run exists', async () => {
    const csv = path.join(work, 'orders-export.sql')
    const text = Buffer.from('OrderID;Customer;Total\n1;Anna Müller;2615.50\n2;James Smith;1890.00\n')
    writeFileSync(csv, text)

    const { error, run } = await refusedByCli(csv)
    expect(error).toMatchObject({ code: 'NOT_A_DUMP', offset: 0, table: null })
    expect(error.message).toBe('Not a MySQL/MariaDB dump: it begins with "ORDERID", not with a statement a dump starts with (it starts with "OrderID;Customer;Total\\n1")')
    expect(run).toMatchObject({ status: 'failed', errorCode: 'NOT_A_DUMP', stagingSchema: null })

    const runs = await db.prisma.migrationRun.count()
    await expect(throughApp(text, 'orders-export.sql')).rejects.toMatchObject({ code: 'DUMP_REFUSED', message: expect.stringMatching(/^Not a MySQL\/MariaDB dump: it begins with "ORDERID"/) })
    expect(await db.prisma.migrationRun.count()).toBe(runs)
    expect(await targetSnapshot(db.pool)).toEqual(before)
  })

  it('a gzip bomb (the good dump, then 1 GiB of blanks): DECOMPRESSED_TOO_LARGE just past 64 MiB, with the byte offset', async () => {
    const bomb = readFileSync(files.bomb)
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024)
    const started = performance.now()
    const { error, run } = await refusedByCli(files.bomb)
    expect(error).toMatchObject({ code: 'DECOMPRESSED_TOO_LARGE', table: null })
    expect(error.offset).toBeGreaterThan(60 * 1024 ** 2)
    expect(error.offset).toBeLessThanOrEqual(64 * 1024 ** 2)
    expect(error.message).toMatch(new RegExp(`^The gzip dump expands \\d+× .*more than the 200× a dump can .*stopped at byte ${error.offset} of the text\\. It looks like a gzip bomb, not a dump\\.$`))
    expect(run).toMatchObject({ status: 'failed', errorCode: 'DECOMPRESSED_TOO_LARGE', stagingSchema: null })
    expect(await schemaExists(run.id)).toBe(false)
    expect(performance.now() - started).toBeLessThan(30_000)

    const app = await throughApp(bomb, 'ordermys.sql.gz')
    expect(app).toMatchObject({ status: 'failed', errorCode: 'DECOMPRESSED_TOO_LARGE', errorMessage: error.message, stagingSchema: null })
    expect(publicRunError(app.errorCode, app.errorMessage)?.detail).toBe(error.message)
    expect(await targetSnapshot(db.pool)).toEqual(before)
  }, 60_000)
})

describe('a dump that goes in with a report changes nothing before the import is confirmed', () => {
  it('invalid UTF-8 in a value: staged with U+FFFD and a warning naming table, row, column and byte offset', async () => {
    const insert = good.indexOf('INSERT INTO `Customers` VALUES')
    const at = good.indexOf("'", insert) + 1 // inside the first string of the first row
    const damaged = Buffer.concat([good.subarray(0, at), Buffer.from([0xc3, 0x28, 0xff]), good.subarray(at)])
    const file = path.join(work, 'invalid-utf8.sql')
    writeFileSync(file, damaged)

    const cli = await runMigration({ db, dumpPath: file, dryRun: true, importTime })
    expect(cli.ok).toBe(true)
    expect(cli.readerWarnings).toEqual([
      expect.objectContaining({ code: 'INVALID_UTF8', table: 'Customers', row: 1, column: expect.any(String), offset: at, line: lineOf(damaged, at) }),
    ])
    const warning = cli.readerWarnings[0]
    expect(warning.message).toBe(`Invalid UTF-8 in \`Customers\`.\`${warning.column}\` row 1 at byte ${at}: decoded with U+FFFD`)
    const staged = await db.pool.query(`SELECT ${'"' + warning.column + '"'} AS v FROM ${stagedTable(cli.stagingSchema, 'Customers')} WHERE _row = 1`)
    expect(staged.rows[0].v).toMatch(/^\uFFFD\(\uFFFD/)
    // …and on the row itself, where the preview shows it: an INVALID_UTF8 warning, counted by the
    // validation that ran after staging (and kept by it)
    const rowIssue = async (runId: string) =>
      (
        await db.pool.query(
          `SELECT i.legacy_id, i.row_number::int AS row, i.column_name, i.severity, i.message FROM migration_row_issues i WHERE run_id = $1 AND code = 'INVALID_UTF8'`,
          [runId],
        )
      ).rows
    const firstId = (await db.pool.query(`SELECT _legacy_id::int AS id FROM ${stagedTable(cli.stagingSchema, 'Customers')} WHERE _row = 1`)).rows[0].id
    const expectedIssue = [{ legacy_id: firstId, row: 1, column_name: warning.column, severity: 'warning', message: warning.message }]
    expect(await rowIssue(cli.runId)).toEqual(expectedIssue)
    expect(cli.tables.find((t) => t.table === 'Customers')?.byRule).toMatchObject({ INVALID_UTF8: 1 })

    const app = await throughApp(damaged, 'invalid-utf8.sql')
    expect(app.status).toBe('staged')
    expect((app.driftReport as { readerWarnings: unknown[] }).readerWarnings).toEqual([expect.objectContaining({ code: 'INVALID_UTF8', table: 'Customers', row: 1, offset: at })])
    expect(await rowIssue(app.id)).toEqual(expectedIssue)
    expect(app.tables.find((t) => t.legacyTable === 'Customers')?.countsByRule).toMatchObject({ INVALID_UTF8: 1 })
    expect(await targetSnapshot(db.pool)).toEqual(before)
  })

  it('a 1 MiB value in a varchar(255) column: staged whole, the preview sends 300 characters and its size', async () => {
    const insert = good.indexOf('INSERT INTO `Customers` VALUES')
    const at = good.indexOf("'", insert) + 1
    const end = good.indexOf("'", at)
    const huge = Buffer.concat([good.subarray(0, at), Buffer.alloc(1024 ** 2, 'x'), good.subarray(end)])
    const file = path.join(work, 'huge-value.sql')
    writeFileSync(file, huge)

    const cli = await runMigration({ db, dumpPath: file, dryRun: true, importTime })
    expect(cli.ok).toBe(true)
    const customers = cli.tables.find((t) => t.table === 'Customers')!
    const { rows } = await db.pool.query<{ column: string; bytes: number }>(
      `SELECT key AS column, octet_length(value) AS bytes FROM ${stagedTable(cli.stagingSchema, 'Customers')} s, jsonb_each_text(to_jsonb(s) - '_exact') WHERE s._row = 1 AND octet_length(value) = $1`,
      [1024 ** 2],
    )
    expect(rows).toHaveLength(1)
    expect(customers.columns).toContain(rows[0].column)
    const legacyId = Number((await db.pool.query(`SELECT _legacy_id FROM ${stagedTable(cli.stagingSchema, 'Customers')} WHERE _row = 1`)).rows[0]._legacy_id)
    const page = await getTablePreview({ db, runId: cli.runId, legacyTable: 'Customers', query: parsePreviewParams({ jump: String(legacyId) }) })
    const row = page.rows.find((r) => r.rowNumber === 1)!
    expect(row.legacy[rows[0].column]).toEqual({ text: 'x'.repeat(300), bytes: 1024 ** 2, truncated: true })
    expect(JSON.stringify(page).length).toBeLessThan(200_000)

    const app = await throughApp(huge, 'huge-value.sql')
    expect(app.status).toBe('staged')
    expect(app.tables.find((t) => t.legacyTable === 'Customers')).toMatchObject({ state: 'validated' })
    expect(await targetSnapshot(db.pool)).toEqual(before)
  })

  it('schema drift (an extra table and an extra column): named in the report; even imported with --all, no target row changes', async () => {
    const app = await throughApp(readFileSync(files.drifted), 'drifted.sql')
    expect(app.status).toBe('staged')
    expect(app.driftReport).toMatchObject({
      extraTables: [DRIFT_EXTRA_TABLE],
      extraColumns: [{ table: DRIFT_EXTRA_COLUMN.table, column: DRIFT_EXTRA_COLUMN.column }],
      missingTables: [],
      missingColumns: [],
    })
    expect(await targetSnapshot(db.pool)).toEqual(before)

    const cli = await runMigration({ db, dumpPath: files.drifted, all: true, importTime, actor: 'test' })
    expect(cli.failures).toEqual([])
    expect(cli.drift).toMatchObject({ extraTables: [DRIFT_EXTRA_TABLE], extraColumns: [{ table: DRIFT_EXTRA_COLUMN.table, column: DRIFT_EXTRA_COLUMN.column }] })
    expect(cli.tables.find((t) => t.table === DRIFT_EXTRA_TABLE)).toMatchObject({ target: null, rows: DRIFT_INVOICE_ROWS.length, imported: null, state: 'staged' })
    expect(cli.reconciliation?.passed).toBe(true)
    // The extra column and table are staged only: the targets hold exactly what the good dump wrote.
    expect(await targetSnapshot(db.pool)).toEqual(before)
  })
})
