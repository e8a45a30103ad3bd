// A private MariaDB server for tests and benchmarks: its own data folder, socket and port, started
// with --no-defaults so Debian's /etc/mysql settings stay out, and always removed by stop().
// Everything goes through the real command-line tools (mariadb, mariadb-dump), the same ones an
// operator uses, so what we dump here is byte for byte what production dumps look like.

import { spawn, type ChildProcess } from 'node:child_process'
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'

/** How `dump()` calls mariadb-dump: the three shapes a production dump can have. */
export type DumpStyle =
  /** mariadb-dump's defaults: extended INSERTs, one tuple per line, ~1 MB per statement */
  | 'default'
  /** one INSERT statement per row (`--skip-extended-insert`) */
  | 'skip-extended-insert'
  /** INSERTs with their column list and binary columns as 0x… (`--complete-insert --hex-blob`) */
  | 'complete-insert-hex-blob'

export const DUMP_STYLES: readonly DumpStyle[] = ['default', 'skip-extended-insert', 'complete-insert-hex-blob']

export interface StartMariaDbOptions {
  /** folder under which the server's folder is created; default os.tmpdir() */
  parentDir?: string
  /** extra mariadbd arguments, e.g. ['--innodb-buffer-pool-size=1G'] */
  serverArgs?: string[]
  /** how long to wait for the server to answer a ping; default 60 s */
  startTimeoutMs?: number
}

export interface DumpOptions {
  /** database to dump; default 'ordermys' */
  database?: string
  /** gzip the output (as `mariadb-dump … | gzip` does) */
  gzip?: boolean
  /** add --routines (default true); false gives exactly a plain `mariadb-dump DATABASE` */
  routines?: boolean
  /** more mariadb-dump arguments, e.g. ['--net-buffer-length=16384'] */
  extraArgs?: string[]
}

export interface MariaDb {
  /** the folder holding everything of this server (data, socket, logs); removed by stop() */
  readonly baseDir: string
  readonly dataDir: string
  readonly socket: string
  readonly port: number
  /** the server's error log, for failure messages */
  readonly logFile: string
  /**
   * Runs SQL through `mariadb --batch --skip-column-names` and returns the rows split into cells,
   * with the client's escapes (\0 \t \n \\) resolved. NULL and the string 'NULL' both come back
   * as 'NULL': select HEX(col) (which is never 'NULL') when the difference matters, or use
   * queryNullable / readTableExact.
   */
  query(sql: string, database?: string): Promise<string[][]>
  /** query(), with the cell text 'NULL' read as null: only for columns that cannot hold the string 'NULL' (HEX, numbers, dates). */
  queryNullable(sql: string, database?: string): Promise<(string | null)[][]>
  /** Pipes SQL text to the client; the session sql_mode allows zero dates and is not strict. */
  exec(sqlText: string, database?: string): Promise<void>
  /** `mariadb [database] < file` (a .gz file is gunzipped on the way); the file's own SET statements apply. */
  loadFile(filePath: string, database?: string): Promise<void>
  /** Runs the real mariadb-dump on a database into outPath. */
  dump(style: DumpStyle, outPath: string, options?: DumpOptions): Promise<void>
  /** The exact contents of a table, every cell as its bytes (see readTableExact). */
  readTableExact(table: string, options?: { database?: string; orderBy?: string }): Promise<ExactTable>
  /** Column names and types as SHOW COLUMNS reports them, in table order. */
  columns(table: string, database?: string): Promise<{ name: string; type: string }[]>
  /** Base table names of a database, sorted as mariadb-dump sorts them. */
  tables(database?: string): Promise<string[]>
  /** Stops the server and removes baseDir. Safe to call twice; never throws. */
  stop(): Promise<void>
}

/**
 * A table as MariaDB holds it. Every cell is the bytes of the value's text form (what
 * `CONCAT(col)` gives: the UTF-8 bytes of a string, `12.50` for a DECIMAL, `0000-00-00 00:00:00`
 * for a zero DATETIME, `7` for an INT; the raw bytes of a binary column), or null for NULL.
 */
export interface ExactTable {
  table: string
  columns: { name: string; type: string }[]
  rows: (Buffer | null)[][]
}

const DEFAULT_DATABASE = 'ordermys'
const SEARCH_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin']
const BASE_PREFIX = 'ordermys-mariadb-'

/** Finds an executable on PATH or in the sbin folders Debian installs mariadbd to. */
export function findExecutable(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...SEARCH_DIRS]
  for (const dir of dirs) {
    const candidate = path.join(dir, name)
    if (existsSync(candidate)) return candidate
  }
  return null
}

