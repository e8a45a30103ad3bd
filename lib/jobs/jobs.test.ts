// Background work of the web server against a real PostgreSQL: an uploaded dump is staged and
// validated by a job; a file that is not a dump fails its run; an import refuses at once when a
// dependency is missing; and a job whose server died is found and marked failed.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeClients, createClients, type DatabaseClients } from '@/lib/db/prisma'
import { createTestDatabase, type TestDatabase } from '@/lib/db/test-database'
import { createRun } from '@/lib/runs/create-run'
import { writeSyntheticDump } from '@/lib/testing/write-synthetic-dump'
import { appendUploadChunk } from '@/lib/upload/append-upload-chunk'
import { startUpload } from '@/lib/upload/start-upload'
import { bootId, isJobRunning, runningJob } from './job-registry'
import { INTERRUPTED_IMPORT_MESSAGE, INTERRUPTED_STAGING_MESSAGE, recoverInterruptedJobs } from './recover-interrupted-jobs'
import { startImportJob } from './start-import-job'
import { startStagingJob } from './start-staging-job'

let database: TestDatabase
let db: DatabaseClients
const work = mkdtempSync(path.join(os.tmpdir(), 'jobs-test-'))
const uploadRoot = path.join(work, 'uploads')
let dump: Buffer

beforeAll(async () => {
  database = await createTestDatabase()
  db = createClients(database.url)
  const file = path.join(work, 'dump.sql')
  await writeSyntheticDump({ targetBytes: 600_000, seed: 3, out: file })
  dump = readFileSync(file)
}, 120_000)
afterAll(async () => {
  await closeClients(db)
  await database.drop()
  rmSync(work, { recursive: true, force: true })
})

async function* once(bytes: Uint8Array) {
  yield bytes
}

async function uploaded(bytes: Uint8Array, fileName = 'dump.sql') {
  const { runId } = await startUpload({ db, fileName, sizeBytes: bytes.length, uploadedBy: 'tester', root: uploadRoot })
  const result = await appendUploadChunk({ db, runId, offset: 0, body: once(bytes), root: uploadRoot })
  expect(result.complete).toBe(true)
  return runId
}

async function finished(runId: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs
  while (isJobRunning(runId)) {
    if (Date.now() > until) throw new Error('the job did not finish')
    await sleep(50)
  }
}

