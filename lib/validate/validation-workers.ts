// Validation passes on worker threads (validate-run.ts runs one table in the calling thread and
// the others here). Mapping rows is JavaScript work on one thread: with two tables in one thread,
// that thread was the limit while PostgreSQL used half of the other core. A table's pass stays
// sequential inside its thread: the order of its rows decides which of two rows with the same ID
// is kept.

import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { projectRoot } from '@/lib/db/paths'
import { AppError, type AppErrorCode } from '@/lib/errors'
import type { ValidationResult } from './validate-table'

/** what a worker is started with */
export interface WorkerSetup {
  url: string
}

export type WorkerRequest = { type: 'validate'; id: number; runId: string; legacyTable: string; importTime?: Date } | { type: 'close' }

export interface WorkerError {
  message: string
  stack?: string
  code?: AppErrorCode
  details?: Record<string, unknown>
}

export type WorkerReply =
  | { type: 'progress'; id: number; rows: number }
  | { type: 'done'; id: number; result: ValidationResult }
  | { type: 'failed'; id: number; error: WorkerError }

export interface ValidateInWorkerOptions {
  runId: string
  legacyTable: string
  importTime?: Date
  onProgress?: (rowsDone: number) => void
}

interface Task extends ValidateInWorkerOptions {
  id: number
  resolve: (result: ValidationResult) => void
  reject: (error: Error) => void
  /** resolves once the task is done or failed */
  settled: Promise<unknown>
}

interface Thread {
  worker: Worker
  task: Task | null
  gone: boolean
}

const WORKER_ENTRY = ['lib', 'validate', 'validation-worker-boot.mjs']
const CLOSE_TIMEOUT_MS = 10_000

/**
 * Up to `threads` worker threads, each validating one table at a time (validateTable with its own
 * database clients on `url`). Tables are taken in the order `validate` was called, each by the
 * first free thread. A thread that dies fails its table, naming it, and the next table gets a new
 * thread. `close()` once done: it waits for the tables in progress and ends the threads.
 */
export class ValidationWorkers {
  private readonly threads: Thread[] = []
  private readonly queue: Task[] = []
  private nextId = 1
  private closed = false

  constructor(private readonly options: { url: string; threads: number }) {}

  validate(options: ValidateInWorkerOptions): Promise<ValidationResult> {
    if (this.closed) return Promise.reject(new Error('The validation workers are closed'))
    const task = { ...options, id: this.nextId++ } as Task
    const result = new Promise<ValidationResult>((resolve, reject) => Object.assign(task, { resolve, reject }))
    task.settled = result.catch(() => undefined)
    this.queue.push(task)
    this.dispatch()
    return result
  }

  async close(): Promise<void> {
    this.closed = true
    for (const task of this.queue.splice(0)) task.reject(new Error(`Validation of ${task.legacyTable} was not started: the workers were closed`))
    await Promise.all(
      [...this.threads].map(async (thread) => {
        await thread.task?.settled
        if (thread.gone) return
        const exited = new Promise((resolve) => thread.worker.once('exit', resolve))
        thread.worker.postMessage({ type: 'close' } satisfies WorkerRequest)
        const timer = setTimeout(() => void thread.worker.terminate(), CLOSE_TIMEOUT_MS)
        await exited
        clearTimeout(timer)
      }),
    )
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const thread = this.threads.find((t) => t.task === null && !t.gone) ?? (this.threads.length < Math.max(1, this.options.threads) ? this.spawn() : null)
      if (!thread) return
      const task = this.queue.shift()!
      thread.task = task
      const request: WorkerRequest = { type: 'validate', id: task.id, runId: task.runId, legacyTable: task.legacyTable, importTime: task.importTime }
      thread.worker.postMessage(request)
    }
  }

  private spawn(): Thread {
    const worker = new Worker(path.join(projectRoot(), ...WORKER_ENTRY), { workerData: { url: this.options.url } satisfies WorkerSetup })
    const thread: Thread = { worker, task: null, gone: false }
    this.threads.push(thread)
    worker.on('message', (reply: WorkerReply) => this.receive(thread, reply))
    worker.on('error', (error) => this.lose(thread, error))
    worker.on('exit', (code) => this.lose(thread, new Error(`the worker thread ended (exit code ${code})`)))
    return thread
  }

  private receive(thread: Thread, reply: WorkerReply): void {
    const task = thread.task
    if (!task || reply.id !== task.id) return
    if (reply.type === 'progress') {
      task.onProgress?.(reply.rows)
      return
    }
    thread.task = null
    if (reply.type === 'done') task.resolve(reply.result)
    else task.reject(errorFrom(reply.error))
    this.dispatch()
  }

  /** A thread that crashed or ended: its table fails, naming it; queued tables get a new thread. */
  private lose(thread: Thread, error: Error): void {
    if (thread.gone) return
    thread.gone = true
    this.threads.splice(this.threads.indexOf(thread), 1)
    const task = thread.task
    thread.task = null
    task?.reject(new Error(`Validating ${task.legacyTable} failed: ${error.message}`, { cause: error }))
    if (!this.closed) this.dispatch()
  }
}

/** The worker's error as this thread's: an AppError stays one (its message may reach the operator). */
function errorFrom(error: WorkerError): Error {
  const rebuilt = error.code ? new AppError(error.code, error.message, error.details) : new Error(error.message)
  if (error.stack) rebuilt.stack = error.stack
  return rebuilt
}
