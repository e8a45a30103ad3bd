// Step 2 of the classic route: Debian's pgloader (3.6.7) copies the loaded MariaDB database into
// PostgreSQL with its defaults for a MySQL source (create tables, indexes, foreign keys, reset
// sequences; 4 workers; zero dates to NULL), timed from start to exit.
//
// pgloader's own files (log, temporary folder) go into `workDir`, not /tmp/pgloader, so that the
// bench removes them.
//
// Memory: Debian's pgloader is an SBCL image with a 1 GB heap; on the 355 MB dump (DBlog rows of up
// to 100 KB, prefetched 100 000 rows at a time by each of 4 workers) it dies with "Heap exhausted,
// game over" (dimitri/pgloader#962, #327, #1680). The documented way out is a larger heap, given
// to the SBCL runtime as pgloader's first argument: --dynamic-space-size (MB). Nothing else is
// changed from pgloader's defaults. A PostgreSQL URL with query parameters (?sslmode=…) is passed without them:
// pgloader's URL parser does not take them.

import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { PGLOADER_USER } from './mariadb-load'
import { assertSucceeded, runProcess } from './run-process'

/** SBCL heap for pgloader, MB (the default 1024 is too small for the 355 MB dump). */
export const PGLOADER_HEAP_MB = 4096

export interface PgloaderOptions {
  mysqlPort: number
  mysqlDatabase: string
  /** the target database's URL */
  postgresUrl: string
  workDir: string
  timeoutMs: number
}

export interface PgloaderResult {
  /** wall seconds, process start to exit */
  seconds: number
  /** what pgloader's summary reports */
  rows: number
  errors: number
  reportedSeconds: number | null
  /** the summary table pgloader printed */
  summary: string
}

export function pgloaderCommand(options: Pick<PgloaderOptions, 'mysqlPort' | 'mysqlDatabase' | 'postgresUrl'>): string {
  const { user, password } = PGLOADER_USER
  const target = new URL(options.postgresUrl)
  target.search = ''
  target.protocol = 'postgresql:'
  return `LOAD DATABASE
  FROM mysql://${user}:${password}@127.0.0.1:${options.mysqlPort}/${options.mysqlDatabase}
  INTO ${target.toString()}
;
`
}

export async function runPgloader(options: PgloaderOptions): Promise<PgloaderResult> {
  const loadFile = path.join(options.workDir, 'ordermys.load')
  writeFileSync(loadFile, pgloaderCommand(options))
  const result = await runProcess(
    'pgloader',
    ['--dynamic-space-size', String(PGLOADER_HEAP_MB), '--root-dir', path.join(options.workDir, 'pgloader'), '--logfile', path.join(options.workDir, 'pgloader.log'), '--no-ssl-cert-verification', loadFile],
    { timeoutMs: options.timeoutMs, cwd: options.workDir },
  )
  assertSucceeded('pgloader', result)
  const output = `${result.stdout}\n${result.stderr}`
  const total = /Total import time\s+(\S+)\s+(\d+)\s+(?:[\d.]+ [kMG]?B\s+)?([\d.]+)s/.exec(output)
  if (!total) throw new Error(`pgloader finished without its summary:\n${output.split('\n').slice(-30).join('\n')}`)
  const summaryStart = output.lastIndexOf('table name')
  return {
    seconds: result.seconds,
    errors: total[1] === '✓' ? 0 : Number(total[1]) || 0,
    rows: Number(total[2]),
    reportedSeconds: Number(total[3]),
    summary: summaryStart >= 0 ? output.slice(summaryStart, output.indexOf('\n', output.indexOf('Total import time'))) : '',
  }
}
