// Row hashes: md5 of a canonical text of each row, mapped__<target> (what validation said would be
// written) against the target table (what is there), by legacy_id — as data-validation tools
// compare a source and a target row by row.

import { check, listExamples, plural, withStatus } from './checks'
import type { ReconciliationCheck, RowHashFigures, RowHashReport } from './report-schema'

export function evaluateRowHash(f: RowHashFigures): RowHashReport {
  const examples = (kind: 'differs' | 'missing' | 'extra') => f.examples.filter((e) => e.kind === kind)
  const differs = examples('differs')
  const checks: ReconciliationCheck[] = [
    check('rows_identical', f.differing === 0 ? 'pass' : 'fail', f.sourceRows, f.matching, f.differing,
      f.differing === 0
        ? `${plural(f.matching, 'row')} identical in ${plural(f.columns.length, 'column')}.` +
            (f.linked > 0
              ? ` ${plural(f.linked, 'row')} linked to an existing row of the new system keep${f.linked === 1 ? 's' : ''} that row's id and values (legacy id ${listExamples(f.linkedExamples, f.linked)}).`
              : '') +
            (f.decided > 0 ? ` ${plural(f.decided, 'row')} as the operator decided (legacy id ${listExamples(f.decidedExamples, f.decided)}).` : '')
        : `${plural(f.differing, 'row')} of ${f.targetTable} differ${f.differing === 1 ? 's' : ''} from what validation mapped: ${listExamples(differs.map((e) => `legacy id ${e.legacyId} (${e.columns.join(', ') || 'columns unknown'})`), f.differing, 3)}.`),
    check('missing_in_target', f.missingInTarget === 0 ? 'pass' : 'fail', f.missingInTarget, 0, f.missingInTarget,
      f.missingInTarget === 0
        ? 'No mapped row is missing from the target.'
        : `${plural(f.missingInTarget, 'mapped row')} ${f.missingInTarget === 1 ? 'is' : 'are'} not in ${f.targetTable}: legacy id ${listExamples(examples('missing').map((e) => e.legacyId), f.missingInTarget)}.`),
    check('extra_in_target', f.extraInTarget === 0 ? 'pass' : 'fail', 0, f.extraInTarget, -f.extraInTarget,
      f.extraInTarget === 0
        ? `${f.targetTable} holds no row that validation did not map.`
        : `${plural(f.extraInTarget, 'row')} of ${f.targetTable} ${f.extraInTarget === 1 ? 'was' : 'were'} not mapped by validation: legacy id ${listExamples(examples('extra').map((e) => e.legacyId), f.extraInTarget)}.`),
  ]
  return withStatus(f, checks)
}
