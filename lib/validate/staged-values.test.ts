// The validation pass reads staged rows back as binary COPY: what reaches a mapping must be exactly
// what the dump held — a column the dump declares binary as its bytes, a value with NUL from the
// exact copy staging kept beside it — and the mapped row must hold what the mapping made of it.

import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDumpFile } from '@/lib/dump'
import { createRun } from '@/lib/runs/create-run'
import { stageRun } from '@/lib/staging/stage-run'
import { quoteIdent } from '@/lib/staging/staging-names'
import { useMariaDb } from '@/lib/testing/use-mariadb'
import { useTestDatabase, useWorkDir } from '@/lib/testing/use-test-database'
import { validateTable } from './validate-table'

const work = useWorkDir('staged-values-')
const mariadb = useMariaDb({
  setup: async (server) => {
    await server.exec('CREATE DATABASE staged')
    // TypeName declared VARBINARY (a drifted dump): staged as bytea, handed to the mapping as bytes.
    await server.exec(
      `CREATE TABLE UserTypes (ID int(11) NOT NULL, TypeName varbinary(100) NOT NULL DEFAULT '') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
       INSERT INTO UserTypes VALUES (1, 'Administrator'), (2, CONCAT('Fit', CHAR(0), 'ter')), (7, 'Größe 🐴 tab\\there'), (8, 0xC3);`,
      'staged',
    )
    await server.exec(
      `CREATE TABLE Brands (ID int(11) NOT NULL, BrandName varchar(200) NOT NULL DEFAULT '', Active tinyint(1) NOT NULL DEFAULT 1) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
       INSERT INTO Brands VALUES (1, CONCAT('Wolf', CHAR(0), 'gang'), 0), (2, 'Line\\nbreak \\\\ back', 1);`,
      'staged',
    )
    await server.dump('default', path.join(work, 'staged.sql'), { database: 'staged' })
  },
})
const db = useTestDatabase()

describe('staged values reach the mappings exactly', () => {
  it('gives a binary column its bytes and a value with NUL its exact text, and writes what the mapping made', async () => {
    mariadb()
    const run = await createRun({ db, fileName: 'staged.sql' })
    await stageRun({ db, runId: run.id, source: openDumpFile(path.join(work, 'staged.sql')) })
    const roles = await validateTable({ db, runId: run.id, legacyTable: 'UserTypes' })
    const brands = await validateTable({ db, runId: run.id, legacyTable: 'Brands' })
    expect(roles.rowsMapped).toBe(3) // ID 8: 0xC3 is not UTF-8 text (INVALID_VALUE, rejected)
    expect(brands.rowsMapped).toBe(2)

    const { stagingSchema } = (await db.prisma.migrationRun.findUniqueOrThrow({ where: { id: run.id } }))!
    const mapped = async (table: string, columns: string) =>
      (await db.pool.query(`SELECT ${columns} FROM ${quoteIdent(stagingSchema!)}.${quoteIdent(`mapped__${table}`)} ORDER BY legacy_id`)).rows
    expect(await mapped('roles', 'legacy_id, name, code')).toEqual([
      { legacy_id: 1, name: 'Administrator', code: 'administrator' },
      { legacy_id: 2, name: 'Fitter', code: 'fitter' }, // NUL removed (NUL_REMOVED), the rest kept
      { legacy_id: 7, name: 'Größe 🐴 tab\there', code: null },
    ])
    expect(await mapped('brands', 'legacy_id, brand_name, is_active')).toEqual([
      { legacy_id: 1, brand_name: 'Wolfgang', is_active: false },
      { legacy_id: 2, brand_name: 'Line\nbreak \\ back', is_active: true },
    ])
    const rejected = await db.prisma.migrationRowIssue.findFirstOrThrow({ where: { runId: run.id, legacyTable: 'UserTypes', legacyId: 8 } })
    expect(rejected.message).toMatch(/TypeName 0xc3 is binary data that is not valid UTF-8/)
    expect(roles.countsByRule.NUL_REMOVED).toBe(1)
    expect(brands.countsByRule.NUL_REMOVED).toBe(1)
  })
})
