// One legacy reference: the source's none / resolved / orphan counts against the target's, row by
// row, plus the integrity of the uuid half (it names the row whose legacy_id is the legacy half).
//
// A reference to a row that is staged but was rejected resolves in the source, yet that row is not
// in the target: the importer leaves the uuid empty, keeps the legacy id and reports ORPHAN_REF, so
// the target counts it as an orphan. That is expected, and said (warn), not a failure.

import { check, listExamples, plural, withStatus } from './checks'
import type { ReconciliationCheck, ReferenceFigures, ReferenceReport } from './report-schema'

export function referenceName(f: Pick<ReferenceFigures, 'legacyTable' | 'legacyColumn'>): string {
  return `${f.legacyTable}.${f.legacyColumn}`
}

export function evaluateReference(f: ReferenceFigures): ReferenceReport {
  const name = referenceName(f)
  const targetPair = f.kind === 'pair' ? `${f.targetTable}.${f.targetColumn}` : `${f.targetTable}.${f.targetColumn}.${f.legacyTargetColumn}`
  const { source, target } = f
  if (source === null || target === null) {
    return withStatus(f, [check('compared', 'skip', null, null, null, `${name} was not compared: ${source === null ? `${f.legacyTable} was not validated` : `${f.targetTable} was not read`}.`)])
  }
  const checks: ReconciliationCheck[] = []

  checks.push(
    check('none', source.none === target.none ? 'pass' : 'fail', source.none, target.none, source.none - target.none,
      source.none === target.none
        ? `${plural(source.none, 'row')} without a reference (0 or NULL) on both sides.`
        : `${source.none} rows of ${f.legacyTable} have ${f.legacyColumn} 0 or NULL, but ${target.none} rows of ${f.targetTable} have no reference.`),
  )

  checks.push(
    check('resolved', source.resolved === target.resolved ? 'pass' : 'fail', source.resolved, target.resolved, source.resolved - target.resolved,
      source.resolved === target.resolved
        ? `${plural(source.resolved, 'reference')} to ${f.referencedLegacyTable} resolved on both sides.`
        : `${source.resolved} values of ${name} point at an imported row of ${f.referencedLegacyTable}, but ${target.resolved} rows of ${f.targetTable} have ${targetPair} set.`),
  )

  const expectedOrphans = source.orphan + source.rejectedTarget
  const orphanStatus = expectedOrphans !== target.orphan ? 'fail' : expectedOrphans > 0 ? 'warn' : 'pass'
  const toRejected = source.rejectedTarget > 0 ? `, ${source.rejectedTarget} of them at rows of ${f.referencedLegacyTable} that were rejected` : ''
  checks.push(
    check('orphan', orphanStatus, expectedOrphans, target.orphan, expectedOrphans - target.orphan,
      orphanStatus === 'fail'
        ? `${expectedOrphans} values of ${name} point at no imported row of ${f.referencedLegacyTable}, but ${target.orphan} rows of ${f.targetTable} are orphans.`
        : expectedOrphans === 0
          ? `No orphan in ${name}.`
          : `${plural(expectedOrphans, 'orphan')} (${name} pointing at no imported row${toRejected}), kept as legacy ids on both sides${f.orphanExamples.length ? `; e.g. ID ${listExamples(f.orphanExamples.map((e) => `${e.legacyId} → ${e.value}`), source.orphan, 3)}` : ''}.`),
  )

  checks.push(
    check('rows_match', f.mismatches === 0 ? 'pass' : 'fail', null, null, f.mismatches,
      f.mismatches === 0
        ? `Row by row, every ${f.targetTable} row has the reference its source row implies.`
        : `${plural(f.mismatches, 'row')} of ${f.targetTable} ${f.mismatches === 1 ? 'has' : 'have'} another reference than the source implies: legacy id ${listExamples(f.mismatchExamples, f.mismatches)}.`),
  )

  if (f.kind === 'pair') {
    checks.push(
      check('integrity', f.integrityViolations === 0 ? 'pass' : 'fail', null, f.integrityViolations, null,
        f.integrityViolations === 0
          ? `Every ${f.targetColumn} names the row whose legacy_id is ${f.legacyTargetColumn}.`
          : `${plural(f.integrityViolations, 'row')} of ${f.targetTable} ${f.integrityViolations === 1 ? 'has' : 'have'} a ${f.targetColumn} naming a row whose legacy_id is not ${f.legacyTargetColumn}: legacy id ${listExamples(f.integrityExamples, f.integrityViolations)}.`),
    )
  }

  if (f.orphanWarnings === null) {
    checks.push(check('orphans_reported', 'skip', expectedOrphans, null, null, 'The ORPHAN_REF warnings were not counted.'))
  } else {
    // Validation warns about values that point at no staged row; the import warns about the ones it
    // empties because the staged row they point at was rejected (uuid pairs only: a legacy id
    // inside jsonb is not a foreign key the import resolves).
    const expected = f.kind === 'pair' ? expectedOrphans : source.orphan
    const reported = f.orphanWarnings === expected
    checks.push(
      check('orphans_reported', reported ? 'pass' : 'fail', expected, f.orphanWarnings, expected - f.orphanWarnings,
        reported
          ? expected === 0 ? 'No orphan to report.' : `Each of the ${plural(expected, 'orphan')} has its ORPHAN_REF warning.`
          : `${expected} values of ${name} are orphans, but ${f.orphanWarnings} ORPHAN_REF warnings were recorded for that column.`),
    )
  }
  return withStatus(f, checks)
}
