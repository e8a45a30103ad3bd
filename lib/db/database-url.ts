/**
 * Where lib/db/prisma.ts connects: env DATABASE_URL, else the URL that ensureDatabase() found
 * for this process (the embedded server). Kept on globalThis so that every copy of this module
 * (Next.js dev reloads, vitest) sees the same value.
 */
const slot = globalThis as { __ordermysDatabaseUrl?: string }

export function setDatabaseUrl(url: string): void {
  slot.__ordermysDatabaseUrl = url
}

export function getDatabaseUrl(): string {
  const url = process.env.DATABASE_URL || slot.__ordermysDatabaseUrl
  if (!url) {
    throw new Error(
      'No database: set DATABASE_URL, or call ensureDatabase() (lib/db/ensure-database) before using the Prisma client',
    )
  }
  return url
}

/**
 * Prisma URLs may carry `?schema=name` (the PostgreSQL schema to use); pg does not know that
 * parameter, the Prisma pg adapter takes it as an option.
 */
export function splitSchemaParam(url: string): { connectionString: string; schema?: string } {
  const parsed = new URL(url)
  const schema = parsed.searchParams.get('schema') ?? undefined
  if (schema === undefined) return { connectionString: url }
  parsed.searchParams.delete('schema')
  return { connectionString: parsed.toString(), schema }
}
