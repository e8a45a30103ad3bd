// Vitest wiring shared by the tests that need a real PostgreSQL or a scratch folder: created in
// beforeAll, removed in afterAll even when tests fail.

import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { closeClients, createClients, type DatabaseClients } from '@/lib/db/prisma'
import { createTestDatabase, type TestDatabase } from '@/lib/db/test-database'

/**
 * A migrated throwaway database for this test file, as the `{ prisma, pool }` the pipeline takes.
 * Its properties resolve at use, so the value can be created at module level:
 * ```ts
 * const db = useTestDatabase()
 * it('…', async () => { await db.pool.query('select 1') })
 * ```
 */
export function useTestDatabase(): DatabaseClients & { readonly url: string } {
  let database: TestDatabase | undefined
  let clients: DatabaseClients | undefined
  beforeAll(async () => {
    database = await createTestDatabase()
    clients = createClients(database.url)
  }, 120_000)
  afterAll(async () => {
    if (clients) await closeClients(clients)
    await database?.drop()
  })
  const ready = (): DatabaseClients => {
    if (!clients) throw new Error('the test database is not ready (did beforeAll fail?)')
    return clients
  }
  return {
    get prisma() {
      return ready().prisma
    },
    get pool() {
      return ready().pool
    },
    get appSchema() {
      return ready().appSchema
    },
    get targetSchema() {
      return ready().targetSchema
    },
    get url() {
      return database!.url
    },
  }
}

/** A scratch folder under the OS temp folder for this test file, removed in afterAll. */
export function useWorkDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}
