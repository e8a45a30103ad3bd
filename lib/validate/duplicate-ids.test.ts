// A table whose ID repeats (a legacy table that lost its primary key, dumped by the real
// mariadb-dump): the first row of each ID that maps is kept, every later one is rejected with
// DUPLICATE_ID. Validation remembers only the ids the staged table repeats — or every id, when
// some ID was staged without an integer (quoted in a hand-edited dump); both give the same issues.

import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDumpFile } from '@/lib/dump'
import { createRun } from '@/lib/runs/create-run'
import { stageRun } from '@/lib/staging/stage-run'
import { useMariaDb } from '@/lib/testing/use-mariadb'
import { useTestDatabase, useWorkDir } from '@/lib/testing/use-test-database'
import { validateTable } from './validate-table'

const work = useWorkDir('duplicate-ids-')
const mariadb = useMariaDb({
  setup: async (server) => {
    await server.exec('CREATE DATABASE dups')
    await server.exec(
      `CREATE TABLE UserTypes (ID int(11) NOT NULL, TypeName varchar(100) NOT NULL DEFAULT '') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
       INSERT INTO UserTypes VALUES (1,'Administrator'),(2,'Fitter'),(1,'Administrator again'),(3,'Factory'),(2,'Fitter again'),(2,'Fitter thrice');`,
      'dups',
    )
    await server.dump('default', path.join(work, 'dups.sql'), { database: 'dups' })
  },
})
const db = useTestDatabase()

async function duplicateIssues(file: string) {
  const run = await createRun({ db, fileName: path.basename(file) })
  await stageRun({ db, runId: run.id, source: openDumpFile(file) })
  const result = await validateTable({ db, runId: run.id, legacyTable: 'UserTypes' })
  const issues = await db.prisma.migrationRowIssue.findMany({
    where: { runId: run.id, legacyTable: 'UserTypes', code: 'DUPLICATE_ID' },
    orderBy: { rowNumber: 'asc' },
    select: { rowNumber: true, legacyId: true, severity: true },
  })
  return { result, issues: issues.map((i) => ({ ...i, rowNumber: Number(i.rowNumber) })) }
}

describe('a legacy table whose ID repeats', () => {
  const expected = [
    { rowNumber: 3, legacyId: 1, severity: 'error' },
    { rowNumber: 5, legacyId: 2, severity: 'error' },
    { rowNumber: 6, legacyId: 2, severity: 'error' },
  ]

  it('keeps the first row of each ID and rejects every later one', async () => {
    mariadb()
    const { result, issues } = await duplicateIssues(path.join(work, 'dups.sql'))
    expect(issues).toEqual(expected)
    expect(result).toMatchObject({ rows: 6, rowsMapped: 3, rowsRejected: 3, countsByRule: { DUPLICATE_ID: 3 } })
  })

  it('finds the same duplicates when an ID was quoted (staged without an integer id)', async () => {
    const text = readFileSync(path.join(work, 'dups.sql'), 'utf8')
    expect(text).toContain("(3,'Factory')")
    const quoted = path.join(work, 'dups-quoted.sql')
    writeFileSync(quoted, text.replace("(3,'Factory')", "('3','Factory')").replace("(2,'Fitter again')", "('2','Fitter again')"))
    const { result, issues } = await duplicateIssues(quoted)
    expect(issues).toEqual(expected)
    expect(result).toMatchObject({ rows: 6, rowsMapped: 3, rowsRejected: 3 })
  })
})
