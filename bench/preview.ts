// Preview benchmark: the preview query (lib/preview) on a 1,000,000-row staged and validated table.
//
//   npx tsx bench/preview.ts [--rows 1000000] [--runs 5]
//
// A throwaway database (lib/db/test-database: the embedded test server, or TEST_DATABASE_URL) gets
// a run whose staging schema holds a Log table of --rows synthetic rows (written with
// generate_series, shaped like the legacy table: ~1% zero dates, ~9% users that do not exist, a
// third of the rows with long Details) and 1,000 Credentials; the real validation pass
// (validateTable) maps Log into mapped__activity_logs and writes its issues. Then each way the page
// reads a page is timed: the first (cold) call and the median of --runs warm calls.

import { parseArgs } from 'node:util'
import { closeClients, createClients } from '../lib/db/prisma'
import { createTestDatabase } from '../lib/db/test-database'
import { getTablePreview } from '../lib/preview/get-table-preview'
import { parsePreviewParams } from '../lib/preview/table-preview.validation'
import { createRun } from '../lib/runs/create-run'
import { quoteIdent, stagingSchemaFor } from '../lib/staging/staging-names'
import { validateTable } from '../lib/validate/validate-table'

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '5' } } })
const ROWS = Number(values.rows)
const RUNS = Number(values.runs)
const BUDGET_MS = 300

const database = await createTestDatabase()
const db = createClients(database.url)
try {
  const started = performance.now()
  const { id: runId } = await createRun({ db, fileName: 'bench-preview.sql' })
  const schema = stagingSchemaFor(runId)
  const s = quoteIdent(schema)
  await db.pool.query(`create schema ${s}`)
  await db.pool.query(`create table ${s}."Credentials" (_row bigint not null, _legacy_id bigint, _exact jsonb,
    "ID" text, "UserName" text, "Password" text, "UserType" text, "Email" text, "LastLogin" text, "Deleted" text)`)
  await db.pool.query(`insert into ${s}."Credentials" select g, g, null, g::text, 'user' || g, md5(g::text), '2', 'u' || g || '@example.com', '0', '0'
    from generate_series(1, 1000) g`)
  await db.pool.query(`create table ${s}."Log" (_row bigint not null, _legacy_id bigint, _exact jsonb,
    "ID" text, "UserID" text, "LogTime" text, "Action" text, "Details" text, "IP" text)`)
  await db.pool.query(
    `insert into ${s}."Log"
     select g, g, null, g::text, ((g * 7919) % 1100)::text,
            case when g % 97 = 0 then '0000-00-00 00:00:00'
                 else to_char(timestamp '2012-01-02' + g * interval '7 minutes', 'YYYY-MM-DD HH24:MI:SS') end,
            (array['login', 'logout', 'order.view', 'order.status', 'search'])[1 + (g % 5)::int],
            case when g % 3 = 0 then repeat('event ' || g || ' details; ', 3 + (g % 40)::int) end,
            '10.' || (g % 256) || '.' || ((g / 256) % 256) || '.1'
       from generate_series(1::bigint, $1::bigint) g`,
    [ROWS],
  )
  for (const table of ['Credentials', 'Log']) {
    await db.pool.query(`alter table ${s}.${quoteIdent(table)} add primary key (_row)`)
    await db.pool.query(`create index on ${s}.${quoteIdent(table)} (_legacy_id, _row)`)
    await db.pool.query(`analyze ${s}.${quoteIdent(table)}`)
  }
  await db.prisma.migrationRun.update({ where: { id: runId }, data: { status: 'staged', stagingSchema: schema } })
  // as staging records these tables: their IDs (g) come ascending
  await db.prisma.migrationRunTable.createMany({
    data: [
      { runId, legacyTable: 'Credentials', targetTable: 'users', rowsStaged: 1000, idsAscending: true },
      { runId, legacyTable: 'Log', targetTable: 'activity_logs', rowsStaged: ROWS, idsAscending: true },
    ],
  })
  console.log(`staged ${ROWS.toLocaleString('en-US')} Log rows in ${seconds(started)} s`)

  const validating = performance.now()
  const result = await validateTable({ db, runId, legacyTable: 'Log' })
  console.log(
    `validated in ${seconds(validating)} s (${Math.round(ROWS / ((performance.now() - validating) / 1000)).toLocaleString('en-US')} rows/s): ` +
      `${result.warnings.toLocaleString('en-US')} warnings ${JSON.stringify(result.countsByRule)}\n`,
  )

  const middleId = Math.floor(ROWS * 0.765)
  const scenarios: [string, Record<string, string>][] = [
    ['first page (dump order, 50 rows)', {}],
    ['page 2', { page: '2' }],
    [`deep page (row ${(ROWS / 2).toLocaleString('en-US')})`, { page: String(Math.floor(ROWS / 2 / 50)) }],
    ['last page', { page: String(Math.ceil(ROWS / 50)) }],
    ['filtered: warnings, first page', { severity: 'warning' }],
    ['filtered: rule ZERO_DATE, first page', { code: 'ZERO_DATE' }],
    ['filtered: column UserID, page 1,000', { column: 'UserID', page: '1000' }],
    ['filtered: warnings, deep page (1,500)', { severity: 'warning', page: '1500' }],
    [`jump to legacy id ${middleId.toLocaleString('en-US')}`, { jump: String(middleId) }],
    ['sorted by ID descending, first page', { sort: '-ID' }],
    ['sorted by ID, deep page (10,000)', { sort: 'ID', page: '10000' }],
    ['sorted by LogTime (text column), first page', { sort: 'LogTime' }],
    ['sorted by UserID (number column), first page', { sort: '-UserID' }],
    ['200 rows per page, first page', { size: '200' }],
  ]
  console.log(`${'scenario'.padEnd(48)} ${'rows'.padStart(5)} ${'total'.padStart(9)} ${'cold ms'.padStart(8)} ${'median ms'.padStart(10)}`)
  for (const [name, params] of scenarios) {
    const query = parsePreviewParams(params)
    const times: number[] = []
    let last: Awaited<ReturnType<typeof getTablePreview>> | undefined
    for (let i = 0; i <= RUNS; i++) {
      const t = performance.now()
      last = await getTablePreview({ db, runId, legacyTable: 'Log', query })
      times.push(performance.now() - t)
    }
    const cold = times[0]
    const warm = times.slice(1).sort((a, b) => a - b)
    const median = warm[Math.floor(warm.length / 2)]
    const flag = median > BUDGET_MS ? '  ← over the 300 ms budget' : ''
    console.log(
      `${name.padEnd(48)} ${String(last!.rows.length).padStart(5)} ${`${last!.total.toLocaleString('en-US')}${last!.totalCapped ? '+' : ''}`.padStart(9)} ${cold.toFixed(0).padStart(8)} ${median.toFixed(0).padStart(10)}${flag}`,
    )
  }
} finally {
  await closeClients(db)
  await database.drop()
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1)
}
