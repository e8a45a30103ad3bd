// Rows per table: every staged row is imported or rejected with its reason, nothing else is in the
// target table, and as many rows are deleted on both sides.

import { check, plural, withStatus } from './checks'
import type { ReconciliationCheck, TableFigures, TableReport } from './report-schema'

export function evaluateTable(f: TableFigures): TableReport {
  const checks: ReconciliationCheck[] = []
  const { source, target, legacyTable, targetTable } = f

  if (source === null) {
    checks.push(
      target.rows === 0
        ? check('in_dump', 'skip', null, 0, null, `${legacyTable} is not in the dump; ${targetTable} is empty.`)
        : check('in_dump', 'fail', 0, target.rows, -target.rows, `${legacyTable} is not in the dump, yet ${targetTable} holds ${plural(target.rows, 'row')}.`),
    )
    return withStatus(f, checks)
  }
  if (source.accepted === null || source.rejected === null) {
    checks.push(check('validated', 'fail', source.staged, null, null, `${legacyTable} was staged (${plural(source.staged, 'row')}) but never validated: there is nothing its target rows can be compared with.`))
    return withStatus(f, checks)
  }

  const accounted = target.imported + source.rejected
  const unaccounted = source.staged - accounted
  checks.push(
    check(
      'rows_accounted',
      unaccounted !== 0 ? 'fail' : source.rejected > 0 ? 'warn' : 'pass',
      source.staged,
      accounted,
      unaccounted,
      unaccounted !== 0
        ? `${plural(target.missing, 'accepted row')} of ${legacyTable} ${target.missing === 1 ? 'is' : 'are'} missing from ${targetTable}: ${source.staged} staged ≠ ${target.imported} imported + ${source.rejected} rejected.`
        : source.rejected > 0
          ? `${source.staged} staged = ${target.imported} imported + ${source.rejected} rejected (kept in staging with their reasons).`
          : `All ${plural(source.staged, 'staged row')} of ${legacyTable} are in ${targetTable}.`,
    ),
  )

  checks.push(
    check(
      'no_extra_rows',
      target.extra === 0 ? 'pass' : 'fail',
      0,
      target.extra,
      -target.extra,
      target.extra === 0
        ? `Every row of ${targetTable} comes from a row of ${legacyTable}.`
        : `${plural(target.extra, 'row')} of ${targetTable} come${target.extra === 1 ? 's' : ''} from no accepted row of ${legacyTable} (an earlier import, or written by hand).`,
    ),
  )

  if (target.decided > 0) {
    checks.push(
      check(
        'decided_rows',
        'pass',
        target.decided,
        null,
        null,
        `${plural(target.decided, 'row')} of ${legacyTable} ${target.decided === 1 ? 'has' : 'have'} values the operator decided (set or repaired): compared with the decided row, and kept out of the sums, times and references taken from the source's own values.`,
      ),
    )
  }

  if (target.notFromLegacy > 0) {
    checks.push(
      check(
        'rows_not_from_legacy',
        'pass',
        null,
        target.notFromLegacy,
        null,
        `${plural(target.notFromLegacy, 'row')} of ${targetTable} ${target.notFromLegacy === 1 ? 'is' : 'are'} not from the legacy system (no legacy_id): the new system's own, counted apart and left as they are.`,
      ),
    )
  }

  const unexplained = source.rejected - source.rejectedWithReason
  checks.push(
    check(
      'rejections_have_reasons',
      unexplained === 0 ? 'pass' : 'fail',
      source.rejected,
      source.rejectedWithReason,
      unexplained,
      unexplained === 0
        ? source.rejected === 0
          ? 'No row was rejected.'
          : `Each of the ${plural(source.rejected, 'rejected row')} has its reason in the row issues.`
        : `${source.rejected} rows were rejected, but ${source.rejectedWithReason} have an error recorded: the reason of the others is lost.`,
    ),
  )

  if (source.deleted !== null || target.deleted !== null) {
    const s = source.deleted ?? 0
    const t = target.deleted ?? 0
    checks.push(
      check(
        'deleted',
        s === t ? 'pass' : 'fail',
        s,
        t,
        s - t,
        s === t
          ? `${plural(s, 'row')} with Deleted = 1 ↔ deleted_at set.`
          : `${plural(s, 'accepted row')} of ${legacyTable} ${s === 1 ? 'has' : 'have'} Deleted = 1, but ${plural(t, 'row')} of ${targetTable} ${t === 1 ? 'has' : 'have'} deleted_at set.`,
      ),
    )
  }

  const book = f.bookkeeping
  if (book === null) {
    checks.push(check('bookkeeping', 'warn', null, null, null, `The run has no bookkeeping row for ${legacyTable}.`))
  } else {
    const problems: string[] = []
    if (f.state !== 'imported') problems.push(`its state is ${f.state ?? 'unknown'}, not imported`)
    if (book.rowsStaged !== source.staged) problems.push(`it counts ${book.rowsStaged} staged rows (the staging table has ${source.staged})`)
    if (book.rowsImported !== target.imported) problems.push(`it counts ${book.rowsImported} imported rows (${targetTable} has ${target.imported})`)
    if (book.rowsRejected !== source.rejected) problems.push(`it counts ${book.rowsRejected} rejected rows (validation rejected ${source.rejected})`)
    checks.push(
      check(
        'bookkeeping',
        problems.length === 0 ? 'pass' : 'warn',
        `${book.rowsStaged} staged, ${book.rowsImported} imported, ${book.rowsRejected} rejected`,
        `${source.staged} staged, ${target.imported} imported, ${source.rejected} rejected`,
        null,
        problems.length === 0 ? 'The run’s bookkeeping agrees with the tables.' : `The run’s bookkeeping for ${legacyTable} disagrees: ${problems.join('; ')}.`,
      ),
    )
  }
  return withStatus(f, checks)
}
