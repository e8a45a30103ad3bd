// npm run db:migrate: apply pending migrations (prisma/migrations) to DATABASE_URL, or to the
// embedded PostgreSQL when DATABASE_URL is not set. Equivalent to `prisma migrate deploy`.
import { ensureDatabase } from '../lib/db/ensure-database'
import { prepareDatabase } from '../lib/db/prepare-database'

const started = performance.now()
const db = await ensureDatabase()
try {
  const { applied, createdTargetTables, appSchema, targetSchema } = await prepareDatabase(db.url)
  const ms = Math.round(performance.now() - started)
  if (applied.length === 0) console.log(`The app's tables (schema ${appSchema}) are up to date (${ms} ms).`)
  else console.log(`Applied ${applied.length} migration(s) to schema ${appSchema} in ${ms} ms:\n${applied.map((n) => `  ${n}`).join('\n')}`)
  if (createdTargetTables.length > 0) console.log(`Created the ${createdTargetTables.length} target tables in schema ${targetSchema} (it held none).`)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  await db.stop()
}
