import { getDatabaseStatus } from '@/lib/health/get-database-status'

// The status is read on every request: this page is how an operator sees the app is alive.
export const dynamic = 'force-dynamic'

export default async function HomePage() {
  const status = await getDatabaseStatus()
  return (
    <>
      <h1>Legacy order system migration</h1>
      <section className="card" aria-labelledby="db-status">
        <h2 id="db-status" style={{ marginTop: 0 }}>
          Database{' '}
          {status.connected ? (
            <span className="badge ok" data-testid="db-status">connected</span>
          ) : (
            <span className="badge error" data-testid="db-status">not connected</span>
          )}
        </h2>
        {status.connected ? (
          <div className="grid">
            <div className="stat">
              <div className="label">Server</div>
              <div className="value">PostgreSQL {status.serverVersion}</div>
            </div>
            <div className="stat">
              <div className="label">Database</div>
              <div className="value">
                <code>{status.database}</code> <span className="muted">({status.kind})</span>
              </div>
            </div>
            <div className="stat">
              <div className="label">Schema migrations applied</div>
              <div className="value" data-testid="migrations-applied">{status.migrationsApplied}</div>
              <div className="muted mono">{status.latestMigration}</div>
            </div>
          </div>
        ) : (
          <p role="alert">The database could not be reached: {status.error}</p>
        )}
      </section>
    </>
  )
}
