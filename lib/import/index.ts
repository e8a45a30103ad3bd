// The import: one validated table of a run into its target table, and back (see import-table.ts).
export {
  importTable,
  planImport,
  DEFAULT_BATCH_SIZE,
  DEFAULT_IMPORT_METHOD,
  IMPORT_METHODS,
  type ImportMethod,
  type ImportProgress,
  type ImportTableOptions,
  type ImportTableResult,
} from './import-table'
export { rollBackTable, type RollBackTableOptions, type RollBackTableResult } from './roll-back-table'
export {
  checkDependencies,
  missingDependencies,
  dependentsHoldingRows,
  type BlockingTable,
  type CheckDependenciesOptions,
  type DependencyCheck,
  type TableStates,
} from './check-dependencies'
export { referencesOf, referencedTargetTable, type Reference } from './references'
