// The pipeline's progress as bars on stderr: bytes while staging, rows while validating and
// importing (all selected tables together, the current table named), parts while reconciling.
import type { MigrationProgress } from '@/lib/pipeline/run-migration'
import { createByteProgress, createCountProgress } from './progress'

type Bar = ReturnType<typeof createByteProgress>

const LABELS = { stage: 'Staging    ', validate: 'Validating ', import: 'Importing  ', reconcile: 'Reconciling' } as const

export function createMigrationProgress(totalBytes: number) {
  let bar: Bar | null = null
  // rows done per table in the current stage (validation works on two tables at once)
  let rowsDone = new Map<string, number>()

  const stop = () => {
    bar?.stop()
    bar = null
  }

  return {
    onProgress(event: MigrationProgress) {
      switch (event.kind) {
        case 'bytes':
          bar ??= createByteProgress(LABELS.stage, totalBytes)
          bar.update(event.bytes, event.table ?? '')
          break
        case 'start':
          stop()
          rowsDone = new Map()
          bar = event.stage === 'reconcile' ? createCountProgress(LABELS.reconcile, event.total, 'parts') : createCountProgress(LABELS[event.stage], event.total)
          break
        case 'rows':
          rowsDone.set(event.table, event.rowsDone)
          bar?.update([...rowsDone.values()].reduce((a, b) => a + b, 0), event.table)
          break
        case 'parts':
          bar ??= createCountProgress(LABELS.reconcile, event.total, 'parts')
          bar.update(event.done, event.part)
          break
        case 'done':
          stop()
          break
      }
    },
    stop,
  }
}
