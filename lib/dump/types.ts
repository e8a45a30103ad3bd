// The contract of the dump reader: what a mysqldump / mariadb-dump stream turns into.
// Shared by staging, the CLI, tests and benchmarks; change it only with all of them.

/**
 * One value of a row, typed exactly as the dump wrote it:
 * - `null` for NULL;
 * - integer literals as `number` when they fit `Number.isSafeInteger`, else `bigint` (never rounded);
 * - other numeric literals (DECIMAL `12.50`, `-0.5`, `1.5e10`) as the exact text the dump holds (`string`);
 * - quoted strings as `string` (UTF-8 decoded, escapes resolved), except in a binary-typed column
 *   (BINARY, VARBINARY, *BLOB, BIT) where the bytes are kept as a `Uint8Array`;
 * - `0x…` / `X'…'` (from --hex-blob), `_binary '…'` and `b'…'` literals as `Uint8Array`.
 * The column's type from CREATE TABLE tells a DECIMAL string from a VARCHAR string.
 */
export type SqlValue = null | number | bigint | string | Uint8Array

export interface ColumnDef {
  name: string
  /** the type as written, lower-cased: `int(11)`, `decimal(10,2)`, `varchar(255)`, `enum('a','b')` */
  type: string
  /** the bare type name: `int`, `decimal`, `varchar`, `mediumtext`, `datetime`, `blob`, … */
  baseType: string
  unsigned: boolean
  nullable: boolean
  autoIncrement: boolean
  /** the DEFAULT clause as written (`'0'`, `NULL`, `current_timestamp()`), or null when absent */
  defaultText: string | null
  /** true for binary-typed columns, whose quoted strings are read as bytes */
  binary: boolean
}

export interface KeyDef {
  name: string | null
  kind: 'primary' | 'unique' | 'index' | 'fulltext' | 'spatial' | 'foreign'
  columns: string[]
}

export interface TableDef {
  name: string
  columns: ColumnDef[]
  primaryKey: string[]
  keys: KeyDef[]
  /** the text after the closing parenthesis: `ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 …` */
  options: string
  /** byte offset of the CREATE TABLE statement in the (decompressed) dump */
  offset: number
}

/**
 * What the reader emits, in dump order.
 *
 * `database` is the database a table belongs to: the one named by the last `USE db` (or by a
 * qualified name `db`.`t`); absent while the dump has named none (a plain `mysqldump db` output,
 * whose tables go into whatever database it is loaded into). Tables of different databases may
 * share a name: (database, table) names a table.
 */
export type DumpEvent =
  | { kind: 'table'; table: TableDef; database?: string }
  | {
      kind: 'rows'
      table: string
      database?: string
      /** the INSERT's own column list (--complete-insert), else the table's columns */
      columns: string[]
      rows: SqlValue[][]
      verb: 'INSERT' | 'INSERT IGNORE' | 'REPLACE'
      /** byte offset of the INSERT statement these rows come from */
      offset: number
    }
  | { kind: 'view'; name: string; offset: number; database?: string }
  /** a database the dump names (CREATE DATABASE, USE, a qualified name), once, when first named */
  | { kind: 'database'; name: string; offset: number }
  /**
   * `DROP TABLE` of a table the dump created earlier: it is gone, with its rows, as in MariaDB. A
   * later CREATE TABLE of the same name is a new table (with a TABLE_REPLACED warning).
   */
  | { kind: 'drop'; table: string; database?: string; offset: number }
  | { kind: 'warning'; warning: DumpWarning }

export type DumpWarningCode =
  | 'INVALID_UTF8' // a string in a text column was not valid UTF-8 (decoded with U+FFFD)
  | 'UNKNOWN_STATEMENT' // a statement the reader skipped without understanding it
  | 'ROWS_WITHOUT_TABLE' // INSERT into a table whose CREATE TABLE was not seen
  | 'CLIENT_MESSAGE' // a line the dump tool printed on stderr, captured into the file (`mysqldump: [Warning] …`): skipped
  | 'TABLE_REPLACED' // CREATE TABLE of a table dropped earlier in the dump: the new definition and rows replace the old
  | 'TABLE_EXISTS' // CREATE TABLE IF NOT EXISTS of a table that exists: skipped, its rows go to the existing table (as in MariaDB)

export interface DumpWarning {
  code: DumpWarningCode
  message: string
  table: string | null
  /** the database of `table`, when the dump named one (USE, a qualified name) */
  database?: string
  /** 1-based row number within the table, when the warning is about a row */
  row: number | null
  column: string | null
  /** byte offset of the offending bytes in the (decompressed) dump */
  offset: number
  line: number
}

export type DumpErrorCode =
  | 'NOT_A_DUMP' // refused within the first kilobytes
  | 'TRUNCATED' // the stream ended inside a statement
  | 'SYNTAX' // a statement the reader must understand (CREATE TABLE, INSERT) is malformed
  | 'GZIP' // the gzip stream is damaged
  | 'DECOMPRESS' // the bzip2, xz, zstd or zip stream is damaged or cut short
  | 'ZIP_CONTENTS' // the zip does not hold exactly one file (the files are named)
  | 'DECOMPRESSED_TOO_LARGE' // the compressed stream expands past a limit (decompression-limits.ts): a bomb
  | 'DUPLICATE_TABLE' // CREATE TABLE of a table that exists, without DROP TABLE between: MariaDB stops loading there

/** Counters kept as the reader goes: the progress bar and the error position come from here. */
export interface DumpInfo {
  /** bytes of dump text consumed (after decompression) */
  bytes: number
  /** bytes read from the source as given (the compressed size of a compressed dump) */
  sourceBytes: number
  lines: number
  statements: number
  rows: number
  rowsByTable: Record<string, number>
  currentTable: string | null
}
