// Developers: npm run db:new-migration -- <name> [--draft]
// Writes prisma/migrations/<timestamp>_<name>/migration.sql from the difference between the
// existing migrations and prisma/schema.prisma (WebAssembly schema engine, shadow database on the
// embedded server or on DATABASE_URL's server). Review it, commit it, apply with npm run db:migrate.
import path from 'node:path'
import { ensureDatabase } from '../lib/db/ensure-database'
import { generatePrismaClient } from '../lib/db/generate-client'
import { createMigration } from '../lib/db/migrations'

const args = process.argv.slice(2)
const draft = args.includes('--draft')
const name = args.find((arg) => !arg.startsWith('--'))

if (!name) {
  console.error('Usage: npm run db:new-migration -- <name> [--draft]')
  process.exit(2)
}

const db = await ensureDatabase()
try {
  const created = await createMigration(db.url, name, { draft })
  // Like `prisma migrate dev`: the client follows the schema.
  generatePrismaClient({ quiet: true })
  if (created.dir) {
    console.log(`Created ${path.relative(process.cwd(), created.dir)}/migration.sql`)
    console.log('Review it, then apply it with: npm run db:migrate')
  } else {
    console.log('The schema matches the migrations: nothing to create (use --draft for an empty migration).')
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  await db.stop()
}