const TOOLS = ['mariadbd', 'mariadb', 'mariadb-dump', 'mariadb-install-db', 'mariadb-admin'] as const
type Tool = (typeof TOOLS)[number]

/** The MariaDB tools that are missing; empty when a private server can be started. */
export function missingMariaDbTools(): string[] {
  return TOOLS.filter((tool) => findExecutable(tool) === null)
}

/** True when mariadb-server and its client tools are installed. */
export function hasMariaDb(): boolean {
  return missingMariaDbTools().length === 0
}

export const MARIADB_MISSING_MESSAGE =
  'MariaDB is not installed: these tests run the real mariadbd and mariadb-dump. ' +
  'Install it with `apt-get install -y mariadb-server mariadb-client` (.ci/run does this in CI).'

/** Throws a clear error (never skips) when the MariaDB tools are missing. */
export function assertMariaDbInstalled(): void {
  const missing = missingMariaDbTools()
  if (missing.length > 0) throw new Error(`${MARIADB_MISSING_MESSAGE} Missing: ${missing.join(', ')}.`)
}

function tool(name: Tool): string {
  const found = findExecutable(name)
  if (found === null) throw new Error(`${MARIADB_MISSING_MESSAGE} Missing: ${name}.`)
  return found
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** The user mariadbd runs as: `root` is only allowed (and needed) when we are root. */
function serverUser(): string {
  return process.getuid?.() === 0 ? 'root' : os.userInfo().username
}

interface RunResult {
  code: number | null
  stdout: Buffer
  stderr: string
}

/** Runs a tool, feeding stdin from a string, Buffer or stream source; collects stdout as bytes. */
async function run(file: string, args: string[], stdin?: string | Buffer | (() => NodeJS.ReadableStream)): Promise<RunResult> {
  const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'] })
  const out: Buffer[] = []
  const err: Buffer[] = []
  child.stdout.on('data', (c: Buffer) => out.push(c))
  child.stderr.on('data', (c: Buffer) => err.push(c))
  const closed = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve(code))
  })
  // The client may exit early (SQL error) and close its stdin: that is reported by the exit code.
  child.stdin.on('error', () => {})
  if (stdin === undefined) child.stdin.end()
  else if (typeof stdin === 'function') await pipeline(stdin(), child.stdin).catch(() => {})
  else child.stdin.end(stdin)
  const code = await closed
  return { code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }
}

/** Resolves the escapes `mariadb --batch` writes in a cell: \0 \t \n \\ (a CR is written raw). */
export function unescapeBatchCell(cell: string): string {
  if (!cell.includes('\\')) return cell
  let out = ''
  for (let i = 0; i < cell.length; i++) {
    const ch = cell[i]
    if (ch !== '\\' || i + 1 >= cell.length) {
      out += ch
      continue
    }
    const next = cell[++i]
    out += next === '0' ? '\0' : next === 't' ? '\t' : next === 'n' ? '\n' : next
  }
  return out
}

/** Splits `mariadb --batch --skip-column-names` output into rows of unescaped cells. */
export function parseBatchOutput(text: string): string[][] {
  if (text === '') return []
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n')
  return lines.map((line) => line.split('\t').map(unescapeBatchCell))
}

export function quoteIdentifier(name: string): string {
  return '`' + name.replaceAll('`', '``') + '`'
}

/** The session settings exec() uses: zero dates allowed, not strict, utf8mb4. */
const EXEC_PRELUDE = "SET NAMES utf8mb4;\nSET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION';\n"

const DUMP_STYLE_ARGS: Record<DumpStyle, string[]> = {
  default: [],
  'skip-extended-insert': ['--skip-extended-insert'],
  'complete-insert-hex-blob': ['--complete-insert', '--hex-blob'],
}

/** Servers started by this process, stopped on exit even when a test run is aborted. */
const running = new Set<{ child: ChildProcess; baseDir: string }>()
let exitHookInstalled = false

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => {
    for (const server of running) {
      server.child.kill('SIGKILL')
      rmSync(server.baseDir, { recursive: true, force: true })
    }
  })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * Removes folders left by earlier runs whose Node process died without stop() (a killed test run),
 * and ends their mariadbd — only a process whose command line names that very folder.
 */
