// The body of a validation worker thread (started by validation-workers.ts through
// validation-worker-boot.mjs): its own database clients on the URL it was given, one table's
// validation pass at a time, progress and the outcome posted back.

import { parentPort, workerData } from 'node:worker_threads'
import { closeClients, createClients } from '@/lib/db/prisma'
import { isAppError } from '@/lib/errors'
import { validateTable } from './validate-table'
import type { WorkerReply, WorkerRequest, WorkerSetup } from './validation-workers'

const port = parentPort
if (!port) throw new Error('validation-worker.ts runs in a worker thread (see validation-workers.ts)')
const setup = workerData as WorkerSetup
const db = createClients(setup.url, { max: 4 })
const reply = (message: WorkerReply) => port.postMessage(message)

port.on('message', async (request: WorkerRequest) => {
  if (request.type === 'close') {
    await closeClients(db)
    port.close()
    return
  }
  const { id, runId, legacyTable, importTime } = request
  try {
    const result = await validateTable({ db, runId, legacyTable, importTime, onProgress: (rows) => reply({ type: 'progress', id, rows }) })
    reply({ type: 'done', id, result })
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error))
    reply({
      type: 'failed',
      id,
      error: { message: failure.message, stack: failure.stack, code: isAppError(failure) ? failure.code : undefined, details: isAppError(failure) ? failure.details : undefined },
    })
  }
})
