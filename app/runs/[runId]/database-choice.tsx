import type { RunDatabases } from '@/lib/runs/get-run-overview'
import { ActionButton } from '../../_components/action-button'
import { formatCount } from '../../_components/format'
import { chooseDatabaseAction } from './actions'

// A dump of several databases (mysqldump --databases, --all-databases, phpMyAdmin or Adminer
// exports of a server): each was staged on its own; the operator picks the one to migrate here,
// with each database's tables and rows. System databases (mysql, information_schema, …) are shown
// for what they are and cannot be picked.

export function DatabaseChoice({ runId, databases, canOperate }: { runId: string; databases: RunDatabases; canOperate: boolean }) {
  return (
    <section className="card" aria-labelledby="database-choice-heading" data-testid="database-choice">
      <h2 id="database-choice-heading">Choose the database to migrate</h2>
      <p className="small">{databases.reason}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Database</th>
            <th scope="col">Tables</th>
            <th scope="col">Rows</th>
            <th scope="col">Legacy tables</th>
            <th scope="col" aria-label="Choose" />
          </tr>
        </thead>
        <tbody>
          {databases.list.map((d) => (
            <tr key={d.name ?? ''} data-testid={`database-${d.name ?? ''}`}>
              <th scope="row">
                <code>{d.name ?? '(no database named)'}</code>
                {d.system ? <span className="muted small"> system database, never data</span> : null}
              </th>
              <td title={d.tables.map((t) => `${t.name}: ${t.rows}`).join('\n')}>
                {d.tables.length} <span className="muted small">{d.tables.slice(0, 6).map((t) => t.name).join(', ')}{d.tables.length > 6 ? ', …' : ''}</span>
              </td>
              <td>{formatCount(d.rows)}</td>
              <td>{d.legacyTables}</td>
              <td>
                {canOperate && !d.system && d.name !== null && d.tables.length > 0 ? (
                  <ActionButton action={chooseDatabaseAction} input={{ runId, database: d.name }} label={`Migrate ${d.name}`} pendingLabel="Choosing…" small variant="primary" />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canOperate ? null : <p className="muted small">An operator chooses the database.</p>}
    </section>
  )
}

/** Which database of a dump of several is migrated, and why (nothing for a dump of one). */
export function ChosenDatabase({ databases }: { databases: RunDatabases }) {
  if (databases.choosing || !databases.reason) return null
  return (
    <p className="small" data-testid="chosen-database">
      {databases.reason}
    </p>
  )
}
