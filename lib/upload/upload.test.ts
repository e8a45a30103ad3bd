// The resumable upload against a real PostgreSQL and a temporary folder: chunks at the right offset
// are appended, a wrong offset is refused with the number of bytes held, a connection that breaks
// mid-chunk keeps what arrived (the browser resumes from there), too many bytes are refused whole,
// and the last chunk stores the dump under the run id — never under the uploaded name. Hostile
// uploads: over the size limit (announced or actual), not a dump (refused at the first chunk, or
// before a run exists when the browser sends the head), names that try to be paths.

import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
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

// The first 5000 bytes of a real mariadb-dump file: what an upload carries (any other file is
// refused at its first chunk; the staging reader, not the upload, finds that it is cut short).
const bytes = readFileSync(path.join(import.meta.dirname, '../dump/fixtures/mariadb-default.sql')).subarray(0, 5000)

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
    const tiny = Buffer.from('SET @a=1;\n')
    const { runId } = await newUpload('tiny.sql', tiny.length)
    await appendUploadChunk({ db, runId, offset: 0, body: chunks(tiny), root })
    const error = await appendUploadChunk({ db, runId, offset: tiny.length, body: chunks(tiny.subarray(0, 1)), root }).catch(codeOf)
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
    { input: { fileName: 'x.sql', sizeBytes: 2 * 1024 ** 3 }, ok: true },
    { input: { fileName: 'x.sql', sizeBytes: 2 * 1024 ** 3 + 1 }, ok: false },
    { input: { fileName: 'x.sql', sizeBytes: 10, head: 'LS0gTXlTUUwgZHVtcA==' }, ok: true },
    { input: { fileName: 'x.sql', sizeBytes: 10, head: 'not base64!' }, ok: false },
    { input: { fileName: 'x.sql', sizeBytes: 10, head: 'A'.repeat(87_384) }, ok: true },
    { input: { fileName: 'x.sql', sizeBytes: 10, head: 'A'.repeat(87_388) }, ok: false },
  ])('$input.fileName $input.sizeBytes → $ok', ({ input, ok }) => {
    expect(startUploadInput.safeParse(input).success).toBe(ok)
  })

  it('names the limit, read from ORDERMYS_MAX_UPLOAD_BYTES when the request comes', () => {
    const result = startUploadInput.safeParse({ fileName: 'x.sql', sizeBytes: 3 * 1024 ** 3 })
    expect(result.error?.issues[0].message).toBe('The file is larger than 2 GiB, the largest dump this server accepts (ORDERMYS_MAX_UPLOAD_BYTES)')
    withUploadLimit('1048576', () => {
      expect(startUploadInput.safeParse({ fileName: 'x.sql', sizeBytes: 1024 ** 2 + 1 }).error?.issues[0].message).toMatch(/^The file is larger than 1 MiB/)
    })
  })
})

function withUploadLimit<T>(value: string, work: () => T): T {
  const before = process.env.ORDERMYS_MAX_UPLOAD_BYTES
  process.env.ORDERMYS_MAX_UPLOAD_BYTES = value
  const restore = () => {
    if (before === undefined) delete process.env.ORDERMYS_MAX_UPLOAD_BYTES
    else process.env.ORDERMYS_MAX_UPLOAD_BYTES = before
  }
  let result: T
  try {
    result = work()
  } catch (error) {
    restore()
    throw error
  }
  if (result instanceof Promise) return result.finally(restore) as T
  restore()
  return result
}

describe('the upload size limit', () => {
  it('refuses a run whose announced size is over the limit, before anything exists', async () => {
    const runs = await db.prisma.migrationRun.count()
    const error = await withUploadLimit('4096', () => newUpload('big.sql', 4097).catch(codeOf))
    expect(error).toEqual({ code: 'PAYLOAD_TOO_LARGE', details: { limitBytes: 4096 } })
    expect(await db.prisma.migrationRun.count()).toBe(runs)
  })

  it('refuses the bytes that go over it while they arrive (a limit lowered after the upload started), keeping those before', async () => {
    const { runId } = await newUpload()
    await appendUploadChunk({ db, runId, offset: 0, body: chunks(bytes.subarray(0, 3000)), root })
    const error = await withUploadLimit('4000', () => appendUploadChunk({ db, runId, offset: 3000, body: chunks(bytes.subarray(3000), 100), root }).catch((e: unknown) => e))
    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { receivedBytes: 3000, limitBytes: 4000 } })
    expect((error as Error).message).toBe('The file is larger than 4,000 bytes, the largest dump this server accepts (ORDERMYS_MAX_UPLOAD_BYTES)')
    expect(readFileSync(uploadPaths(runId, root).part)).toEqual(bytes.subarray(0, 3000))
  })
})

