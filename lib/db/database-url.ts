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

/** The PostgreSQL schema of the app's own tables when nothing says otherwise. */
export const DEFAULT_APP_SCHEMA = 'ordermys_migrate'
/** The schema of the target tables when nothing says otherwise: PostgreSQL's default schema. */
export const DEFAULT_TARGET_SCHEMA = 'public'

const IDENTIFIER = /^[a-z_][a-z0-9_$]{0,62}$/

function schemaName(value: string, what: string): string {
  if (!IDENTIFIER.test(value)) {
    throw new Error(`${what} must be a lower-case PostgreSQL identifier (letters, digits, _), not ${JSON.stringify(value)}`)
  }
  return value
}

/**
 * The schema that holds the app's own tables (runs, issues, events, accounts, …) and their
 * Prisma migration history: the URL's `?schema=` (Prisma's own convention), else
 * ORDERMYS_APP_SCHEMA, else `ordermys_migrate`. The target tables never live there.
 */
export function appSchemaOf(url: string): string {
  const fromUrl = new URL(url).searchParams.get('schema')
  if (fromUrl) return schemaName(fromUrl, 'The schema of the URL (?schema=)')
  return schemaName(process.env.ORDERMYS_APP_SCHEMA || DEFAULT_APP_SCHEMA, 'ORDERMYS_APP_SCHEMA')
}

/**
 * The schema of the 21 target tables: ORDERMYS_TARGET_SCHEMA, else `public`, the database's
 * default schema, where the backend's own migrations create its tables.
 */
export function targetSchema(): string {
  return schemaName(process.env.ORDERMYS_TARGET_SCHEMA || DEFAULT_TARGET_SCHEMA, 'ORDERMYS_TARGET_SCHEMA')
}

/**
 * The URL as the pg driver should read it:
 * - without `schema` (a Prisma parameter pg does not know; see appSchemaOf);
 * - `sslmode` with libpq's meaning. pg-connection-string reads `require` and `verify-ca` as
 *   `verify-full` (a managed PostgreSQL's `?sslmode=require` then fails on its certificate) unless
 *   `uselibpqcompat=true` is given: with it, `require` encrypts without checking the certificate
 *   (or checks it against `sslrootcert` when given, as libpq does), `verify-ca` checks the chain,
 *   `verify-full` the chain and the host name, `disable` turns TLS off.
 */
export function pgConnectionString(url: string): string {
  const parsed = new URL(url)
  parsed.searchParams.delete('schema')
  if (parsed.searchParams.has('sslmode') && !parsed.searchParams.has('uselibpqcompat')) parsed.searchParams.set('uselibpqcompat', 'true')
  return parsed.toString()
}

/**
 * Prisma URLs may carry `?schema=name` (the PostgreSQL schema to use); pg does not know that
 * parameter, the Prisma pg adapter takes it as an option. The connection string is pg's (see
 * pgConnectionString), the schema the app's (appSchemaOf).
 */
export function splitSchemaParam(url: string): { connectionString: string; schema: string } {
  return { connectionString: pgConnectionString(url), schema: appSchemaOf(url) }
}

/** `url` on another database of the same server. */
export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}