describe('the staging job', () => {
  it('stages an uploaded dump and validates every table, reporting progress meanwhile', async () => {
    const runId = await uploaded(dump)
    const job = await startStagingJob({ db, runId, actor: 'tester', uploadRoot })
    expect(job).toMatchObject({ kind: 'stage', runId })
    expect(runningJob(runId)).not.toBeNull()
    await expect(startStagingJob({ db, runId, uploadRoot })).rejects.toMatchObject({ code: 'CONFLICT' })
    await finished(runId)
    const run = await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: runId }, include: { tables: true } })
    expect(run.status).toBe('staged')
    expect(run.tables.filter((t) => t.targetTable !== null).map((t) => t.state)).toEqual(Array(21).fill('validated'))
    const events = await db.prisma.migrationEvent.findMany({ where: { runId }, orderBy: { id: 'asc' } })
    expect(events.map((e) => e.type)).toEqual(['job.started', 'job.finished'])
    expect(events[0].data).toMatchObject({ kind: 'stage', bootId: bootId() })
  })

  it('fails the run of a dump cut short, with the reader’s message, and can start it again', async () => {
    // (A file that is no dump at all never gets this far: the upload refuses its first chunk.)
    const runId = await uploaded(dump.subarray(0, Math.floor(dump.length / 2)), 'cut.sql')
    await startStagingJob({ db, runId, uploadRoot })
    await finished(runId)
    const run = await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: runId } })
    expect(run).toMatchObject({ status: 'failed', errorCode: 'TRUNCATED', stagingSchema: null })
    expect(run.errorMessage).toMatch(/^Dump truncated inside INSERT INTO `\w+` at byte \d+ \(line \d+\)/)
    await startStagingJob({ db, runId, uploadRoot })
    await finished(runId)
    expect((await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: runId } })).errorCode).toBe('TRUNCATED')
  })

  it('refuses a run whose upload is not complete', async () => {
    const { runId } = await startUpload({ db, fileName: 'x.sql', sizeBytes: 100, uploadedBy: null, root: uploadRoot })
    await expect(startStagingJob({ db, runId, uploadRoot })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('the import job', () => {
  it('refuses at once, naming what must be imported first', async () => {
    const runId = await uploaded(dump)
    await startStagingJob({ db, runId, uploadRoot })
    await finished(runId)
    const refused = await startImportJob({ db, runId, legacyTable: 'Orders' }).catch((error: Error & { code: string }) => error)
    expect(refused).toMatchObject({ code: 'DEPENDENCY_MISSING' })
    expect((refused as Error).message).toBe('Orders cannot be imported yet: import Customers (validated), Fitters (validated), Saddles (validated), LeatherTypes (validated), Factories (validated), Statuses (validated) first.')
    expect(isJobRunning(runId)).toBe(false)
    await startImportJob({ db, runId, legacyTable: 'UserTypes', actor: 'tester' })
    await finished(runId)
    const table = await db.prisma.migrationRunTable.findUniqueOrThrow({ where: { runId_legacyTable: { runId, legacyTable: 'UserTypes' } } })
    expect(table.state).toBe('imported')
    expect((await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe('importing')
  })
})

describe('recoverInterruptedJobs', () => {
  const long_ago = new Date(Date.now() - 60_000)

  async function staging(owner: string | null) {
    const { id } = await createRun({ db, fileName: 'x.sql' })
    await db.prisma.migrationRun.update({ where: { id }, data: { status: 'staging', stagingSchema: `staging_${id.replaceAll('-', '').slice(0, 16)}`, updatedAt: long_ago } })
    if (owner) await db.prisma.migrationEvent.create({ data: { runId: id, type: 'job.started', data: { kind: 'stage', bootId: owner } } })
    return id
  }

  it('fails a staging whose server process is gone, and leaves the others alone', async () => {
    const dead = await staging('another-process')
    const mine = await staging(bootId())
    const cli = await staging(null)
    const fresh = await staging('another-process')
    await db.prisma.migrationRun.update({ where: { id: fresh }, data: { updatedAt: new Date() } })

    const recovered = await recoverInterruptedJobs({ db })
    expect(recovered).toContain(dead)
    const status = async (id: string) => (await db.prisma.migrationRun.findUniqueOrThrow({ where: { id } })).status
    expect(await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: dead } })).toMatchObject({
      status: 'failed',
      errorCode: 'INTERRUPTED',
      errorMessage: INTERRUPTED_STAGING_MESSAGE,
      stagingSchema: null,
    })
    expect(await status(mine)).toBe('staging')
    expect(await status(cli)).toBe('staging')
    expect(await status(fresh)).toBe('staging')
    expect(await recoverInterruptedJobs({ db })).not.toContain(dead)
  })

  it('fails an import whose server process is gone; importing again resumes it', async () => {
    const { id } = await createRun({ db, fileName: 'y.sql' })
    await db.prisma.migrationRun.update({ where: { id }, data: { status: 'staged', updatedAt: long_ago } })
    await db.prisma.migrationRunTable.create({ data: { runId: id, legacyTable: 'Orders', targetTable: 'orders', state: 'importing', rowsImported: 5000 } })
    await db.prisma.migrationEvent.create({ data: { runId: id, legacyTable: 'Orders', type: 'job.started', data: { kind: 'import', bootId: 'another-process' } } })
    await db.prisma.migrationRun.update({ where: { id }, data: { updatedAt: long_ago } })
    expect(await recoverInterruptedJobs({ db })).toContain(`${id}/Orders`)
    expect(await db.prisma.migrationRunTable.findUniqueOrThrow({ where: { runId_legacyTable: { runId: id, legacyTable: 'Orders' } } })).toMatchObject({
      state: 'failed',
      errorCode: 'INTERRUPTED',
      errorMessage: INTERRUPTED_IMPORT_MESSAGE,
      rowsImported: 5000,
    })
  })
})