describe('an upload that is not a dump', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200_000, 7)])
  const csv = Buffer.from('OrderID;Customer;Total\n1;Anna;2615.50\n'.repeat(5000))

  it.each([
    { name: 'a PNG', file: png, message: /^Not a MySQL\/MariaDB dump: .*starts with the bytes 89 50 4e 47/ },
    { name: 'a CSV', file: csv, message: /^Not a MySQL\/MariaDB dump: it begins with "ORDERID/ },
    { name: 'a gzipped CSV', file: gzipSync(csv), message: /^Not a MySQL\/MariaDB dump: it begins with "ORDERID.*\(in the gunzipped text\)/ },
  ])('$name is refused at its first chunk, its bytes removed and its run failed with the reason', async ({ file, message }) => {
    const { runId } = await newUpload('photo.sql', file.length)
    const error = await appendUploadChunk({ db, runId, offset: 0, body: chunks(file, 16 * 1024), root, actor: 'tester' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'DUMP_REFUSED', status: 422, details: { dumpError: 'NOT_A_DUMP' } })
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).toMatch(/Upload the \.sql or \.sql\.gz file that mysqldump or mariadb-dump wrote\.$/)
    expect(existsSync(uploadPaths(runId, root).part)).toBe(false)
    const run = await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: runId } })
    expect(run).toMatchObject({ status: 'failed', errorCode: 'NOT_A_DUMP', errorMessage: (error as Error).message, progressBytes: 0n })
    const event = await db.prisma.migrationEvent.findFirstOrThrow({ where: { runId, type: 'run.upload_refused' } })
    expect(event).toMatchObject({ actor: 'tester', data: { code: 'NOT_A_DUMP' } })
    // Nothing more is taken for it.
    expect(await appendUploadChunk({ db, runId, offset: 0, body: chunks(bytes), root }).catch(codeOf)).toMatchObject({ code: 'CONFLICT' })
  })

  it('is checked once its first 64 KiB are there, even when they came in several requests', async () => {
    const { runId } = await newUpload('slow.png', png.length)
    await appendUploadChunk({ db, runId, offset: 0, body: chunks(png.subarray(0, 40_000)), root })
    expect((await getUploadState({ db, runId, root })).receivedBytes).toBe(40_000)
    const error = await appendUploadChunk({ db, runId, offset: 40_000, body: chunks(png.subarray(40_000, 100_000)), root }).catch(codeOf)
    expect(error).toMatchObject({ code: 'DUMP_REFUSED' })
    expect(existsSync(uploadPaths(runId, root).part)).toBe(false)
  })

  it('a small file is checked whole when its last byte arrives', async () => {
    const { runId } = await newUpload('note.sql', 12)
    const error = await appendUploadChunk({ db, runId, offset: 0, body: chunks(Buffer.from('hello world\n')), root }).catch(codeOf)
    expect(error).toMatchObject({ code: 'DUMP_REFUSED' })
  })

  it('with the head sent at the start, no run is made at all', async () => {
    const runs = await db.prisma.migrationRun.count()
    const error = await startUpload({ db, fileName: 'photo.sql', sizeBytes: png.length, uploadedBy: 'tester', head: png.subarray(0, 65536), root }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'DUMP_REFUSED' })
    expect((error as Error).message).toMatch(/^Not a MySQL\/MariaDB dump: /)
    expect(await db.prisma.migrationRun.count()).toBe(runs)
    const dump = gzipSync(readFileSync(path.join(import.meta.dirname, '../dump/fixtures/mariadb-default.sql')))
    await expect(startUpload({ db, fileName: 'ok.sql.gz', sizeBytes: dump.length, uploadedBy: 'tester', head: dump, root })).resolves.toMatchObject({ runId: expect.any(String) })
  })
})

describe('uploaded names are labels, never paths', () => {
  it.each([
    { name: '../../etc/passwd', label: 'passwd' },
    { name: 'a/b.sql', label: 'b.sql' },
    { name: '..\\..\\windows\\system.ini', label: 'system.ini' },
    { name: '..', label: '..' },
    { name: '/', label: 'dump.sql' },
    { name: 'x'.repeat(5000) + '.sql', label: 'x'.repeat(255) },
    { name: 'dump\u0000.sql\u0000../../x', label: 'x' },
    { name: 'nul\u0000in\u0000name.sql', label: 'nulinname.sql' },
    { name: 'line\nbreak\u001b[31m.sql', label: 'linebreak[31m.sql' },
  ])('$label ← a name of $name.length characters', async ({ name, label }) => {
    const before = new Set(readdirSync(root))
    const { runId } = await startUpload({ db, fileName: name, sizeBytes: bytes.length, uploadedBy: 'tester', root })
    const last = await appendUploadChunk({ db, runId, offset: 0, body: chunks(bytes), root })
    expect(last.complete).toBe(true)
    // The only new entry of the upload folder is the run id, and the file in it is `dump`.
    expect(readdirSync(root).filter((f) => !before.has(f))).toEqual([runId])
    expect(readdirSync(path.join(root, runId))).toEqual(['dump'])
    expect(await storedDumpPath(runId, root)).toBe(path.join(root, runId, 'dump'))
    expect((await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: runId } })).fileName).toBe(label)
    expect((await getUploadState({ db, runId, root })).fileName).toBe(label)
  })

  it('the action refuses a name longer than 255 characters', () => {
    expect(startUploadInput.safeParse({ fileName: 'x'.repeat(5000), sizeBytes: 10 }).error?.issues[0].message).toBe('The file name is longer than 255 characters')
  })
})
