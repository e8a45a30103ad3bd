// A dump written by the real mariadb-dump, staged into a real PostgreSQL and validated table by
// table: staged counts equal MariaDB's, every value is kept exactly (NUL included), the rules of
// TARGET-SCHEMA.md show up as issues, and a drifted dump's extra table and column are reported,
// not fatal.

import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTestDatabase, useWorkDir } from '@/lib/testing/use-test-database'
import { DumpError, openDumpFile } from '@/lib/dump'
import { createRun } from '@/lib/runs/create-run'
import { stageRun } from '@/lib/staging/stage-run'
import { stagedTable } from '@/lib/staging/staging-names'
import { DRIFT_EXTRA_COLUMN, DRIFT_EXTRA_TABLE, FIXTURE_CASES, loadLegacyFixture } from '@/lib/testing/legacy-fixture'
import { useMariaDb } from '@/lib/testing/use-mariadb'
import { validateRun } from './validate-run'
import { mappedTableName } from '@/lib/staging/staging-names'

const work = useWorkDir('stage-validate-')
const counts: Record<string, Record<string, number>> = {}
const mariadb = useMariaDb({
  setup: async (server) => {
    counts.plain = await loadLegacyFixture(server, { database: 'ordermys' })
    counts.drifted = await loadLegacyFixture(server, { database: 'ordermys_drifted', drifted: true })
    await server.dump('default', path.join(work, 'plain.sql'), { database: 'ordermys' })
    await server.dump('complete-insert-hex-blob', path.join(work, 'drifted.sql.gz'), { database: 'ordermys_drifted', gzip: true })
  },
})

const db = useTestDatabase()

async function stage(file: string) {
  const run = await createRun({ db, fileName: path.basename(file) })
  const staged = await stageRun({ db, runId: run.id, source: openDumpFile(path.join(work, file)) })
  return { runId: run.id, ...staged }
}

describe('staging and validating a real mariadb-dump', () => {
  it('stages every table with MariaDB’s row counts and validates all 21 tables', async () => {
    mariadb()
    const { runId, staging, drift } = await stage('plain.sql')
    const staged = Object.fromEntries(staging.tables.map((t) => [t.name, t.rows]))
    expect(staged).toEqual(counts.plain)
    expect(drift).toEqual({ missingTables: [], extraTables: [], extraColumns: [], missingColumns: [] })

    const results = await validateRun({ db, runId })
    expect(results).toHaveLength(21)
    for (const result of results) {
      expect(result.rows, result.legacyTable).toBe(counts.plain[result.legacyTable])
      expect(result.rowsMapped + result.rowsRejected).toBe(result.rows)
    }
    const byTable = Object.fromEntries(results.map((r) => [r.legacyTable, r]))
    // The hard cases of the fixture surface as their rules.
    expect(byTable.Log.countsByRule.ZERO_DATE).toBeGreaterThan(0)
    expect(byTable.Orders.countsByRule.ORPHAN_REF).toBeGreaterThan(0)
    expect(byTable.Orders.countsByRule.UNKNOWN_STATUS).toBeGreaterThan(0)
    expect(byTable.Orders.countsByRule.ORDER_TIME_MISSING).toBeGreaterThan(0)
    expect(byTable.Orders.countsByRule.NUL_REMOVED).toBeGreaterThan(0)
    expect(byTable.Customers.countsByRule.MOJIBAKE_SUSPECTED).toBeGreaterThan(0)
    expect(byTable.Credentials.countsByRule.MD5_PASSWORD).toBeGreaterThan(0)

    // The state of each table is recorded on the run.
    const states = await db.prisma.migrationRunTable.findMany({ where: { runId } })
    expect(states).toHaveLength(21)
    for (const state of states) {
      expect(state.state).toBe('validated')
      expect(state.rowsStaged).toBe(counts.plain[state.legacyTable])
    }
    const issues = await db.prisma.migrationRowIssue.count({ where: { runId, legacyTable: 'Orders' } })
    expect(issues).toBe(byTable.Orders.warnings + byTable.Orders.errors)
  })

  it('keeps the exact source of a value with a NUL byte in staging, and maps it without the NUL', async () => {
    const { runId, staging } = await stage('plain.sql')
    const { id, column } = FIXTURE_CASES.nulByteInText
    const [exact] = await mariadb().queryNullable(`SELECT HEX(${column}) FROM Orders WHERE ID = ${id}`, 'ordermys')
    const row = await db.pool.query(
      `select _exact, "${column}" as value from ${stagedTable(staging.schema, 'Orders')} where _legacy_id = $1`,
      [id],
    )
    expect(row.rows[0]._exact[column]).toBe(exact[0]!.toLowerCase())
    expect(row.rows[0].value).toBe(Buffer.from(exact[0]!, 'hex').toString('utf8').replaceAll('\u0000', ''))
    await validateRun({ db, runId })
    const mapped = await db.pool.query(
      `select special_instructions from ${stagedTable(staging.schema, mappedTableName('orders'))} where legacy_id = $1`,
      [id],
    )
    expect(mapped.rows[0].special_instructions).toBe(row.rows[0].value)
  })

  it('reports the extra table and column of a drifted (gzipped, complete-insert, hex-blob) dump without failing', async () => {
    const { runId, staging, drift } = await stage('drifted.sql.gz')
    expect(drift!.extraTables).toEqual([DRIFT_EXTRA_TABLE])
    expect(drift!.extraColumns).toEqual([{ table: DRIFT_EXTRA_COLUMN.table, column: DRIFT_EXTRA_COLUMN.column }])
    expect(Object.fromEntries(staging.tables.map((t) => [t.name, t.rows]))).toEqual(counts.drifted)
    const results = await validateRun({ db, runId })
    expect(results).toHaveLength(21)
    const run = await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: runId }, include: { tables: true } })
    expect(run.status).toBe('staged')
    expect(run.tables.find((t) => t.legacyTable === DRIFT_EXTRA_TABLE)).toMatchObject({ targetTable: null, rowsStaged: counts.drifted[DRIFT_EXTRA_TABLE] })
  })

  it('refuses a truncated dump with its position and leaves nothing staged', async () => {
    const whole = path.join(work, 'plain.sql')
    const { readFileSync } = await import('node:fs')
    const bytes = readFileSync(whole)
    const cut = bytes.indexOf(Buffer.from('INSERT INTO `Orders`')) + 200
    writeFileSync(path.join(work, 'truncated.sql'), bytes.subarray(0, cut))
    const run = await createRun({ db, fileName: 'truncated.sql' })
    const failure = await stageRun({ db, runId: run.id, source: openDumpFile(path.join(work, 'truncated.sql')) }).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(DumpError)
    expect((failure as DumpError).code).toBe('TRUNCATED')
    expect((failure as DumpError).table).toBe('Orders')
    const saved = await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: run.id } })
    expect(saved).toMatchObject({ status: 'failed', errorCode: 'TRUNCATED', stagingSchema: null })
    const schemas = await db.pool.query(`select count(*)::int as n from information_schema.schemata where schema_name like 'staging_%' and schema_name = $1`, [
      `staging_${run.id.replaceAll('-', '').slice(0, 16)}`,
    ])
    expect(schemas.rows[0].n).toBe(0)
  })
})
