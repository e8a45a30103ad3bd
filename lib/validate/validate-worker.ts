// A worker thread of the validation pass (see validate-in-workers.ts): validates the tables it is
// sent, one at a time, on its own database connections, and answers with each table's result.
import { parentPort, workerData } from 'node:worker_threads'
import { closeClients, createClients } from '@/lib/db/prisma'
import { validateTable } from './validate-table'

export interface ValidateWorkerData {
  databaseUrl: string
  runId: string
  importTime: string
}

export type ValidateWorkerRequest = { legacyTable: string } | { done: true }

const data = workerData as ValidateWorkerData
const db = createClients(data.databaseUrl, { max: 4 })
const port = parentPort!

port.on('message', async (request: ValidateWorkerRequest) => {
  if ('done' in request) {
    await closeClients(db)
    port.close()
    return
  }
  try {
    const result = await validateTable({ db, runId: data.runId, legacyTable: request.legacyTable, importTime: new Date(data.importTime) })
    port.postMessage({ ok: true, result })
  } catch (error) {
    port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) })
  }
})
port.postMessage({ ready: true })
