// The command line as an operator runs it, on a generated dump and a throwaway database.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '@/lib/db/test-database'
import { runCli, type CliRun } from '@/lib/testing/run-cli'
import { compressFile } from '@/lib/testing/compress-file'
import { writeSyntheticDump, type WrittenDump } from '@/lib/testing/write-synthetic-dump'

const work = mkdtempSync(path.join(os.tmpdir(), 'cli-'))
const dump = path.join(work, 'ordermys.sql.gz')
const plain = path.join(work, 'ordermys.sql')
let manifest: WrittenDump
let database: TestDatabase

beforeAll(async () => {
  manifest = await writeSyntheticDump({ targetBytes: 2 * 1024 * 1024, seed: 2, out: dump, gzip: true })
  await writeSyntheticDump({ targetBytes: 2 * 1024 * 1024, seed: 2, out: plain })
  database = await createTestDatabase()
}, 120_000)
afterAll(async () => {
  await database.drop()
  rmSync(work, { recursive: true, force: true })
})

function cli(...args: string[]): Promise<CliRun> {
  return runCli(database.url, args)
}

function cliOn(databaseUrl: string, ...args: string[]): Promise<CliRun> {
  return runCli(databaseUrl, args)
}

describe('npm run migrate', () => {
  it('--dry-run --json prints every table with its counts and rules, and writes no target row', async () => {
    const { code, stdout, stderr } = await cli('--dump', dump, '--dry-run', '--json')
    expect(code, stderr).toBe(0)
    const json = JSON.parse(stdout) as { tables: Record<string, unknown>[]; drift: Record<string, unknown[]>; ok: boolean }
    expect(json.ok).toBe(true)
    expect(json.tables).toHaveLength(21)
    for (const t of json.tables) {
      expect(Object.keys(t)).toEqual(['table', 'columns', 'rows', 'inContract', 'mapped', 'rejected', 'warnings', 'errors', 'byRule', 'missingColumns'])
      expect(t.rows, String(t.table)).toBe(manifest.tables[t.table as string].rows)
    }
    expect(json.drift).toEqual({ missingTables: [], extraTables: [], extraColumns: [], missingColumns: [] })
    expect(stderr).toMatch(/staged in [\d.]+ s, validated in [\d.]+ s/)
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    try {
      const { rows } = await client.query(`SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM roles) + (SELECT count(*) FROM db_change_logs) AS n`)
      expect(Number(rows[0].n)).toBe(0)
    } finally {
      await client.end()
    }
  }, 60_000)

  it('--all imports every table, reconciles, writes the report and exits 0', async () => {
    const report = path.join(work, 'report.csv')
    const { code, stdout, stderr } = await cli('--dump', dump, '--all', '--batch-size', '500', '--report', report, '--json')
    expect(code, stderr).toBe(0)
    const result = JSON.parse(stdout)
    expect(result).toMatchObject({ ok: true, failures: [], reconciliation: { passed: true } })
    for (const t of result.tables) expect(t.state, t.table).toBe('imported')
    expect(readFileSync(report, 'utf8')).toMatch(/^\uFEFF?section,table,subject,check,source,target,difference,status,message\r?\nsummary,/)
    expect(stderr).toContain(`Reconciliation report written to ${report}`)
  }, 60_000)

  it('reads an xz dump (told by its bytes) and says, with --database, that the dump names no such database', async () => {
    const xz = compressFile('xz', plain, work)
    const { code, stdout, stderr } = await cli('--dump', xz, '--dry-run', '--json')
    expect(code, stderr).toBe(0)
    const json = JSON.parse(stdout) as { tables: { table: string; rows: number }[]; database: { name: string | null } }
    expect(Object.fromEntries(json.tables.map((t) => [t.table, t.rows]))).toEqual(Object.fromEntries(Object.entries(manifest.tables).map(([t, m]) => [t, m.rows])))
    expect(json.database.name).toBeNull() // the generated dump names no database
    const wrong = await cli('--dump', xz, '--dry-run', '--json', '--database', 'shop')
    expect(wrong.code).toBe(1)
    expect(JSON.parse(wrong.stdout).failures[0]).toMatchObject({ code: 'DATABASE_CHOICE_NEEDED', message: expect.stringMatching(/^Cannot migrate database "shop": the dump holds no database `shop`/) })
    expect(wrong.stderr).toContain('Cannot migrate database "shop"')
  }, 60_000)

  it('refuses what it cannot do with exit code 2 and says why', async () => {
    const usage = await cli('--dump', dump)
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('Say what to import')
    const unknown = await cli('--dump', dump, '--table', 'Invoices')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/^Unknown table Invoices; the migration maps UserTypes/m)
    const missing = await cli('--dump', path.join(work, 'nope.sql'), '--all')
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('There is no dump file')
    // A database that cannot be reached: one line that says so, no stack trace.
    const unreachable = await cliOn('postgresql://postgres:postgres@127.0.0.1:1/nothing', '--dump', dump, '--all')
    expect(unreachable.code).toBe(1)
    expect(unreachable.stderr).toMatch(/^Failed: Can't reach database server at `127\.0\.0\.1:1`/m)
    expect(unreachable.stderr).not.toMatch(/^\s+at /m)
  }, 60_000)
})
