// The resumable upload against a real PostgreSQL and a temporary folder: chunks at the right offset
// are appended, a wrong offset is refused with the number of bytes held, a connection that breaks
// mid-chunk keeps what arrived (the browser resumes from there), too many bytes are refused whole,
// and the last chunk stores the dump under the run id — never under the uploaded name.

import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeClients, createClients, type DatabaseClients } from '@/lib/db/prisma'
import { createTestDatabase, type TestDatabase } from '@/lib/db/test-database'
import { AppError } from '@/lib/errors'
import { appendUploadChunk } from './append-upload-chunk'
import { getUploadState } from './get-upload-state'
import { startUpload } from './start-upload'
import { startUploadInput } from './start-upload.validation'
import { storedDumpPath } from './stored-dump'
import { uploadPaths } from './upload-paths'

let database: TestDatabase
let db: DatabaseClients
const root = mkdtempSync(path.join(os.tmpdir(), 'upload-test-'))

beforeAll(async () => {
  database = await createTestDatabase()
  db = createClients(database.url)
})
afterAll(async () => {
  await closeClients(db)
  await database.drop()
  rmSync(root, { recursive: true, force: true })
})

const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7) % 256))

async function* chunks(data: Uint8Array, size = 333): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size)
}

async function* breaksAfter(data: Uint8Array, after: number): AsyncGenerator<Uint8Array> {
  yield data.subarray(0, after)
  throw new Error('connection reset')
}

async function newUpload(fileName = 'ordermys.sql', sizeBytes = bytes.length) {
  return startUpload({ db, fileName, sizeBytes, uploadedBy: 'tester', root })
}

function codeOf(error: unknown) {
  return error instanceof AppError ? { code: error.code, details: error.details } : error
}

describe('a resumable upload', () => {
  it('appends chunks at their offsets and stores the whole file under the run id', async () => {
    const { runId } = await newUpload('../../etc/passwd.sql')
    expect(await getUploadState({ db, runId, root })).toMatchObject({ receivedBytes: 0, complete: false, status: 'uploading', fileName: 'passwd.sql' })

    const first = await appendUploadChunk({ db, runId, offset: 0, body: chunks(bytes.subarray(0, 2000)), root })
    expect(first).toEqual({ receivedBytes: 2000, sizeBytes: 5000, complete: false })
    expect(await getUploadState({ db, runId, root })).toMatchObject({ receivedBytes: 2000, complete: false })

    const last = await appendUploadChunk({ db, runId, offset: 2000, body: chunks(bytes.subarray(2000)), root })
    expect(last).toEqual({ receivedBytes: 5000, sizeBytes: 5000, complete: true })
    expect(readFileSync(await storedDumpPath(runId, root))).toEqual(bytes)
    expect(readdirSync(path.join(root, runId))).toEqual(['dump'])
    expect(await getUploadState({ db, runId, root })).toMatchObject({ receivedBytes: 5000, complete: true })
    const run = await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: runId } })
    expect(run.progressBytes).toBe(5000n)
  })

  it.each([
    { name: 'ahead of the stored bytes', offset: 100 },
    { name: 'behind the stored bytes (a repeated chunk)', offset: 0 },
  ])('refuses a chunk $name, saying how many bytes the server holds', async ({ offset }) => {
    const { runId } = await newUpload()
    await appendUploadChunk({ db, runId, offset: 0, body: chunks(bytes.subarray(0, 50)), root })
    const error = await appendUploadChunk({ db, runId, offset, body: chunks(bytes.subarray(offset, offset + 10)), root }).catch(codeOf)
    expect(error).toEqual({ code: 'CONFLICT', details: { receivedBytes: 50 } })
    expect((await getUploadState({ db, runId, root })).receivedBytes).toBe(50)
  })

  it('keeps the bytes that arrived before the connection broke, and resumes after them', async () => {
    const { runId } = await newUpload()
    await expect(appendUploadChunk({ db, runId, offset: 0, body: breaksAfter(bytes, 1234), root })).rejects.toThrow('connection reset')
    const state = await getUploadState({ db, runId, root })
    expect(state.receivedBytes).toBe(1234)
    const rest = await appendUploadChunk({ db, runId, offset: 1234, body: chunks(bytes.subarray(1234)), root })
    expect(rest.complete).toBe(true)
    expect(readFileSync(await storedDumpPath(runId, root))).toEqual(bytes)
  })

  it('refuses a chunk that goes past the announced size, keeping what was there', async () => {
    const { runId } = await newUpload('small.sql', 100)
    await appendUploadChunk({ db, runId, offset: 0, body: chunks(bytes.subarray(0, 60)), root })
    const error = await appendUploadChunk({ db, runId, offset: 60, body: chunks(bytes.subarray(60, 160), 10), root }).catch(codeOf)
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { receivedBytes: 60 } })
    expect(readFileSync(uploadPaths(runId, root).part)).toEqual(bytes.subarray(0, 60))
  })

  it('refuses more bytes once the upload is complete', async () => {
    const { runId } = await newUpload('tiny.sql', 10)
    await appendUploadChunk({ db, runId, offset: 0, body: chunks(bytes.subarray(0, 10)), root })
    const error = await appendUploadChunk({ db, runId, offset: 10, body: chunks(bytes.subarray(0, 1)), root }).catch(codeOf)
    expect(error).toMatchObject({ code: 'CONFLICT', details: { complete: true } })
  })

  it('refuses a second writer while one is still writing', async () => {
    const { runId } = await newUpload()
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    async function* slow() {
      yield bytes.subarray(0, 10)
      await gate
      yield bytes.subarray(10, 20)
    }
    const first = appendUploadChunk({ db, runId, offset: 0, body: slow(), root })
    await new Promise((resolve) => setTimeout(resolve, 50))
    const second = await appendUploadChunk({ db, runId, offset: 0, body: chunks(bytes.subarray(0, 10)), root }).catch(codeOf)
    expect(second).toMatchObject({ code: 'CONFLICT', details: { busy: true } })
    release()
    expect(await first).toMatchObject({ receivedBytes: 20 })
  })

  it('knows no run that does not exist, and no path that is not a run id', async () => {
    await expect(getUploadState({ db, runId: '00000000-0000-4000-8000-000000000000', root })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(() => uploadPaths('../x', root)).toThrow(AppError)
    await expect(storedDumpPath('00000000-0000-4000-8000-000000000000', root)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('startUploadInput', () => {
  it.each([
    { input: { fileName: 'ordermys.sql.gz', sizeBytes: 355 * 1024 ** 2 }, ok: true },
    { input: { fileName: '', sizeBytes: 10 }, ok: false },
    { input: { fileName: 'x.sql', sizeBytes: 0 }, ok: false },
    { input: { fileName: 'x.sql', sizeBytes: 1.5 }, ok: false },
    { input: { fileName: 'x.sql', sizeBytes: 21 * 1024 ** 3 }, ok: false },
  ])('$input → $ok', ({ input, ok }) => {
    expect(startUploadInput.safeParse(input).success).toBe(ok)
  })
})
