// Staging and validation speed on a generated production-shaped dump:
//
//   npm run bench:stage -- [--size 355MB]
//
// Prints: the time to `cat` the file and to read it with the dump reader alone (the baselines);
// the one pass the app and the command line make — staging with every row mapped as it is staged,
// then the set-based rules (orphans, repeated IDs) — with MB/s, rows/s and peak RSS; and, for
// comparison in the same run, the two passes it replaces: staging alone, then the validation pass
// (the staged rows read back and mapped; two tables at once, on this thread and a worker thread).
// Goals (issue 3): staging ≤ 30 s for 355 MB with flat memory; validation ≥ 100k rows/s.
import { spawnSync } from 'node:child_process'
import { parseArgs } from 'node:util'
import { closeClients, createClients } from '@/lib/db/prisma'
import { createTestDatabase } from '@/lib/db/test-database'
import { openDumpFile, readDump } from '@/lib/dump'
import { inspectDump } from '@/lib/dump/inspect-dump'
import { createRun } from '@/lib/runs/create-run'
import { stageRun } from '@/lib/staging/stage-run'
import { validateRun } from '@/lib/validate/validate-run'
import { ensureGeneratedDump, loadAverage, peakRssMb } from './support/generated-dump'

const { values } = parseArgs({ options: { size: { type: 'string', default: '355MB' } } })
const dump = ensureGeneratedDump(values.size!)
const mb = dump.bytes / 1e6
const seconds = (ms: number) => (ms / 1000).toFixed(2)

const database = await createTestDatabase()
const db = createClients(database.url)
try {
  console.log(`Dump: ${dump.path} (${mb.toFixed(0)} MB); load average before: ${loadAverage()}`)

  let started = Date.now()
  const onePassRun = await createRun({ db, fileName: 'bench-one-pass.sql' })
  const onePass = await stageRun({ db, runId: onePassRun.id, source: openDumpFile(dump.path) })
  const onePassMs = Date.now() - started
  const onePassPeak = peakRssMb()
  if (onePass.validated.size !== 21) throw new Error(`the pass validated ${onePass.validated.size} tables, not 21`)

  started = Date.now()
  const run = await createRun({ db, fileName: 'bench.sql' })
  const staged = await stageRun({ db, runId: run.id, source: openDumpFile(dump.path), validate: false })
  const stageMs = Date.now() - started
  const rows = staged.staging.info.rows
  const stagePeak = peakRssMb()

  started = Date.now()
  const results = await validateRun({ db, runId: run.id })
  const validateMs = Date.now() - started
  const validatePeak = peakRssMb()

  // The same pass on this thread alone, for comparison (it runs second: caches warm, so it is
  // if anything favoured).
  started = Date.now()
  await validateRun({ db, runId: run.id, threads: 1 })
  const oneThreadMs = Date.now() - started

  started = Date.now()
  spawnSync('sh', ['-c', `cat '${dump.path}' > /dev/null`])
  const catMs = Date.now() - started
  started = Date.now()
  await inspectDump(readDump(openDumpFile(dump.path)))
  const readMs = Date.now() - started

  console.log('')
  console.log(`baseline  cat                 ${seconds(catMs).padStart(7)} s  ${(mb / (catMs / 1000)).toFixed(0).padStart(5)} MB/s`)
  console.log(`baseline  reader only         ${seconds(readMs).padStart(7)} s  ${(mb / (readMs / 1000)).toFixed(0).padStart(5)} MB/s`)
  console.log(`one pass  stage + validate    ${seconds(onePassMs).padStart(7)} s  ${(mb / (onePassMs / 1000)).toFixed(0).padStart(5)} MB/s  ${Math.round(rows / (onePassMs / 1000))} rows/s  every row staged and validated  peak RSS ${onePassPeak.toFixed(0)} MB`)
  console.log(`          = ${seconds(stageMs + validateMs)} s as two passes below (${(((stageMs + validateMs) / onePassMs)).toFixed(2)}×)`)
  console.log(`stage     reader → COPY       ${seconds(stageMs).padStart(7)} s  ${(mb / (stageMs / 1000)).toFixed(0).padStart(5)} MB/s  ${Math.round(rows / (stageMs / 1000))} rows/s  ${rows} rows  peak RSS ${stagePeak.toFixed(0)} MB  (goal ≤ 30 s)`)
  const validated = results.reduce((n, r) => n + r.rows, 0)
  console.log(`validate  21 tables           ${seconds(validateMs).padStart(7)} s  ${Math.round(validated / (validateMs / 1000))} rows/s  ${validated} rows  peak RSS ${validatePeak.toFixed(0)} MB  (goal ≥ 100k rows/s)`)
  console.log(`          one at a time, 1 thread${seconds(oneThreadMs).padStart(7)} s  ${Math.round(validated / (oneThreadMs / 1000))} rows/s  (the same pass again, as the app ran it before: for comparison)`)
  for (const r of [...results].sort((a, b) => b.rows - a.rows).slice(0, 6)) {
    console.log(`          ${r.legacyTable.padEnd(20)}${seconds(r.milliseconds).padStart(7)} s  ${Math.round(r.rows / (r.milliseconds / 1000))} rows/s  ${r.rows} rows  ${r.warnings} warnings  ${r.errors} errors`)
  }
  console.log(`load average after: ${loadAverage()}`)
} finally {
  await closeClients(db)
  await database.drop()
}
