// Every real dump of ../shared/realworld-dumps (48 files from mysqldump 5.0–9.6, mariadb-dump,
// mysqlpump, phpMyAdmin, Adminer, HeidiSQL, Navicat, Sequel Pro/Ace, SQLyog, dbForge, Workbench,
// Laravel) staged as the app and the command line stage it, against what a private MariaDB holds
// after loading the same file: per database, every table, its columns in order and its row count
// (as staging reports them, and as the staged PostgreSQL tables hold them). A MySQL 8 file gets a
// MariaDB-compatible loading copy (lib/testing/realworld-dumps.ts); staging reads the original bytes.
// System databases (mysql, information_schema, …) are never data, on either side.

import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDumpFile } from '@/lib/dump'
import { createRun } from '@/lib/runs/create-run'
import { RENAMED_SYSTEM_DATABASE_PREFIX, loadingCopy, realworldDumps, realworldDumpsDir } from '@/lib/testing/realworld-dumps'
import { useMariaDb } from '@/lib/testing/use-mariadb'
import { useTestDatabase } from '@/lib/testing/use-test-database'
import { STAGING_EXACT, STAGING_LEGACY_ID, STAGING_ROW, stagedTable } from './staging-names'
import { stageRun } from './stage-run'

const DIR = realworldDumpsDir()
/** The database a file without USE is loaded into (the reader's database "none"). */
const DEFAULT_DATABASE = 'rw_default'

type Tables = Record<string, { columns: string[]; rows: number }>
type Databases = Record<string, Tables>

const truth = new Map<string, Databases>()
const mariadb = useMariaDb({
  setup: async (server) => {
    if (!existsSync(DIR)) return // the test below fails, naming the folder
    for (const { file } of realworldDumps(DIR)) {
      const before = new Set((await server.query('SHOW DATABASES')).map((r) => r[0]))
      const copy = loadingCopy(readFileSync(path.join(DIR, file)), file)
      const copyFile = path.join(server.baseDir, 'loading-copy.sql')
      writeFileSync(copyFile, copy.text)
      for (const database of [DEFAULT_DATABASE, ...copy.databases]) await server.exec(`CREATE DATABASE IF NOT EXISTS \`${database}\``)
      await server.loadFile(copyFile, DEFAULT_DATABASE)
      const databases: Databases = {}
      for (const [database] of await server.query('SHOW DATABASES')) {
        if (before.has(database)) continue
        if (!database.startsWith(RENAMED_SYSTEM_DATABASE_PREFIX)) {
          const tables: Tables = {}
          for (const table of await server.tables(database)) {
            const [[rows]] = await server.query(`SELECT COUNT(*) FROM \`${table.replaceAll('`', '``')}\``, database)
            tables[table] = { columns: (await server.columns(table, database)).map((c) => c.name), rows: Number(rows) }
          }
          if (Object.keys(tables).length > 0) databases[database] = tables
        }
        await server.exec(`DROP DATABASE \`${database}\``)
      }
      truth.set(file, databases)
    }
  },
})
const db = useTestDatabase()

it('finds the real dumps beside the project (../shared/realworld-dumps)', () => {
  expect(existsSync(path.join(DIR, 'sources.json')), `${DIR} is missing: the real-dump tests need it`).toBe(true)
  expect(realworldDumps(DIR).length).toBeGreaterThanOrEqual(48)
})

describe.each(existsSync(DIR) ? realworldDumps(DIR) : [])('$file', ({ file }) => {
  it('is staged as MariaDB holds it: per database every table, its columns in order, its rows', async () => {
    mariadb()
    const run = await createRun({ db, fileName: file })
    const { staging } = await stageRun({ db, runId: run.id, source: openDumpFile(path.join(DIR, file)) })

    const reported: Databases = {}
    for (const database of staging.databases) {
      if (database.system || database.tables.length === 0) continue
      reported[database.name ?? DEFAULT_DATABASE] = Object.fromEntries(
        database.tables.map((t) => [t.name, { columns: t.definition.columns.map((c) => c.name), rows: t.rows }]),
      )
    }
    expect(reported).toEqual(truth.get(file))

    // …and the staged tables in PostgreSQL hold exactly that.
    const held: Databases = {}
    for (const database of staging.databases) {
      if (database.schema === null || database.tables.length === 0) continue
      const tables: Tables = {}
      for (const table of database.tables) {
        const { rows } = await db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${stagedTable(database.schema, table.name)}`)
        const columns = await db.pool.query<{ column_name: string }>(
          'SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position',
          [database.schema, table.name],
        )
        const bookkeeping = new Set([STAGING_ROW, STAGING_LEGACY_ID, STAGING_EXACT])
        tables[table.name] = { columns: columns.rows.map((c) => c.column_name).filter((c) => !bookkeeping.has(c)), rows: Number(rows[0].n) }
      }
      held[database.name ?? DEFAULT_DATABASE] = tables
    }
    expect(held).toEqual(truth.get(file))
  })
})
