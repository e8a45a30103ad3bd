import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { mappingFor, RULE_CODES, isRuleCode, type Severity } from '@/lib/mappings'
import { isSecretLegacyColumn } from '@/lib/preview/secret-values'
import { getRunOverview, type TableOverview } from './get-run-overview'
import type { RunSummary } from './run-summary'

export interface RejectedRow {
  rowNumber: number
  legacyId: number | null
  reasons: { code: string; column: string | null; message: string; sourceValue: string | null }[]
}

export interface ImportSummary {
  run: RunSummary
  table: TableOverview
  /** rows the import writes: the rows validation accepted */
  rowsToWrite: number
  rules: { code: string; severity: Severity; description: string; count: number }[]
  /** the first rejected rows with their reasons (all of them are in the preview) */
  rejected: RejectedRow[]
  /** the tables this one references, with their state */
  dependencies: { table: string; state: string }[]
  /** this table's audit trail, newest first */
  events: { type: string; actor: string | null; createdAt: string; message: string | null }[]
}

/** Rejected rows shown on the confirmation page; the preview lists every one. */
const REJECTED_SHOWN = 100

/** What the import confirmation page says: what will be written, what is rejected and why, and what happened so far. */
export async function getTableImportSummary({ db, runId, legacyTable }: { db: DatabaseClients; runId: string; legacyTable: string }): Promise<ImportSummary> {
  const mapping = mappingFor(legacyTable)
  if (!mapping) throw new AppError('NOT_FOUND', `${legacyTable} is not a table the migration maps`)
  const overview = await getRunOverview({ db, runId })
  const table = overview.tables.find((t) => t.legacyTable === legacyTable)!
  if (table.state === 'pending') throw new AppError('NOT_FOUND', `Run ${runId} has no staged tables yet`)

  const issues = await db.pool.query<{ row_number: number; legacy_id: number | null; code: string; column_name: string | null; message: string; source_value: string | null }>(
    `select row_number, legacy_id, code, column_name, message, source_value from migration_row_issues
      where run_id = $1 and legacy_table = $2 and severity = 'error'
        and row_number in (select distinct row_number from migration_row_issues
                            where run_id = $1 and legacy_table = $2 and severity = 'error' order by row_number limit $3)
      order by row_number, id`,
    [runId, legacyTable, REJECTED_SHOWN],
  )
  const rejected = new Map<number, RejectedRow>()
  for (const issue of issues.rows) {
    const row = rejected.get(issue.row_number) ?? { rowNumber: issue.row_number, legacyId: issue.legacy_id, reasons: [] }
    row.reasons.push({
      code: issue.code,
      column: issue.column_name,
      message: issue.message,
      sourceValue: isSecretLegacyColumn(legacyTable, issue.column_name) ? null : issue.source_value,
    })
    rejected.set(issue.row_number, row)
  }

  const events = await db.prisma.migrationEvent.findMany({
    where: { runId, legacyTable, type: { startsWith: 'table.' } },
    orderBy: { id: 'desc' },
    take: 20,
  })
  const stateOf = new Map(overview.tables.map((t) => [t.legacyTable, t.state]))
  return {
    run: overview.run,
    table,
    rowsToWrite: Math.max(0, table.rowsStaged - table.rowsRejected),
    rules: Object.entries(table.countsByRule)
      .filter(([code, count]) => count > 0 && isRuleCode(code))
      .map(([code, count]) => {
        const rule = RULE_CODES[code as keyof typeof RULE_CODES]
        return { code, severity: rule.severity as Severity, description: rule.description, count }
      })
      .sort((a, b) => (a.severity === b.severity ? b.count - a.count : a.severity === 'error' ? -1 : 1)),
    rejected: [...rejected.values()],
    dependencies: mapping.dependsOn.map((t) => ({ table: t, state: stateOf.get(t) ?? 'missing' })),
    events: events.map((e) => {
      const data = (e.data ?? {}) as { reason?: string; message?: string; rowsImported?: number; rowsDeleted?: number }
      return {
        type: e.type,
        actor: e.actor,
        createdAt: e.createdAt.toISOString(),
        message: data.reason ?? data.message ?? (data.rowsImported !== undefined ? `${data.rowsImported} rows` : data.rowsDeleted !== undefined ? `${data.rowsDeleted} rows removed` : null),
      }
    }),
  }
}
