import Link from 'next/link'
import type { TargetFinding } from '@/lib/target/evaluate-target'
import type { TargetStatus } from '@/lib/target/get-target-status'

const SEVERITY_LABEL = { blocking: 'blocks the import', warning: 'warning', info: 'accepted' } as const
const SEVERITY_BADGE = { blocking: 'error', warning: 'warn', info: '' } as const

/**
 * The target database against the contract, on the run overview, before the first import: what
 * blocks an import (a missing table or column, a column too narrow), what is only worth knowing,
 * and the way to prepare it.
 */
export function TargetCheckSection({ runId, status, canOperate }: { runId: string; status: TargetStatus; canOperate: boolean }) {
  const { check, statements, manual } = status
  const shown = check.findings.filter((f) => f.severity !== 'info' || f.fix !== null)
  return (
    <section aria-labelledby="target-heading" data-testid="target-check">
      <h2 id="target-heading">Target database</h2>
      <div className="card stack small">
        {check.blocking ? (
          <p className="alert error" style={{ margin: 0 }} data-testid="target-blocking">
            The target schema <code>{check.schema}</code> cannot take every table yet:{' '}
            {check.absentTables.length > 0 ? `${check.absentTables.length} table${check.absentTables.length === 1 ? ' is' : 's are'} absent, ` : ''}
            {countBlocking(check.findings)} finding{countBlocking(check.findings) === 1 ? '' : 's'} block an import.
            {statements.length > 0 ? ' Preparing the target adds what the contract needs; it never drops, renames or narrows anything.' : ''}
          </p>
        ) : (
          <p style={{ margin: 0 }} data-testid="target-ready">
            The target schema <code>{check.schema}</code> holds every table and column the contract needs{shown.length > 0 ? ' (see the notes below)' : ''}.
          </p>
        )}
        {shown.length > 0 ? <FindingsTable findings={shown} /> : null}
        {manual.length > 0 ? (
          <p className="muted" style={{ margin: 0 }}>
            {manual.length} finding{manual.length === 1 ? ' needs' : 's need'} a change by hand (or by the backend's own migration): preparing cannot widen or loosen a column.
          </p>
        ) : null}
        {statements.length > 0 ? (
          <div className="row">
            {canOperate ? (
              <Link className="btn primary" href={`/runs/${runId}/target`}>
                Prepare the target…
              </Link>
            ) : (
              <Link href={`/runs/${runId}/target`}>What preparing the target would do</Link>
            )}
            <span className="muted">
              {statements.length} statement{statements.length === 1 ? '' : 's'}, shown before anything runs
            </span>
          </div>
        ) : null}
      </div>
    </section>
  )
}

function countBlocking(findings: readonly TargetFinding[]): number {
  return findings.filter((f) => f.severity === 'blocking').length
}

export function FindingsTable({ findings }: { findings: readonly TargetFinding[] }) {
  return (
    <div className="table-scroll">
      <table className="data small" aria-label="Target findings">
        <thead>
          <tr>
            <th>Table</th>
            <th>Column</th>
            <th>The contract needs</th>
            <th>The target has</th>
            <th>Status</th>
            <th>Preparing</th>
          </tr>
        </thead>
        <tbody>
          {findings.map((f, i) => (
            <tr key={`${f.table}.${f.column}.${i}`} data-testid={`finding-${f.table}${f.column ? `.${f.column}` : ''}`}>
              <td>
                <code>{f.table}</code>
              </td>
              <td>{f.column ? <code>{f.column}</code> : <span className="muted">—</span>}</td>
              <td>{f.needs}</td>
              <td>{f.found}</td>
              <td className="nowrap">
                <span className={`badge ${SEVERITY_BADGE[f.severity]}`}>{SEVERITY_LABEL[f.severity]}</span>
              </td>
              <td>{f.fix ? 'adds it' : f.severity === 'blocking' ? <strong>by hand</strong> : <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
