// Reconciliation: proves after an import that nothing was lost (see reconcile-run.ts).
export { reconcileRun, type ReconcileRunOptions, type ReconcileRunResult } from './reconcile-run'
export { renderReportCsv, renderReportJson, reportRows, CSV_COLUMNS, type CsvRow } from './render-report'
export * from './report-schema'
