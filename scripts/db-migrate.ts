// npm run db:migrate: apply pending migrations (prisma/migrations) to DATABASE_URL, or to the
// embedded PostgreSQL when DATABASE_URL is not set. Equivalent to `prisma migrate deploy`.
import { ensureDatabase } from '../lib/db/ensure-database'
import { applyMigrations } from '../lib/db/migrations'

const started = performance.now()
const db = await ensureDatabase()
try {
  const { applied } = await applyMigrations(db.url)
  const ms = Math.round(performance.now() - started)
  if (applied.length === 0) console.log(`Database is up to date (${ms} ms).`)
  else console.log(`Applied ${applied.length} migration(s) in ${ms} ms:\n${applied.map((n) => `  ${n}`).join('\n')}`)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  await db.stop()
}
