import { Worker } from 'node:worker_threads'
import type { ValidationResult } from './validate-table'
import type { ValidateWorkerData } from './validate-worker'

export interface ValidateInWorkersOptions {
  databaseUrl: string
  runId: string
  /** legacy tables to validate, in the order they should start */
  tables: string[]
  workers: number
  importTime: Date
}

/**
 * The validation pass on several threads. Mapping is JavaScript on one core per thread; the
 * tables of a run are independent here (references are checked against staged ids), so each
 * worker takes the next table. Used by the CLI and benchmarks, which run TypeScript through tsx:
 * the worker registers tsx's loader itself, since loader flags do not reach worker threads.
 */
export async function validateInWorkers(options: ValidateInWorkersOptions): Promise<ValidationResult[]> {
  const queue = [...options.tables]
  const results: ValidationResult[] = []
  const workerUrl = new URL('./validate-worker.ts', import.meta.url).href
  const data: ValidateWorkerData = { databaseUrl: options.databaseUrl, runId: options.runId, importTime: options.importTime.toISOString() }
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl)}) })`,
        { eval: true, workerData: data },
      )
      const next = () => {
        const legacyTable = queue.shift()
        worker.postMessage(legacyTable === undefined ? { done: true } : { legacyTable })
      }
      worker.on('message', (message: { ready: true } | { ok: true; result: ValidationResult } | { ok: false; message: string }) => {
        if ('ready' in message) return next()
        if (!message.ok) {
          queue.length = 0
          void worker.terminate()
          return reject(new Error(message.message))
        }
        results.push(message.result)
        next()
      })
      worker.on('error', reject)
      worker.on('exit', () => resolve())
    })
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.workers, options.tables.length)) }, runWorker))
  const order = new Map(options.tables.map((t, i) => [t, i]))
  return results.sort((a, b) => order.get(a.legacyTable)! - order.get(b.legacyTable)!)
}