export function removeStaleServers(parentDir: string = os.tmpdir()): void {
  let names: string[]
  try {
    names = readdirSync(parentDir).filter((n) => n.startsWith(BASE_PREFIX))
  } catch {
    return
  }
  for (const name of names) {
    const baseDir = path.join(parentDir, name)
    const ownerFile = path.join(baseDir, 'owner.pid')
    if (!existsSync(ownerFile)) continue
    const owner = Number(readFileSync(ownerFile, 'utf8'))
    if (!Number.isInteger(owner) || owner <= 0 || isAlive(owner)) continue
    const serverPidFile = path.join(baseDir, 'mariadbd.pid')
    if (existsSync(serverPidFile)) {
      const pid = Number(readFileSync(serverPidFile, 'utf8').trim())
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        if (cmdline.includes(baseDir)) process.kill(pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
    rmSync(baseDir, { recursive: true, force: true })
  }
}

/** Starts a private MariaDB server. Call stop() when done (see useMariaDb for vitest). */
export async function startMariaDb(options: StartMariaDbOptions = {}): Promise<MariaDb> {
  assertMariaDbInstalled()
  const parentDir = options.parentDir ?? os.tmpdir()
  mkdirSync(parentDir, { recursive: true })
  removeStaleServers(parentDir)
  // A Unix socket path must fit in 108 bytes: fall back to /tmp when parentDir is deep.
  const parent = path.join(parentDir, BASE_PREFIX + 'XXXXXX', 'mariadbd.sock').length > 100 ? '/tmp' : parentDir
  if (parent !== parentDir) removeStaleServers(parent)
  const baseDir = mkdtempSync(path.join(parent, BASE_PREFIX))
  writeFileSync(path.join(baseDir, 'owner.pid'), String(process.pid))
  const dataDir = path.join(baseDir, 'data')
  const socket = path.join(baseDir, 'mariadbd.sock')
  const logFile = path.join(baseDir, 'mariadbd.err')
  const pidFile = path.join(baseDir, 'mariadbd.pid')
  const user = serverUser()

  let child: ChildProcess | null = null
  let entry: { child: ChildProcess; baseDir: string } | null = null
  let stopped = false

  const stop = async (): Promise<void> => {
    if (stopped) return
    stopped = true
    if (child !== null && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child?.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    }
    if (entry !== null) running.delete(entry)
    rmSync(baseDir, { recursive: true, force: true })
  }

  /** Starts mariadbd on a port and waits for a ping; returns why it failed, or null. */
  const launch = async (port: number): Promise<string | null> => {
    const server = spawn(
      tool('mariadbd'),
      [
        '--no-defaults',
        `--user=${user}`,
        `--datadir=${dataDir}`,
        `--socket=${socket}`,
        `--port=${port}`,
        `--pid-file=${pidFile}`,
        `--log-error=${logFile}`,
        '--bind-address=127.0.0.1',
        '--skip-name-resolve',
        '--max-allowed-packet=256M',
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_unicode_ci',
        '--default-time-zone=+00:00',
        ...(options.serverArgs ?? []),
      ],
      { stdio: 'ignore' },
    )
    child = server
    if (entry !== null) running.delete(entry)
    entry = { child: server, baseDir }
    running.add(entry)
    installExitHook()
    let exitedEarly: string | null = null
    server.once('exit', (code, signal) => {
      exitedEarly = `mariadbd exited (code ${code}, signal ${signal})`
    })
    const deadline = Date.now() + (options.startTimeoutMs ?? 60_000)
    for (;;) {
      if (exitedEarly !== null) return exitedEarly
      const ping = await run(tool('mariadb-admin'), ['--no-defaults', `--socket=${socket}`, '-uroot', 'ping'])
      if (ping.code === 0) return null
      if (Date.now() > deadline) return 'mariadbd did not answer within the start timeout'
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  try {
    const install = await run(tool('mariadb-install-db'), [
      '--no-defaults',
      `--user=${user}`,
      `--datadir=${dataDir}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ])
    if (install.code !== 0) throw new Error(`mariadb-install-db failed (${install.code}):\n${install.stderr}${install.stdout}`)

    // Another process may take the free port before mariadbd binds it: try a few ports.
    let port = 0
    for (let attempt = 1; ; attempt++) {
      port = await freePort()
      const failure = await launch(port)
      if (failure === null) break
      const bindFailed = /bind on tcp\/ip port|address already in use/i.test(readLog(logFile))
      if (!bindFailed || attempt >= 3) throw new Error(`${failure}:\n${readLog(logFile)}`)
    }
    return makeClient({ baseDir, dataDir, socket, port, logFile, stop })
  } catch (error) {
    await stop()
    throw error
  }
}

function readLog(logFile: string): string {
  try {
    return readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n')
  } catch {
    return '(no server log)'
  }
}

function makeClient(server: {
  baseDir: string
  dataDir: string
  socket: string
  port: number
  logFile: string
  stop: () => Promise<void>
}): MariaDb {
  const clientArgs = (database?: string): string[] => [
    '--no-defaults',
    `--socket=${server.socket}`,
    '-uroot',
    '--default-character-set=utf8mb4',
    '--max-allowed-packet=1G',
    ...(database ? [database] : []),
  ]

  const fail = (what: string, result: RunResult): never => {
    throw new Error(`${what} failed (exit ${result.code}): ${result.stderr.trim()}`)
  }

  const query = async (sql: string, database?: string): Promise<string[][]> => {
    const result = await run(tool('mariadb'), [...clientArgs(database), '--batch', '--skip-column-names'], sql)
    if (result.code !== 0) fail(`mariadb query ${JSON.stringify(sql.slice(0, 200))}`, result)
    return parseBatchOutput(result.stdout.toString('utf8'))
  }

  const client: MariaDb = {
    baseDir: server.baseDir,
    dataDir: server.dataDir,
    socket: server.socket,
    port: server.port,
    logFile: server.logFile,
    query,

    async queryNullable(sql, database) {
      const rows = await query(sql, database)
      return rows.map((row) => row.map((cell) => (cell === 'NULL' ? null : cell)))
    },

    async exec(sqlText, database) {
      const result = await run(tool('mariadb'), clientArgs(database), EXEC_PRELUDE + sqlText)
      if (result.code !== 0) fail('mariadb exec', result)
    },

    async loadFile(filePath, database) {
      const source = filePath.endsWith('.gz')
        ? () => createReadStream(filePath).pipe(createGunzip())
        : () => createReadStream(filePath)
      const result = await run(tool('mariadb'), clientArgs(database), source)
      if (result.code !== 0) fail(`mariadb < ${filePath}`, result)
    },

    async dump(style, outPath, options = {}) {
      const args = [
        '--no-defaults',
        `--socket=${server.socket}`,
        '-uroot',
        '--single-transaction',
        ...(options.routines === false ? [] : ['--routines']),
        '--triggers',
        ...DUMP_STYLE_ARGS[style],
        ...(options.extraArgs ?? []),
        options.database ?? DEFAULT_DATABASE,
      ]
      const child = spawn(tool('mariadb-dump'), args, { stdio: ['ignore', 'pipe', 'pipe'] })
      const err: Buffer[] = []
      child.stderr.on('data', (c: Buffer) => err.push(c))
      const closed = new Promise<number | null>((resolve, reject) => {
        child.on('error', reject)
        child.on('close', (code) => resolve(code))
      })
      const out = createWriteStream(outPath)
      if (options.gzip) await pipeline(child.stdout, createGzip(), out)
      else await pipeline(child.stdout, out)
      const code = await closed
      if (code !== 0) throw new Error(`mariadb-dump failed (exit ${code}): ${Buffer.concat(err).toString('utf8').trim()}`)
    },

    async columns(table, database = DEFAULT_DATABASE) {
      const rows = await query(`SHOW COLUMNS FROM ${quoteIdentifier(table)}`, database)
      return rows.map((r) => ({ name: r[0], type: r[1] }))
    },

    async tables(database = DEFAULT_DATABASE) {
      const rows = await query("SHOW FULL TABLES WHERE Table_type = 'BASE TABLE'", database)
      // mariadb-dump takes SHOW FULL TABLES order, which is the names' binary order.
      return rows.map((r) => r[0]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    },

    async readTableExact(table, options = {}) {
      const database = options.database ?? DEFAULT_DATABASE
      const columns = await client.columns(table, database)
      // HEX() output never reads 'NULL', so the cell text 'NULL' can only be SQL NULL.
      const select = columns.map((c) => `HEX(CONCAT(${quoteIdentifier(c.name)}))`).join(', ')
      const orderBy = options.orderBy ?? (columns.some((c) => c.name === 'ID') ? '`ID`' : '1')
      const rows = await client.queryNullable(`SELECT ${select} FROM ${quoteIdentifier(table)} ORDER BY ${orderBy}`, database)
      return { table, columns, rows: rows.map((row) => row.map((cell) => (cell === null ? null : Buffer.from(cell, 'hex')))) }
    },

    stop: server.stop,
  }
  return client
}
