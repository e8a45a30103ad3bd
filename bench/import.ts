// How fast the import writes one large table, by each of the two write methods, in one run:
//
//   npm run bench:import -- [--size 355MB] [--table Orders] [--batch-size 5000] [--rounds 1]
//
// A generated production-shaped dump is staged and the table validated (with the tables it
// references, which are imported first); then, for each round, the table is imported by every
// method into an empty target (rolled back and vacuumed between methods, the order rotated per
// round): 'insert-select' (INSERT … SELECT … ON CONFLICT from the mapped table, on the pool of
// Prisma's adapter) and 'copy' (COPY out of the mapped table and COPY into the target on that pool).
// Every method commits each batch with its checkpoint and ORPHAN_REF issues, as importTable does. Last, the fastest imports the table
// again over itself (nothing changed: the rerun cost); then into the table as one the backend owns,
// its indexes and keys kept (the default) and dropped (--drop-backend-indexes). The server: bench/classic-route/bench-postgres.ts
// (DATABASE_URL, or an embedded PostgreSQL with durable settings).
import os from 'node:os'
import { parseArgs } from 'node:util'
import { prepareDatabase } from '@/lib/db/prepare-database'
import { closeClients, createClients } from '@/lib/db/prisma'
import { openDumpFile } from '@/lib/dump'
import { DEFAULT_BATCH_SIZE, DEFAULT_IMPORT_METHOD, IMPORT_METHODS, importTable, type ImportMethod } from '@/lib/import/import-table'
import { rollBackTable } from '@/lib/import/roll-back-table'
import { mappingFor } from '@/lib/mappings'
import { withDependencies } from '@/lib/pipeline/select-tables'
import { createRun } from '@/lib/runs/create-run'
import { stageRun } from '@/lib/staging/stage-run'
import { validateTable } from '@/lib/validate/validate-table'
import { startBenchPostgres } from './classic-route/bench-postgres'
import { ensureGeneratedDump, loadAverage } from './support/generated-dump'

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '355MB' },
    table: { type: 'string', default: 'Orders' },
    'batch-size': { type: 'string', default: String(DEFAULT_BATCH_SIZE) },
    rounds: { type: 'string', default: '1' },
  },
})
const table = values.table!
const mapping = mappingFor(table)
if (!mapping) throw new Error(`--table: ${table} is not a mapped legacy table`)
const batchSize = Number(values['batch-size'])
const rounds = Number(values.rounds)
const dump = ensureGeneratedDump(values.size!)
const seconds = (ms: number) => (ms / 1000).toFixed(2)
const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('en-US')

const server = await startBenchPostgres()
const name = `bench_import_${Date.now().toString(36)}`
const url = await server.createDatabase(name)
await prepareDatabase(url)
const db = createClients(url)
try {
  console.log(`Dump: ${dump.path} (${(dump.bytes / 1e6).toFixed(0)} MB); PostgreSQL: ${server.description}`)
  console.log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GB; load average ${loadAverage()}; ${new Date().toISOString().slice(0, 10)}`)
  console.log(`Server settings: ${Object.entries(await server.settings()).map(([k, v]) => `${k}=${v}`).join(' ')}`)

  let started = performance.now()
  const run = await createRun({ db, fileName: 'bench.sql' })
  await stageRun({ db, runId: run.id, source: openDumpFile(dump.path) })
  const tables = withDependencies([table])
  for (const legacyTable of tables) await validateTable({ db, runId: run.id, legacyTable })
  for (const legacyTable of tables.slice(0, -1)) await importTable({ db, runId: run.id, legacyTable })
  console.log(`Staged, validated ${tables.join(', ')} and imported the tables ${table} references in ${seconds(performance.now() - started)} s`)

  const figures = new Map<ImportMethod, number[]>(IMPORT_METHODS.map((m) => [m, []]))
  let rows = 0
  for (let round = 0; round < rounds; round++) {
    const order = IMPORT_METHODS.map((_, i) => IMPORT_METHODS[(i + round) % IMPORT_METHODS.length])
    for (const method of order) {
      await db.pool.query(`VACUUM ANALYZE ${mapping.targetTable}`)
      started = performance.now()
      const result = await importTable({ db, runId: run.id, legacyTable: table, method, batchSize })
      const ms = performance.now() - started
      rows = result.rowsImported
      figures.get(method)!.push(rows / (ms / 1000))
      console.log(`  round ${round + 1}  ${method.padEnd(13)} ${seconds(ms).padStart(7)} s  ${rate(rows, ms).padStart(8)} rows/s  (${result.batches} batches, ${result.orphansNulled} references NULLed)`)
      await rollBackTable({ db, runId: run.id, legacyTable: table })
    }
  }

  const best = (method: ImportMethod) => Math.max(...figures.get(method)!)
  const fastest = [...IMPORT_METHODS].sort((a, b) => best(b) - best(a))[0]
  console.log(`\n${table} → ${mapping.targetTable}: ${rows.toLocaleString('en-US')} rows, batches of ${batchSize}, best of ${rounds} round(s):`)
  for (const method of IMPORT_METHODS) {
    console.log(`  ${method.padEnd(13)} ${Math.round(best(method)).toLocaleString('en-US').padStart(8)} rows/s${method === fastest ? '  ← fastest' : ''}${method === DEFAULT_IMPORT_METHOD ? '  (importTable default)' : ''}`)
  }

  await importTable({ db, runId: run.id, legacyTable: table, method: fastest, batchSize })
  started = performance.now()
  await importTable({ db, runId: run.id, legacyTable: table, method: fastest, batchSize })
  const again = performance.now() - started
  console.log(`  imported again over itself (${fastest}, nothing changed): ${seconds(again)} s, ${rate(rows, again)} rows/s`)

  // Into a table the backend owns (issue 17): the same empty table, no longer recorded as created
  // by the app, loaded with its indexes and foreign keys in place (the default), then with them
  // dropped and rebuilt (--drop-backend-indexes), one round each.
  await rollBackTable({ db, runId: run.id, legacyTable: table })
  await db.pool.query('DELETE FROM migration_target_tables WHERE table_name = $1', [mapping.targetTable])
  console.log(`\nInto ${mapping.targetTable} as a table the backend owns (empty):`)
  for (const dropBackendIndexes of [false, true]) {
    await db.pool.query(`VACUUM ANALYZE ${mapping.targetTable}`)
    started = performance.now()
    const result = await importTable({ db, runId: run.id, legacyTable: table, dropBackendIndexes })
    const ms = performance.now() - started
    const how = dropBackendIndexes ? 'indexes and keys dropped, rebuilt after (--drop-backend-indexes)' : 'indexes and keys kept (default)'
    console.log(`  ${seconds(ms).padStart(7)} s  ${rate(result.rowsImported, ms).padStart(8)} rows/s  ${how}; ${result.indexesDeferred} deferred`)
    await rollBackTable({ db, runId: run.id, legacyTable: table })
  }
  console.log(`load average after: ${loadAverage()}`)
} finally {
  await closeClients(db)
  await server.dropDatabase(name)
  await server.stop()
}
