import { setDatabaseUrl } from './database-url'
import { EMBEDDED_PG_DEFAULT_PORT, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres'
import { embeddedDataDir } from './paths'

export const DEFAULT_DATABASE_NAME = 'ordermys_migrate'

export type EnsureDatabaseOptions = {
  /** Default: env DATABASE_URL. When set, nothing is started. */
  databaseUrl?: string
  /** Embedded server data folder. Default: `<project>/.data/postgres`. */
  dataDir?: string
  /** Embedded server port. Default: env EMBEDDED_PG_PORT, else 54329. */
  port?: number
  /** Database created on the embedded server. Default: `ordermys_migrate`. */
  database?: string
  /**
   * Stop an embedded server that this process started when it receives SIGINT or SIGTERM
   * (default true). Callers that must stop other things first (scripts/start.ts stops Next.js
   * before the database) pass false and call stop() themselves.
   */
  stopOnSignal?: boolean
  onLog?: (message: string) => void
}

export type Database = {
  url: string
  /** True when the URL points at the embedded server (no DATABASE_URL). */
  embedded: boolean
  /** True when this process started the embedded server and stop() will shut it down. */
  owned: boolean
  /** The embedded server, when one is used (to create throwaway databases on it, e.g.). */
  server?: EmbeddedPostgres
  /** Stops the embedded server if this process owns it; otherwise does nothing. */
  stop(): Promise<void>
}

/**
 * The database this process should use: DATABASE_URL when set, else the project's embedded
 * PostgreSQL (started unless another process of ours already runs it).
 */
export async function ensureDatabase(options: EnsureDatabaseOptions = {}): Promise<Database> {
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL
  if (databaseUrl) {
    setDatabaseUrl(databaseUrl)
    return { url: databaseUrl, embedded: false, owned: false, stop: async () => {} }
  }

  const server = await startEmbeddedPostgres({
    dataDir: options.dataDir ?? embeddedDataDir(),
    port: options.port ?? embeddedPort(),
    onLog: options.onLog,
  })
  const database = options.database ?? DEFAULT_DATABASE_NAME
  try {
    await server.ensureDatabaseExists(database)
  } catch (error) {
    await server.stop()
    throw error
  }
  if (server.owned && options.stopOnSignal !== false) stopOnSignals(server)
  const url = server.urlFor(database)
  // lib/db/prisma.ts connects here unless DATABASE_URL says otherwise.
  setDatabaseUrl(url)
  return { url, embedded: true, owned: server.owned, server, stop: () => server.stop() }
}

function embeddedPort(): number {
  const raw = process.env.EMBEDDED_PG_PORT
  if (!raw) return EMBEDDED_PG_DEFAULT_PORT
  const port = Number(raw)
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`EMBEDDED_PG_PORT is not a port: ${raw}`)
  return port
}

/**
 * On SIGINT/SIGTERM: stop the server, then let the signal do what it would have done. When no
 * one else listens for it, that is the default (the process ends, killed by the signal);
 * otherwise the other listeners decide.
 */
function stopOnSignals(server: EmbeddedPostgres) {
  const onSignal = (sig: NodeJS.Signals) => {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    void server.stop().finally(() => {
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig)
    })
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
}
