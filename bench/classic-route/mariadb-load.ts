// Step 1 of the classic route: a private MariaDB (Debian's mariadb-server, started by
// lib/testing/mariadb with --no-defaults, so nothing of /etc/mysql applies) loads the dump with
// the stock client, `mariadb ordermys < dump.sql`, timed.
//
// Tuning, reasonable and fair (the PostgreSQL side gets the same in bench-postgres.ts):
//   --innodb-buffer-pool-size=1G          the data fits in memory (default 128M)
//   --innodb-log-file-size=1G             fewer checkpoints during the bulk load (default 96M)
//   --innodb-flush-log-at-trx-commit=2    commit writes the redo log, fsync once a second
//   --skip-log-bin (the default)          no binary log
// The dump itself turns off unique and foreign key checks, as mariadb-dump writes it.
//
// pgloader reads MariaDB through its MySQL protocol driver (qmynd): over TCP only (no Unix socket),
// with the mysql_native_password plugin (MariaDB's default; qmynd knows no ed25519 or unix_socket,
// and no caching_sha2_password), and a non-empty password. So a user `pgloader`@`127.0.0.1` is
// created with a password; the server listens on 127.0.0.1 on a free port and runs with
// --skip-name-resolve, so the host to grant is the address.

import { startMariaDb, type MariaDb } from '@/lib/testing/mariadb'
import { assertSucceeded, runProcess } from './run-process'

export const MARIADB_TUNING = [
  '--innodb-buffer-pool-size=1G',
  '--innodb-log-file-size=1G',
  '--innodb-flush-log-at-trx-commit=2',
]

export const PGLOADER_USER = { user: 'pgloader', password: 'pgloader-bench' }

export interface LoadedMariaDb {
  server: MariaDb
  database: string
  /** wall seconds of `mariadb database < dump` */
  seconds: number
  /** rows per table as MariaDB counts them after the load */
  rows: Record<string, number>
}

export async function startTunedMariaDb(): Promise<MariaDb> {
  return startMariaDb({ serverArgs: MARIADB_TUNING, startTimeoutMs: 120_000 })
}

export async function loadDumpIntoMariaDb(server: MariaDb, dumpFile: string, options: { database?: string; timeoutMs: number }): Promise<LoadedMariaDb> {
  const database = options.database ?? 'ordermys'
  const { user, password } = PGLOADER_USER
  await server.exec(
    `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
     CREATE USER '${user}'@'127.0.0.1' IDENTIFIED VIA mysql_native_password USING PASSWORD('${password}');
     GRANT ALL PRIVILEGES ON *.* TO '${user}'@'127.0.0.1';`,
  )
  const client = ['--no-defaults', `--socket=${server.socket}`, '-uroot', '--default-character-set=utf8mb4', '--max-allowed-packet=1G', database]
  const load = await runProcess('mariadb', client, { stdinFile: dumpFile, timeoutMs: options.timeoutMs })
  assertSucceeded(`mariadb ${database} < ${dumpFile}`, load)
  const counted = await server.query(
    `SELECT CONCAT('SELECT ''', table_name, ''', COUNT(*) FROM \`', table_name, '\`') FROM information_schema.tables WHERE table_schema = '${database}'`,
  )
  const rows: Record<string, number> = {}
  if (counted.length > 0) {
    for (const [table, n] of await server.query(counted.map((r) => r[0]).join(' UNION ALL '), database)) rows[table] = Number(n)
  }
  return { server, database, seconds: load.seconds, rows }
}
