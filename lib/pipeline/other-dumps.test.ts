// The dumps other than a plain mariadb-dump of one database, through both ways in: the command
// line's runMigration and the app's upload with its staging job. The real mariadb-dump output of
// the legacy fixture, compressed by Debian's bzip2, xz, zstd and zip, stages exactly as the plain
// file; a zip of two files is refused naming them; a dump of two databases that both hold the
// legacy tables waits for the choice (--database, or the operator in the app).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { beforeAll, describe, expect, it } from 'vitest'
import { DUMP_HEAD_BYTES } from '@/lib/dump'
import { chooseRunDatabase } from '@/lib/jobs/choose-run-database'
import { isJobRunning } from '@/lib/jobs/job-registry'
import { startStagingJob } from '@/lib/jobs/start-staging-job'
import { compressFile, type CompressTool } from '@/lib/testing/compress-file'
import { DRIFT_EXTRA_TABLE, loadLegacyFixture } from '@/lib/testing/legacy-fixture'
import { useMariaDb } from '@/lib/testing/use-mariadb'
import { useTestDatabase, useWorkDir } from '@/lib/testing/use-test-database'
import { appendUploadChunk } from '@/lib/upload/append-upload-chunk'
import { startUpload } from '@/lib/upload/start-upload'
import { runMigration } from './run-migration'

const work = useWorkDir('other-dumps-')
const uploadRoot = path.join(work, 'uploads')
const plainFile = path.join(work, 'ordermys.sql')
const twoDatabasesFile = path.join(work, 'two-databases.sql')
const files = {} as Record<Exclude<CompressTool, 'gzip'> | 'zipOfTwo', string>

const mariadb = useMariaDb({
  setup: async (server) => {
    await loadLegacyFixture(server, { database: 'ordermys' })
    await loadLegacyFixture(server, { database: 'ordermys_drifted', drifted: true })
    await server.dump('default', plainFile, { database: 'ordermys' })
    await server.dump('default', twoDatabasesFile, { database: 'ordermys', extraArgs: ['--databases', 'ordermys_drifted'] })
  },
})
const db = useTestDatabase()
const importTime = new Date('2026-12-03T12:00:00Z')
let plainRows: Record<string, number>

beforeAll(async () => {
  mariadb()
  for (const tool of ['bzip2', 'xz', 'zstd', 'zip'] as const) files[tool] = compressFile(tool, plainFile, work)
  const two = path.join(work, 'two')
  mkdirSync(two)
  const notes = path.join(two, 'README.txt')
  writeFileSync(notes, 'how this dump was made\n')
  files.zipOfTwo = compressFile('zip', plainFile, two, { alsoZip: [notes] })
  const plain = await runMigration({ db, dumpPath: plainFile, dryRun: true, importTime })
  expect(plain.failures).toEqual([])
  plainRows = rowsOf(plain.tables)
}, 240_000)

const rowsOf = (tables: { table: string; rows: number }[]) => Object.fromEntries(tables.map((t) => [t.table, t.rows]))

async function* once(bytes: Uint8Array) {
  yield bytes
}

/** The app: upload (head first, then 64 KiB chunks), the last chunk starts staging (then validation). */
async function throughApp(file: string) {
  const bytes = readFileSync(file)
  const { runId } = await startUpload({ db, fileName: path.basename(file), sizeBytes: bytes.length, uploadedBy: 'tester', head: bytes.subarray(0, DUMP_HEAD_BYTES), root: uploadRoot })
  for (let offset = 0; offset < bytes.length; offset += 64 * 1024) {
    await appendUploadChunk({ db, runId, offset, body: once(bytes.subarray(offset, offset + 64 * 1024)), actor: 'tester', root: uploadRoot })
  }
  await startStagingJob({ db, runId, actor: 'tester', uploadRoot })
  await finished(runId)
  return runId
}

async function finished(runId: string) {
  for (const until = Date.now() + 120_000; isJobRunning(runId); await sleep(50)) {
    if (Date.now() > until) throw new Error('the job did not finish')
  }
}

async function runTables(runId: string) {
  return db.prisma.migrationRunTable.findMany({ where: { runId }, orderBy: { legacyTable: 'asc' } })
}

describe.each(['bzip2', 'xz', 'zstd', 'zip'] as const)('a %s dump', (tool) => {
  it('command line: stages and validates exactly as the plain dump', async () => {
    const result = await runMigration({ db, dumpPath: files[tool], dryRun: true, importTime })
    expect(result.failures).toEqual([])
    expect(rowsOf(result.tables)).toEqual(plainRows)
    expect(result.tables.every((t) => t.state === 'validated')).toBe(true)
  })

  it('app: uploaded, staged and validated exactly as the plain dump', async () => {
    const runId = await throughApp(files[tool])
    const run = await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: runId } })
    expect(run.status, run.errorMessage ?? '').toBe('staged')
    const tables = await runTables(runId)
    expect(Object.fromEntries(tables.filter((t) => t.state !== 'missing').map((t) => [t.legacyTable, t.rowsStaged]))).toEqual(plainRows)
    expect(tables.filter((t) => t.targetTable !== null).map((t) => t.state)).toEqual(Array(21).fill('validated'))
  })
})

