import pg from 'pg'
import { pgConnectionString } from './database-url'

export interface SessionOptions {
  /**
   * The schemas unqualified names resolve in, in order. The app's connections look in the app's
   * schema first (its bookkeeping tables), then in the target schema (the 21 target tables): the
   * two hold no table of the same name, so every query finds what it means without naming schemas.
   */
  searchPath?: readonly string[]
}

/**
 * Every session of the app runs in UTC: the contract's times are UTC, and a target column of type
 * `timestamp without time zone` (accepted as UTC, see lib/target) receives a timestamptz through
 * the session's time zone.
 */
export function sessionSql({ searchPath }: SessionOptions): string {
  const statements = [`SET TimeZone = 'UTC'`]
  if (searchPath && searchPath.length > 0) statements.push(`SET search_path TO ${searchPath.map(quoteSchema).join(', ')}`)
  return statements.join('; ')
}

function quoteSchema(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/**
 * A pg pool on `url` (TLS as libpq would read its sslmode: database-url.ts), whose connections get
 * the session settings before anyone uses them (pg-pool's onConnect hook is awaited before a new
 * connection is handed out).
 */
export function createPgPool(url: string, options: SessionOptions & Omit<pg.PoolConfig, 'connectionString'> = {}): pg.Pool {
  const { searchPath, ...config } = options
  const settings = sessionSql({ searchPath })
  return new pg.Pool({
    ...config,
    connectionString: pgConnectionString(url),
    onConnect: (client: pg.ClientBase) => client.query(settings).then(() => undefined),
  })
}

/** A single connection on `url` (TLS as libpq would read its sslmode), connected. End it with end(). */
export async function connectPgClient(url: string, options: SessionOptions = {}): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: pgConnectionString(url) })
  await client.connect().catch((error: unknown) => {
    throw unreachable(url, error)
  })
  try {
    await client.query(sessionSql(options))
  } catch (error) {
    await client.end().catch(() => undefined)
    throw error
  }
  return client
}

/** Runs one statement on its own connection to `url`. */
export async function queryOnce<R extends pg.QueryResultRow = pg.QueryResultRow>(url: string, sql: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
  const client = await connectPgClient(url)
  try {
    return await client.query<R>(sql, values)
  } finally {
    await client.end()
  }
}

/** A connection that could not be made, as one line that names the server (no stack for the operator). */
function unreachable(url: string, error: unknown): Error {
  const code = (error as { code?: string } | null)?.code
  if (!code || !/^(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|ECONNRESET|EAI_AGAIN)$/.test(code)) return error as Error
  const { hostname, port } = new URL(url)
  return new Error(`Can't reach database server at \`${hostname}:${port || 5432}\` (${code})`, { cause: error })
}
