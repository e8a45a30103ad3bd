// The text mariadb-dump 10.11 (Debian 12, "MariaDB dump 10.19") writes, byte for byte: header,
// per-table sections, extended INSERTs and footer. Follows client/mysqldump.c: a row joins the
// current INSERT while `total + rowLength < net_buffer_length`, where rowLength is the tuple's
// byte length + 2 and a new INSERT starts its total at `rowLength + len(insert_pat) + 4`
// (insert_pat = "INSERT INTO `T` VALUES "; measured against the real tool in the tests).

export const DEFAULT_NET_BUFFER_LENGTH = 1_046_528
export const MARIADB_DUMP_BANNER = '-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)'
export const MARIADB_SERVER_VERSION = '10.11.19-MariaDB-0+deb12u1'

export function quoteName(name: string): string {
  return '`' + name.replaceAll('`', '``') + '`'
}

const ESCAPES: Record<string, string> = {
  '\0': '\\0',
  '\n': '\\n',
  '\r': '\\r',
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\x1a': '\\Z',
}
const NEEDS_ESCAPE = /[\0\n\r\\'"\x1a]/
const ESCAPE_ALL = /[\0\n\r\\'"\x1a]/g

/** A string literal as mysql_real_escape_string and mariadb-dump write it (a tab stays raw). */
export function sqlString(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return "'" + value + "'"
  return "'" + value.replace(ESCAPE_ALL, (ch) => ESCAPES[ch]) + "'"
}

/** A nullable string column. */
export function sqlNullableString(value: string | null): string {
  return value === null ? 'NULL' : sqlString(value)
}

/** DECIMAL(…,2) from integer cents, as the server prints it: `-5.10`, `0.00`. */
export function sqlCents(cents: number): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  const whole = Math.floor(abs / 100)
  const frac = abs % 100
  return `${sign}${whole}.${frac < 10 ? '0' : ''}${frac}`
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n)
}

/** DATETIME text of a UNIX time (UTC), or the zero date for null. */
export function datetimeText(unixSeconds: number | null): string {
  if (unixSeconds === null) return '0000-00-00 00:00:00'
  const d = new Date(unixSeconds * 1000)
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`
}

export function dumpHeader(database: string, host = 'localhost'): string {
  return (
    '/*M!999999\\- enable the sandbox mode */ \n' +
    MARIADB_DUMP_BANNER +
    '\n--\n' +
    `-- Host: ${host}    Database: ${database}\n` +
    '-- ------------------------------------------------------\n' +
    `-- Server version\t${MARIADB_SERVER_VERSION}\n` +
    '\n' +
    '/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n' +
    '/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;\n' +
    '/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;\n' +
    '/*!40101 SET NAMES utf8mb4 */;\n' +
    '/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;\n' +
    "/*!40103 SET TIME_ZONE='+00:00' */;\n" +
    '/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;\n' +
    '/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;\n' +
    "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;\n" +
    '/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;\n'
  )
}

/** DROP + CREATE TABLE section; `showCreate` is SHOW CREATE TABLE's text without `;`. */
export function tableStructure(table: string, showCreate: string): string {
  const name = quoteName(table)
  return (
    `\n--\n-- Table structure for table ${name}\n--\n\n` +
    `DROP TABLE IF EXISTS ${name};\n` +
    '/*!40101 SET @saved_cs_client     = @@character_set_client */;\n' +
    '/*!40101 SET character_set_client = utf8mb4 */;\n' +
    showCreate +
    ';\n' +
    '/*!40101 SET character_set_client = @saved_cs_client */;\n'
  )
}

export function tableDataStart(table: string): string {
  const name = quoteName(table)
  return `\n--\n-- Dumping data for table ${name}\n--\n\nLOCK TABLES ${name} WRITE;\n/*!40000 ALTER TABLE ${name} DISABLE KEYS */;\n`
}

export function tableDataEnd(table: string): string {
  return `/*!40000 ALTER TABLE ${quoteName(table)} ENABLE KEYS */;\nUNLOCK TABLES;\n`
}

/** The footer; mariadb-dump prints the hour space-padded: `2026-04-01  2:17:43`. */
export function dumpFooter(completedAt: Date): string {
  const d = completedAt
  const hour = String(d.getUTCHours()).padStart(2, ' ')
  const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${hour}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`
  return (
    '/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;\n' +
    '\n' +
    '/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;\n' +
    '/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;\n' +
    '/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;\n' +
    '/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;\n' +
    '/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;\n' +
    '/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;\n' +
    '/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;\n' +
    '\n' +
    `-- Dump completed on ${date}\n`
  )
}

/**
 * Groups row tuples into extended INSERT statements exactly as mariadb-dump does and hands out
 * the text in pieces of about one statement (so a writer can apply backpressure per piece).
 */
export class ExtendedInsertWriter {
  private readonly pattern: string
  private readonly initLength: number
  private total: number
  private parts: string[] = []
  private open = false
  statements = 0
  rows = 0

  constructor(
    table: string,
    private readonly emit: (text: string) => void,
    private readonly netBufferLength = DEFAULT_NET_BUFFER_LENGTH,
  ) {
    const pat = `INSERT INTO ${quoteName(table)} VALUES `
    this.pattern = `INSERT INTO ${quoteName(table)} VALUES\n`
    this.initLength = Buffer.byteLength(pat) + 4
    this.total = netBufferLength // forces a new statement for the first row
  }

  /** `tuple` is `(v1,v2,…)`; `byteLength` its UTF-8 length when the caller knows it. */
  add(tuple: string, byteLength = Buffer.byteLength(tuple)): void {
    const rowLength = byteLength + 2
    if (this.total + rowLength < this.netBufferLength) {
      this.total += rowLength
      this.parts.push(',\n', tuple)
    } else {
      if (this.open) {
        this.parts.push(';\n')
        this.flush()
      }
      this.open = true
      this.statements++
      this.parts.push(this.pattern, tuple)
      this.total = rowLength + this.initLength
    }
    this.rows++
  }

  /** Ends the last statement (if any) and emits what is left. */
  end(): void {
    if (this.open) this.parts.push(';\n')
    this.open = false
    this.flush()
  }

  private flush(): void {
    if (this.parts.length === 0) return
    this.emit(this.parts.join(''))
    this.parts = []
  }
}