describe('a zip of two files', () => {
  const NAMES = /The zip holds 2 files \("ordermys\.sql", "README\.txt"\): zip only the one \.sql file the dump tool wrote/

  it('command line: refused naming both; the run failed with the reason', async () => {
    const error = await runMigration({ db, dumpPath: files.zipOfTwo, dryRun: true }).then(() => null, (caught: Error) => caught)
    expect(error).toMatchObject({ code: 'ZIP_CONTENTS' })
    expect(error!.message).toMatch(NAMES)
    const run = await db.prisma.migrationRun.findFirstOrThrow({ where: { fileName: 'ordermys.sql.zip', status: 'failed' }, orderBy: { createdAt: 'desc' } })
    expect(run).toMatchObject({ errorCode: 'ZIP_CONTENTS', stagingSchema: null })
  })

  it('app: the run fails with the reason, naming both (a zip larger than the head is refused when staged)', async () => {
    const runId = await throughApp(files.zipOfTwo)
    const run = await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: runId } })
    expect(run).toMatchObject({ status: 'failed', errorCode: 'ZIP_CONTENTS', stagingSchema: null })
    expect(run.errorMessage).toMatch(NAMES)
  })
})

describe('a dump of two databases that both hold the legacy tables', () => {
  it('command line: without --database it stops after staging, naming both; with it, that database is migrated', async () => {
    const unchosen = await runMigration({ db, dumpPath: twoDatabasesFile, dryRun: true, importTime })
    expect(unchosen.ok).toBe(false)
    expect(unchosen.failures).toEqual([{ table: null, code: 'DATABASE_CHOICE_NEEDED', message: expect.stringMatching(/^The dump holds 2 databases with tables \(`ordermys_drifted` \(22 tables, \d+ rows\), `ordermys` \(21 tables, \d+ rows\)\) and 2 of them hold tables of the legacy order system: choose the one to migrate\. Name it with --database NAME\.$/) }])
    expect(unchosen.tables).toEqual([])
    expect((await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: unchosen.runId } })).status).toBe('choosing')

    const chosen = await runMigration({ db, dumpPath: twoDatabasesFile, dryRun: true, importTime, database: 'ordermys_drifted' })
    expect(chosen.failures).toEqual([])
    expect(chosen.databaseChoice).toMatchObject({ chosen: true, name: 'ordermys_drifted', how: 'operator' })
    expect(chosen.drift?.extraTables).toEqual([DRIFT_EXTRA_TABLE])
    expect(chosen.databases.map((d) => [d.name, d.schema])).toEqual([
      ['ordermys_drifted', chosen.stagingSchema],
      ['ordermys', `${chosen.stagingSchema}_d2`],
    ])
    // and the other way round: the second database of the file moves into the run's schema
    const second = await runMigration({ db, dumpPath: twoDatabasesFile, dryRun: true, importTime, database: 'ordermys' })
    expect(rowsOf(second.tables)).toEqual(plainRows)
    expect(second.databases.map((d) => [d.name, d.schema])).toEqual([
      ['ordermys_drifted', `${second.stagingSchema}_d2`],
      ['ordermys', second.stagingSchema],
    ])

    const unknown = await runMigration({ db, dumpPath: twoDatabasesFile, dryRun: true, database: 'nope' })
    expect(unknown.failures[0].message).toMatch(/^Cannot migrate database "nope": the dump holds no database `nope`\. Its databases with tables: `ordermys_drifted` \(22 tables/)
  })

  it('app: the run waits for the operator; the choice stages that database’s tables and validates them', async () => {
    const runId = await throughApp(twoDatabasesFile)
    const run = await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: runId } })
    expect(run.status).toBe('choosing')
    expect(await runTables(runId)).toEqual([])
    await expect(chooseRunDatabase({ db, runId, database: 'mysql' })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await chooseRunDatabase({ db, runId, database: 'ordermys', actor: 'tester' })
    await finished(runId)
    const tables = await runTables(runId)
    expect(Object.fromEntries(tables.filter((t) => t.state !== 'missing').map((t) => [t.legacyTable, t.rowsStaged]))).toEqual(plainRows)
    expect(tables.filter((t) => t.targetTable !== null).map((t) => t.state)).toEqual(Array(21).fill('validated'))
    await expect(chooseRunDatabase({ db, runId, database: 'ordermys_drifted' })).rejects.toMatchObject({ code: 'CONFLICT' })
  })
})
