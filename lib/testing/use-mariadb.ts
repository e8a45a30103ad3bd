// Vitest wiring for a private MariaDB: one server per test file, stopped in afterAll even when
// tests fail. A missing mariadb-server fails the file with the install hint; it never skips.

import { afterAll, beforeAll } from 'vitest'
import { assertMariaDbInstalled, startMariaDb, type MariaDb, type StartMariaDbOptions } from './mariadb'

/**
 * Registers beforeAll/afterAll hooks and returns a getter for the server:
 * ```ts
 * const db = useMariaDb()
 * it('…', async () => { await db().query('SELECT 1') })
 * ```
 * `setup` runs once after the server started (e.g. load a fixture).
 */
export function useMariaDb(
  options: StartMariaDbOptions & { setup?: (db: MariaDb) => Promise<void> } = {},
): () => MariaDb {
  let server: MariaDb | undefined
  beforeAll(async () => {
    assertMariaDbInstalled()
    server = await startMariaDb(options)
    if (options.setup) await options.setup(server)
  }, 300_000)
  afterAll(async () => {
    await server?.stop()
  })
  return () => {
    if (server === undefined) throw new Error('the MariaDB server is not running (did beforeAll fail?)')
    return server
  }
}
