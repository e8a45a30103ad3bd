// A child process that imports one table and can be killed mid-way (kill -9) by the crash test:
//
//   node --import tsx lib/import/testing/import-in-child.ts DATABASE_URL RUN_ID TABLE BATCH_SIZE [BULK_LOAD_MIN_ROWS] [batches|bulk]
//
// Prints one line per committed batch on stdout. `batches` writes an empty table in batches, as a
// table that has rows is written (the default here); `bulk` in one statement, as importTable does.
import { closeClients, createClients } from '@/lib/db/prisma'
import { importTable } from '@/lib/import/import-table'

const [url, runId, legacyTable, batchSize, bulkLoadMinRows, mode = 'batches'] = process.argv.slice(2)
const db = createClients(url)
try {
  await importTable({
    db,
    runId,
    legacyTable,
    batchSize: Number(batchSize),
    bulkLoadMinRows: bulkLoadMinRows === undefined ? undefined : Number(bulkLoadMinRows),
    bulkInsert: mode === 'bulk',
    actor: 'crash-test child',
    onProgress: (p) => process.stdout.write(`batch ${p.batch} rows ${p.rowsDone}/${p.rowsTotal}\n`),
  })
} finally {
  await closeClients(db)
}
