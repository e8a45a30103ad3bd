import { execFile } from 'node:child_process'
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureDatabase, type Database } from './ensure-database'
import { freePort } from './test-database'

async function select1(url: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query('SELECT current_database() AS db')).rows[0].db as string
  } finally {
    await client.end()
  }
}

describe('ensureDatabase', () => {
  let parent: string
  let dataDir: string
  let port: number
  let first: Database | undefined

  beforeAll(async () => {
    parent = await mkdtemp(path.join(os.tmpdir(), 'ordermys-ensure-'))
    await chmod(parent, 0o755) // as root, the server runs as user postgres, who must reach the folder
    dataDir = path.join(parent, 'postgres')
    port = await freePort()
  })

  afterAll(async () => {
    await first?.stop()
    await rm(parent, { recursive: true, force: true })
  })

  it('uses DATABASE_URL when given, starting nothing', async () => {
    const db = await ensureDatabase({ databaseUrl: 'postgresql://u:p@db.example:5432/x', dataDir })
    expect(db).toMatchObject({ url: 'postgresql://u:p@db.example:5432/x', embedded: false, owned: false })
  })

  it('initialises and starts an embedded server with the database', async () => {
    first = await ensureDatabase({ databaseUrl: '', dataDir, port, database: 'ordermys_migrate', stopOnSignal: false })
    expect(first).toMatchObject({ embedded: true, owned: true })
    expect(first.url).toBe(`postgresql://postgres:postgres@127.0.0.1:${port}/ordermys_migrate`)
    expect(await select1(first.url)).toBe('ordermys_migrate')
  })

  it('reuses the running server without owning it, whatever port it is asked for', async () => {
    const second = await ensureDatabase({ databaseUrl: '', dataDir, port: port + 1, database: 'other_db' })
    expect(second).toMatchObject({ embedded: true, owned: false })
    expect(second.url).toBe(`postgresql://postgres:postgres@127.0.0.1:${port}/other_db`)
    expect(await select1(second.url)).toBe('other_db')
    await second.stop() // not its server: nothing happens
    expect(await select1(first!.url)).toBe('ordermys_migrate')
  })

  it('is reused by another process (npm start and the CLI side by side)', async () => {
    const script = path.join(parent, 'other-process.mts')
    const ensureModule = pathToFileURL(path.join(import.meta.dirname, 'ensure-database.ts')).href
    await writeFile(
      script,
      `import { ensureDatabase } from ${JSON.stringify(ensureModule)}\n` +
        `const db = await ensureDatabase({ databaseUrl: '', dataDir: ${JSON.stringify(dataDir)}, port: ${port + 2} })\n` +
        'console.log(JSON.stringify({ url: db.url, owned: db.owned }))\n' +
        'await db.stop()\n',
    )
    const tsx = createRequire(import.meta.url).resolve('tsx/cli')
    const { stdout } = await promisify(execFile)(process.execPath, [tsx, script], { cwd: parent })
    expect(JSON.parse(stdout)).toEqual({ url: `postgresql://postgres:postgres@127.0.0.1:${port}/ordermys_migrate`, owned: false })
    expect(await select1(first!.url)).toBe('ordermys_migrate') // still running after the other process ended
  })

  it('stops the server it owns, and starts again on the kept data folder', async () => {
    await first!.stop()
    await expect(select1(first!.url)).rejects.toThrow()
    const started = performance.now()
    first = await ensureDatabase({ databaseUrl: '', dataDir, port, stopOnSignal: false })
    expect(performance.now() - started).toBeLessThan(5_000)
    expect(first.owned).toBe(true)
    expect(await select1(first.url)).toBe('ordermys_migrate')
  })

  it('is not blocked by a stale postmaster.pid left by a crash', async () => {
    await first!.stop()
    // pid 2^22 - 1: beyond the default pid_max, never a live process
    await writeFile(path.join(dataDir, 'postmaster.pid'), `4194303\n${dataDir}\n0\n${port}\n\n127.0.0.1\n0 0\nready\n`)
    first = await ensureDatabase({ databaseUrl: '', dataDir, port, stopOnSignal: false })
    expect(first.owned).toBe(true)
    expect(await select1(first.url)).toBe('ordermys_migrate')
  })
})
