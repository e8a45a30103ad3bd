// npm postinstall: generate the Prisma client into lib/generated/prisma, offline.
//   tsx scripts/prisma-generate.ts             always generate
//   tsx scripts/prisma-generate.ts --if-stale  only when missing or older than prisma/schema.prisma
import { generatePrismaClient } from '../lib/db/generate-client'

const ifStale = process.argv.includes('--if-stale')
try {
  const { generated } = generatePrismaClient({ force: !ifStale })
  if (!generated) console.log('Prisma client is up to date.')
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
}
