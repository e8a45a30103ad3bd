// Validation on worker threads gives exactly what validation in this thread gives: the same counts
// per rule, the same issues and the same mapped rows, table by table. A table that fails on a
// worker fails alone, with its AppError intact; a worker thread that dies fails its table, naming it.

import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDumpFile } from '@/lib/dump'
import { mappings } from '@/lib/mappings'
import { createRun } from '@/lib/runs/create-run'
import { stageRun } from '@/lib/staging/stage-run'
import { stagedTable } from '@/lib/staging/staging-names'
import { useTestDatabase, useWorkDir } from '@/lib/testing/use-test-database'
import { writeSyntheticDump } from '@/lib/testing/write-synthetic-dump'
import { validateRun, validateTables } from './validate-run'
import { mappedTableName } from '@/lib/staging/staging-names'
import { validateTable } from './validate-table'
import { ValidationWorkers } from './validation-workers'

const work = useWorkDir('validate-run-')
const db = useTestDatabase()
let runId: string
let schema: string
let tables: string[]
const IMPORT_TIME = new Date('2026-01-02T03:04:05Z')

beforeAll(async () => {
  const dump = path.join(work, 'dump.sql')
  await writeSyntheticDump({ targetBytes: 1_500_000, seed: 11, out: dump })
  runId = (await createRun({ db, fileName: 'dump.sql' })).id
  schema = (await stageRun({ db, runId, source: openDumpFile(dump) })).staging.schema
  const staged = await db.prisma.migrationRunTable.findMany({ where: { runId, state: { not: 'missing' }, targetTable: { not: null } } })
  tables = mappings.map((m) => m.legacyTable).filter((t) => staged.some((s) => s.legacyTable === t))
})

/** What a pass left behind: its counts, its issues and a digest of its mapped rows, per table. */
async function passOutcome(table: string) {
  const target = mappings.find((m) => m.legacyTable === table)!.targetTable
  const mapped = await db.pool.query(
    `SELECT count(*)::int AS n, md5(coalesce(string_agg(m::text, '|' ORDER BY _row), '')) AS digest FROM ${stagedTable(schema, mappedTableName(target))} m`,
  )
  const issues = await db.pool.query(
    `SELECT count(*)::int AS n, md5(coalesce(string_agg(concat_ws(',', row_number, column_name, code, message, source_value), '|' ORDER BY row_number, code, column_name, message), '')) AS digest
       FROM migration_row_issues WHERE run_id = $1 AND legacy_table = $2`,
    [runId, table],
  )
  return { mapped: mapped.rows[0], issues: issues.rows[0] }
}

describe('validateRun (this thread and worker threads)', () => {
  it('maps every table exactly as validating one table at a time in this thread does', async () => {
    expect(tables.length).toBeGreaterThan(10)
    const inThread = new Map<string, unknown>()
    for (const table of tables) {
      const result = await validateTable({ db, runId, legacyTable: table, importTime: IMPORT_TIME })
      inThread.set(table, { counts: { rows: result.rows, rowsMapped: result.rowsMapped, countsByRule: result.countsByRule }, ...(await passOutcome(table)) })
    }

    const results = await validateRun({ db, runId, importTime: IMPORT_TIME, threads: 3 })
    expect(results.map((r) => r.legacyTable)).toEqual(tables) // dependency order, whatever ended first
    for (const result of results) {
      const table = result.legacyTable
      expect({ counts: { rows: result.rows, rowsMapped: result.rowsMapped, countsByRule: result.countsByRule }, ...(await passOutcome(table)) }, table).toEqual(
        inThread.get(table),
      )
    }
    expect(results.reduce((n, r) => n + r.rows, 0)).toBeGreaterThan(1000)
  })

  it('fails a table alone, keeping its AppError, while the others are validated', async () => {
    const done: string[] = []
    const outcomes = await validateTables({
      db,
      runId,
      tables: ['Brands', 'NoSuchTable', 'Customers', 'Saddles'],
      threads: 2,
      onTableDone: (table) => done.push(table),
    })
    expect([...outcomes.keys()]).toEqual(['Brands', 'NoSuchTable', 'Customers', 'Saddles'])
    const failed = outcomes.get('NoSuchTable')!
    expect('error' in failed && failed.error).toMatchObject({ name: 'AppError', code: 'NOT_FOUND', message: expect.stringContaining('NoSuchTable') })
    for (const table of ['Brands', 'Customers', 'Saddles']) expect(outcomes.get(table)).toHaveProperty('result.legacyTable', table)
    expect(done.sort()).toEqual(['Brands', 'Customers', 'NoSuchTable', 'Saddles'])
  })
})

describe('ValidationWorkers', () => {
  let workers: ValidationWorkers
  beforeAll(() => void (workers = new ValidationWorkers({ url: db.url, threads: 1 })))
  afterAll(() => workers.close())

  it('fails the table of a thread that dies, naming it, and validates the next on a new thread', async () => {
    const dying = workers.validate({ runId, legacyTable: 'Customers' })
    // The worker's thread is ended from outside while it validates, as a crash would end it.
    const thread = (workers as unknown as { threads: { worker: { terminate(): Promise<number> } }[] }).threads[0]
    await thread.worker.terminate()
    await expect(dying).rejects.toThrow(/^Validating Customers failed: the worker thread ended \(exit code \d+\)$/)
    await expect(workers.validate({ runId, legacyTable: 'Brands' })).resolves.toMatchObject({ legacyTable: 'Brands' })
  })

  it('reports progress from the thread', async () => {
    const progress: number[] = []
    const result = await workers.validate({ runId, legacyTable: 'Customers', onProgress: (rows) => progress.push(rows) })
    expect(progress.length).toBeGreaterThan(0)
    expect(progress.at(-1)).toBe(result.rows)
  })
})
