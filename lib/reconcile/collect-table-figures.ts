// Rows per table, in one round trip: staged, accepted (mapped__), rejected with a reason, deleted on
// both sides, and how the target's rows match the accepted source rows by legacy_id.

import type { Mapping } from '@/lib/mappings'
import { quoteIdent } from '@/lib/staging/staging-names'
import type { TableFigures } from './report-schema'
import { hasMapped, hasStaged, mappedRef, stagedColumn, stagedRef, toCount, type ReconcileScope } from './reconcile-scope'
import { sqlFlag } from './source-sql'

export interface Bookkeeping {
  state: string
  rowsStaged: number
  rowsImported: number
  rowsRejected: number
}

export async function collectTableFigures(scope: ReconcileScope, mapping: Mapping, bookkeeping: Bookkeeping | null): Promise<TableFigures> {
  const targetTable = mapping.targetTable
  const target = quoteIdent(targetTable)
  const hasDeletedAt = scope.targetColumns.get(targetTable)?.has('deleted_at') ?? false
  const hasDeletedFlag = mapping.legacyColumns.includes('Deleted')
  const staged = hasStaged(scope, mapping.legacyTable)
  const mapped = staged && hasMapped(scope, targetTable)
  const S = staged ? stagedRef(scope, mapping.legacyTable) : ''
  const M = mapped ? mappedRef(scope, targetTable) : ''

  const selects = [
    `(select count(*) from ${target}) as target_rows`,
    hasDeletedAt ? `(select count(*) from ${target} where deleted_at is not null) as target_deleted` : 'null as target_deleted',
  ]
  if (staged) {
    selects.push(`(select count(*) from ${S}) as staged`, `(select count(*) from ${S} where _legacy_id is null) as without_id`)
  }
  if (mapped) {
    selects.push(
      `(select count(*) from ${M}) as accepted`,
      `(select count(*) from ${M} m join ${target} t on t.legacy_id = m.legacy_id) as imported`,
      `(select count(distinct i.row_number) from migration_row_issues i
         where i.run_id = $1 and i.legacy_table = $2 and i.severity = 'error'
           and not exists (select 1 from ${M} m where m._row = i.row_number)) as rejected_with_reason`,
      hasDeletedFlag
        ? `(select count(*) from ${S} s join ${M} m on m._row = s._row where ${sqlFlag(stagedColumn(scope, mapping.legacyTable, 's', 'Deleted'), 0)}) as source_deleted`
        : 'null as source_deleted',
    )
  }
  const { rows } = await scope.pool.query(`select ${selects.join(',\n')}`, mapped ? [scope.runId, mapping.legacyTable] : [])
  const r = rows[0]
  const targetRows = toCount(r.target_rows)
  const imported = mapped ? toCount(r.imported) : 0
  const accepted = mapped ? toCount(r.accepted) : null
  const stagedRows = staged ? toCount(r.staged) : 0

  return {
    legacyTable: mapping.legacyTable,
    targetTable,
    state: bookkeeping?.state ?? null,
    source: staged
      ? {
          staged: stagedRows,
          withoutId: toCount(r.without_id),
          accepted,
          rejected: accepted === null ? null : stagedRows - accepted,
          rejectedWithReason: mapped ? toCount(r.rejected_with_reason) : 0,
          deleted: mapped && hasDeletedFlag ? toCount(r.source_deleted) : null,
        }
      : null,
    target: {
      rows: targetRows,
      imported,
      missing: accepted === null ? 0 : accepted - imported,
      extra: mapped ? targetRows - imported : 0,
      deleted: hasDeletedAt ? toCount(r.target_deleted) : null,
    },
    bookkeeping: bookkeeping ? { rowsStaged: bookkeeping.rowsStaged, rowsImported: bookkeeping.rowsImported, rowsRejected: bookkeeping.rowsRejected } : null,
  }
}
