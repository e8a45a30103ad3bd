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
    await server.exec('CREATE DATABASE sorted')
    await server.exec(
      `CREATE TABLE UserTypes (ID int(11) NOT NULL, TypeName varchar(100) NOT NULL DEFAULT '', PRIMARY KEY (ID)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
       INSERT INTO UserTypes VALUES (3,'Factory'),(1,'Administrator'),(2,'Fitter');`,
      'sorted',
    )
    await server.dump('default', path.join(work, 'sorted.sql'), { database: 'sorted' })
  },
})
const db = useTestDatabase()

const INSERT_VALUES = /INSERT INTO `UserTypes` VALUES\s[^;]*;/
/** the rows of the dump's INSERT, on one line (mariadb-dump may break the line between rows) */
function insertedValues(dump: string): string {
  return dump.match(INSERT_VALUES)![0].replace(/^INSERT INTO `UserTypes` VALUES\s/, '').replace(/;$/, '').replaceAll(/\n/g, '')
}

async function duplicateIssues(file: string) {
  const run = await createRun({ db, fileName: path.basename(file) })
  await stageRun({ db, runId: run.id, source: openDumpFile(file) })
  const { idsAscending } = await db.prisma.migrationRunTable.findUniqueOrThrow({ where: { runId_legacyTable: { runId: run.id, legacyTable: 'UserTypes' } } })
  const result = await validateTable({ db, runId: run.id, legacyTable: 'UserTypes' })
  const issues = await db.prisma.migrationRowIssue.findMany({
    where: { runId: run.id, legacyTable: 'UserTypes', code: 'DUPLICATE_ID' },
    orderBy: { rowNumber: 'asc' },
    select: { rowNumber: true, legacyId: true, severity: true },
  })
  return { result, idsAscending, issues: issues.map((i) => ({ ...i, rowNumber: Number(i.rowNumber) })) }
}

describe('a legacy table whose ID repeats', () => {
  const expected = [
    { rowNumber: 3, legacyId: 1, severity: 'error' },
    { rowNumber: 5, legacyId: 2, severity: 'error' },
    { rowNumber: 6, legacyId: 2, severity: 'error' },
  ]

  it('keeps the first row of each ID and rejects every later one', async () => {
    mariadb()
    const { result, issues, idsAscending } = await duplicateIssues(path.join(work, 'dups.sql'))
    expect(idsAscending).toBe(false)
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

  it('records IDs that came in ascending order (a primary key dumped in key order): none can repeat', async () => {
    const { result, issues, idsAscending } = await duplicateIssues(path.join(work, 'sorted.sql'))
    expect(insertedValues(readFileSync(path.join(work, 'sorted.sql'), 'utf8'))).toBe("(1,'Administrator'),(2,'Fitter'),(3,'Factory')")
    expect(idsAscending).toBe(true)
    expect(issues).toEqual([])
    expect(result).toMatchObject({ rows: 3, rowsMapped: 3, rowsRejected: 0 })
  })

  it('does not take IDs out of order for ascending, and still finds the one that repeats', async () => {
    const text = readFileSync(path.join(work, 'sorted.sql'), 'utf8')
    const shuffled = path.join(work, 'sorted-shuffled.sql')
    const values = insertedValues(text)
    writeFileSync(shuffled, text.replace(INSERT_VALUES, (insert) => insert.replace(/VALUES\s[^;]*;/, "VALUES (2,'Fitter'),(1,'Administrator'),(3,'Factory'),(1,'Administrator again');")))
    expect(values).not.toBe(insertedValues(readFileSync(shuffled, 'utf8')))
    const { issues, idsAscending } = await duplicateIssues(shuffled)
    expect(idsAscending).toBe(false)
    expect(issues).toEqual([{ rowNumber: 4, legacyId: 1, severity: 'error' }])
  })
})
