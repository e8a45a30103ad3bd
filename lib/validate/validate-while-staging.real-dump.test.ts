// Validation in the staging pass (each row mapped as it is staged, then orphans and repeated IDs by
// set-based SQL) must write exactly what the validation pass writes by reading the staged rows
// back: the same mapped rows, the same issues, the same counts — on real mariadb-dump dumps with
// orphans of every reference, double-encoded text, NUL bytes, repeated IDs (one of them on a row
// rejected for another reason), a drifted table, and a generated production-shaped dump.

import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDumpFile } from '@/lib/dump'
import { mappings } from '@/lib/mappings'
import { createRun } from '@/lib/runs/create-run'
import { stageRun } from '@/lib/staging/stage-run'
import { mappedTableName, stagedTable } from '@/lib/staging/staging-names'
import { loadLegacyFixture } from '@/lib/testing/legacy-fixture'
import { useMariaDb } from '@/lib/testing/use-mariadb'
import { useTestDatabase, useWorkDir } from '@/lib/testing/use-test-database'
import { writeSyntheticDump } from '@/lib/testing/write-synthetic-dump'
import { validateTable } from './validate-table'

const work = useWorkDir('validate-while-staging-')
const mariadb = useMariaDb({
  setup: async (server) => {
    await loadLegacyFixture(server, { database: 'ordermys' })
    // Repeated IDs: a customer twice, an order twice where the first copy is rejected (an
    // impossible money value) and the later one imported, and an ID repeated three times.
    await server.exec(
      `ALTER TABLE Customers MODIFY ID int(11) NOT NULL, DROP PRIMARY KEY;
       INSERT INTO Customers SELECT * FROM Customers WHERE ID IN (2, 5);
       INSERT INTO Customers SELECT * FROM Customers WHERE ID = 5 LIMIT 1;
       ALTER TABLE OrdersInfo MODIFY ID int(11) NOT NULL, DROP PRIMARY KEY;
       INSERT INTO OrdersInfo SELECT * FROM OrdersInfo;`,
      'ordermys',
    )
    await server.dump('default', path.join(work, 'fixture.sql'), { database: 'ordermys' })
    await loadLegacyFixture(server, { database: 'drifted', drifted: true })
    await server.dump('complete-insert-hex-blob', path.join(work, 'drifted.sql.gz'), { database: 'drifted', gzip: true })
  },
})

const db = useTestDatabase()
const importTime = new Date('2026-12-03T12:00:00Z')

interface TableState {
  mapped: { rows: number; md5: string | null }
  issues: string[]
  counts: { state: string; rowsRejected: number; warningCount: number; errorCount: number; countsByRule: unknown }
}

/** What validation left of every mapped table of the run: its mapped rows, its issues (as a sorted list), its counts. */
async function validationState(runId: string): Promise<Record<string, TableState>> {
  const run = await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: runId }, include: { tables: true } })
  const out: Record<string, TableState> = {}
  for (const mapping of mappings) {
    const table = run.tables.find((t) => t.legacyTable === mapping.legacyTable)
    if (!table || table.state === 'missing') continue
    const mapped = await db.pool.query<{ rows: number; md5: string | null }>(
      `SELECT count(*)::int AS rows, md5(string_agg(m::text, E'\\n' ORDER BY m._row)) AS md5 FROM ${stagedTable(run.stagingSchema!, mappedTableName(mapping.targetTable))} m`,
    )
    const issues = await db.pool.query<{ line: string }>(
      `SELECT concat_ws(' | ', row_number, legacy_id, column_name, severity, code, message, source_value) AS line
         FROM migration_row_issues WHERE run_id = $1 AND legacy_table = $2 ORDER BY 1`,
      [runId, mapping.legacyTable],
    )
    out[mapping.legacyTable] = {
      mapped: mapped.rows[0],
      issues: issues.rows.map((r) => r.line),
      counts: { state: table.state, rowsRejected: table.rowsRejected, warningCount: table.warningCount, errorCount: table.errorCount, countsByRule: table.countsByRule },
    }
  }
  return out
}

async function passThenRevalidate(file: string) {
  const run = await createRun({ db, fileName: path.basename(file) })
  const staged = await stageRun({ db, runId: run.id, source: openDumpFile(file), importTime })
  const inPass = await validationState(run.id)
  for (const table of Object.keys(inPass)) {
    // the validation pass, reading the staged rows back, over the same tables
    await validateTable({ db, runId: run.id, legacyTable: table, importTime })
  }
  const again = await validationState(run.id)
  return { staged, inPass, again }
}

describe('validation in the staging pass', () => {
  it.each([
    { name: 'the legacy fixture with repeated IDs', file: 'fixture.sql' },
    { name: 'a drifted dump (complete inserts, hex blobs, an extra table and column)', file: 'drifted.sql.gz' },
  ])('writes exactly what the validation pass writes: $name', async ({ file }) => {
    mariadb()
    const { staged, inPass, again } = await passThenRevalidate(path.join(work, file))
    expect(staged.validated.size).toBe(Object.keys(inPass).length)
    for (const table of Object.keys(inPass)) expect({ table, ...inPass[table] }).toEqual({ table, ...again[table] })
    // the cases the SQL after the pass handles are there
    const all = Object.values(inPass).flatMap((t) => t.issues)
    expect(all.some((i) => i.includes('ORPHAN_REF'))).toBe(true)
    if (file === 'fixture.sql') {
      expect(inPass.Customers.issues.filter((i) => i.includes('DUPLICATE_ID'))).toHaveLength(3)
      expect(inPass.OrdersInfo.issues.filter((i) => i.includes('DUPLICATE_ID')).length).toBeGreaterThan(0)
      expect(inPass.Saddles.issues.some((i) => i.includes('factory_assignments'))).toBe(true)
    }
  }, 120_000)

  it('writes exactly what the validation pass writes: a generated production-shaped dump', async () => {
    const file = path.join(work, 'generated.sql')
    await writeSyntheticDump({ targetBytes: 3 * 1024 * 1024, seed: 7, out: file })
    const { inPass, again } = await passThenRevalidate(file)
    for (const table of Object.keys(inPass)) expect({ table, ...inPass[table] }).toEqual({ table, ...again[table] })
  }, 120_000)

  it('leaves nothing when the dump fails half-way: no mapped table, no issue', async () => {
    const file = path.join(work, 'fixture.sql')
    const { readFileSync, writeFileSync } = await import('node:fs')
    const bytes = readFileSync(file)
    const cut = path.join(work, 'cut.sql')
    writeFileSync(cut, bytes.subarray(0, bytes.indexOf(Buffer.from('INSERT INTO `Orders`')) + 200))
    const run = await createRun({ db, fileName: 'cut.sql' })
    await expect(stageRun({ db, runId: run.id, source: openDumpFile(cut) })).rejects.toThrow()
    const schemas = await db.pool.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'staging\\_%' AND nspname LIKE $1`, [`%${run.id.replaceAll('-', '').slice(0, 16)}%`])
    expect(schemas.rows).toEqual([])
    expect(await db.prisma.migrationRowIssue.count({ where: { runId: run.id } })).toBe(0)
  }, 60_000)
})
