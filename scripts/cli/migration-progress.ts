// The pipeline's progress as bars on stderr: bytes while staging, rows while validating and
// importing (all selected tables together, the current table named; the two stages overlap, so
// each has its own bar), parts while reconciling.
import type { MigrationProgress, MigrationStage } from '@/lib/pipeline/run-migration'
import { createByteProgress, createCountProgress } from './progress'

type Bar = ReturnType<typeof createByteProgress>

const LABELS = { stage: 'Staging    ', validate: 'Validating ', import: 'Importing  ', reconcile: 'Reconciling' } as const

export function createMigrationProgress(totalBytes: number) {
  const bars = new Map<MigrationStage, Bar>()
  // rows done per table, per stage (validation and import each work on several tables at once)
  const rowsDone = new Map<MigrationStage, Map<string, number>>()

  const stopStage = (stage: MigrationStage) => {
    bars.get(stage)?.stop()
    bars.delete(stage)
  }
  const stop = () => {
    for (const stage of [...bars.keys()]) stopStage(stage)
  }

  return {
    onProgress(event: MigrationProgress) {
      switch (event.kind) {
        case 'bytes': {
          if (!bars.has('stage')) bars.set('stage', createByteProgress(LABELS.stage, totalBytes))
          bars.get('stage')!.update(event.bytes, event.table ?? '')
          break
        }
        case 'start':
          stopStage(event.stage)
          rowsDone.set(event.stage, new Map())
          bars.set(event.stage, event.stage === 'reconcile' ? createCountProgress(LABELS.reconcile, event.total, 'parts') : createCountProgress(LABELS[event.stage], event.total))
          break
        case 'rows': {
          const done = rowsDone.get(event.stage) ?? new Map<string, number>()
          rowsDone.set(event.stage, done.set(event.table, event.rowsDone))
          bars.get(event.stage)?.update([...done.values()].reduce((a, b) => a + b, 0), event.table)
          break
        }
        case 'parts':
          if (!bars.has('reconcile')) bars.set('reconcile', createCountProgress(LABELS.reconcile, event.total, 'parts'))
          bars.get('reconcile')!.update(event.done, event.part)
          break
        case 'done':
          stopStage(event.stage)
          break
      }
    },
    stop,
  }
}
