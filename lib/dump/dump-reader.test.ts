import { describe, expect, it } from 'vitest'
import { createDumpReader } from './dump-reader'
import { bytes, readChunks, readWhole, rowsOf, singleRow, splitAt, tablesOf, warningsOf } from './testing'
import type { DumpEvent, SqlValue } from './types'

/** One value read back from `INSERT INTO v VALUES (<literal>)` into a column of `type`. */
function valueOf(literal: string, type = 'text'): SqlValue {
  return singleRow(`CREATE TABLE v (c ${type});\nINSERT INTO v VALUES (${literal});\n`)[0]
}

/** A compact trace of events: `table:t`, `rows:t:2`, `view:v`, `warning:CODE`, `database:d`, `drop:t` (`db.t` within a database). */
function trace(events: DumpEvent[]): string[] {
  const within = (database: string | undefined, name: string) => (database === undefined ? name : `${database}.${name}`)
  return events.map((e) => {
    switch (e.kind) {
      case 'table':
        return `table:${within(e.database, e.table.name)}`
      case 'rows':
        return `rows:${within(e.database, e.table)}:${e.rows.length}`
      case 'view':
        return `view:${within(e.database, e.name)}`
      case 'database':
        return `database:${e.name}`
      case 'drop':
        return `drop:${within(e.database, e.table)}`
      case 'warning':
        return `warning:${e.warning.code}`
    }
  })
}

const T = 'CREATE TABLE t (a int, b text);\n'

describe('string literals in a text column', () => {
  it.each([
    { name: 'plain', literal: "'plain'", want: 'plain' },
    { name: 'empty', literal: "''", want: '' },
    { name: 'doubled single quote', literal: "'it''s'", want: "it's" },
    { name: 'escaped single quote', literal: "'it\\'s'", want: "it's" },
    { name: 'escaped double quote', literal: "'say \\\"hi\\\"'", want: 'say "hi"' },
    { name: '\\0', literal: "'a\\0b'", want: 'a\0b' },
    { name: '\\b', literal: "'a\\bb'", want: 'a\bb' },
    { name: '\\n', literal: "'a\\nb'", want: 'a\nb' },
    { name: '\\r', literal: "'a\\rb'", want: 'a\rb' },
    { name: '\\t', literal: "'a\\tb'", want: 'a\tb' },
    { name: '\\Z', literal: "'a\\Zb'", want: 'a\x1ab' },
    { name: '\\\\', literal: "'a\\\\b'", want: 'a\\b' },
    { name: '\\% keeps its backslash', literal: "'50\\%'", want: '50\\%' },
    { name: '\\_ keeps its backslash', literal: "'a\\_b'", want: 'a\\_b' },
    { name: 'unknown escape \\x is x', literal: "'\\x\\y\\q'", want: 'xyq' },
    { name: 'unknown escape before a multibyte character', literal: "'\\é'", want: 'é' },
    { name: 'escape at the very end', literal: "'end\\\\'", want: 'end\\' },
    { name: 'escape first', literal: "'\\nstart'", want: '\nstart' },
    { name: 'only escapes', literal: "'\\'\\'\\''", want: "'''" },
    { name: 'double-quoted string', literal: '"double"', want: 'double' },
    { name: 'doubled double quote', literal: '"say ""hi"""', want: 'say "hi"' },
    { name: 'single quote inside double quotes', literal: '"it\'s"', want: "it's" },
    { name: 'double quote inside single quotes', literal: "'a\"b'", want: 'a"b' },
    { name: 'emoji and umlauts', literal: "'🐴🏇 Größe — “x”'", want: '🐴🏇 Größe — “x”' },
    { name: 'raw newline and CRLF', literal: "'a\nb\r\nc'", want: 'a\nb\r\nc' },
    { name: 'SQL punctuation', literal: "'semi;colon),(paren -- # /* */'", want: 'semi;colon),(paren -- # /* */' },
    { name: 'national string', literal: "N'national'", want: 'national' },
    { name: 'utf8mb4 introducer', literal: "_utf8mb4'intro'", want: 'intro' },
    { name: 'introducer with a space', literal: "_utf8mb4 'intro'", want: 'intro' },
    { name: 'a real U+FFFD', literal: "'\uFFFD'", want: '\uFFFD' },
  ])('$name', ({ literal, want }) => {
    expect(valueOf(literal)).toBe(want)
  })
})

describe('numbers', () => {
  it.each([
    { literal: '0', want: 0 },
    { literal: '42', want: 42 },
    { literal: '-42', want: -42 },
    { literal: '+7', want: 7 },
    { literal: '-0', want: 0 },
    { literal: '000123', want: 123 },
    { literal: '2147483648', want: 2147483648 },
    { literal: '999999999999999', want: 999999999999999 },
    { literal: '9007199254740991', want: 9007199254740991 },
    { literal: '-9007199254740991', want: -9007199254740991 },
    { literal: '9007199254740992', want: 9007199254740992n },
    { literal: '-9007199254740993', want: -9007199254740993n },
    { literal: '18446744073709551615', want: 18446744073709551615n },
    { literal: '-9223372036854775808', want: -9223372036854775808n },
    { literal: '12.50', want: '12.50' },
    { literal: '-0.01', want: '-0.01' },
    { literal: '0.00', want: '0.00' },
    { literal: '.5', want: '.5' },
    { literal: '1.', want: '1.' },
    { literal: '99999999999999999999.999999', want: '99999999999999999999.999999' },
    { literal: '1e300', want: '1e300' },
    { literal: '1.5E+10', want: '1.5E+10' },
    { literal: '-1e-3', want: '-1e-3' },
    { literal: '0.00000015', want: '0.00000015' },
  ])('$literal', ({ literal, want }) => {
    expect(valueOf(literal, 'decimal(30,6)')).toEqual(want)
  })
})

describe('NULL', () => {
  it.each(['NULL', 'null', 'Null'])('%s', (literal) => {
    expect(valueOf(literal)).toBeNull()
  })
  it('in a binary column', () => {
    expect(valueOf('NULL', 'blob')).toBeNull()
  })
})

describe('binary literals', () => {
  it.each([
    { literal: '0x00ff', want: bytes(0x00, 0xff) },
    { literal: '0xABC', want: bytes(0x0a, 0xbc) },
    { literal: "X'0aFF'", want: bytes(0x0a, 0xff) },
    { literal: "x''", want: bytes() },
    { literal: "b'101'", want: bytes(5) },
    { literal: "B'1010101010'", want: bytes(0x02, 0xaa) },
    { literal: "b'0'", want: bytes(0) },
    { literal: "b''", want: bytes() },
    { literal: '0b101', want: bytes(5) },
    { literal: "_binary 'ab\\0c'", want: bytes(0x61, 0x62, 0x00, 0x63) },
    { literal: "_binary'\\''", want: bytes(0x27) },
    { literal: '_binary 0x41', want: bytes(0x41) },
  ])('$literal in a text column', ({ literal, want }) => {
    expect(valueOf(literal)).toEqual(want)
  })
})

describe('quoted strings in binary-typed columns are bytes', () => {
  it.each([
    { type: 'binary(4)', literal: "'ab\\0\\0'", want: bytes(0x61, 0x62, 0, 0) },
    { type: 'varbinary(10)', literal: "'\\'\\\"\\\\\\n\\r\\Z'", want: bytes(0x27, 0x22, 0x5c, 0x0a, 0x0d, 0x1a) },
    { type: 'tinyblob', literal: "''", want: bytes() },
    { type: 'blob', literal: "'é'", want: bytes(0xc3, 0xa9) },
    { type: 'mediumblob', literal: "'\\%'", want: bytes(0x5c, 0x25) },
    { type: 'longblob', literal: "'it''s'", want: bytes(0x69, 0x74, 0x27, 0x73) },
    { type: 'bit(10)', literal: "'\\0\\0'", want: bytes(0, 0) },
    { type: 'point', literal: "'\\0\\0'", want: bytes(0, 0) },
    { type: 'varchar(4) CHARACTER SET binary', literal: "'ab'", want: bytes(0x61, 0x62) },
  ])('$type', ({ type, literal, want }) => {
    expect(valueOf(literal, type)).toEqual(want)
  })

  it('raw bytes that are not UTF-8 stay bytes without a warning', () => {
    const sql = Buffer.concat([Buffer.from("CREATE TABLE v (c blob);\nINSERT INTO v VALUES ('"), bytes(0xff, 0x80, 0xc3), Buffer.from("');\n")])
    const { events } = readWhole(sql)
    expect(rowsOf(events, 'v')).toEqual([[bytes(0xff, 0x80, 0xc3)]])
    expect(warningsOf(events)).toEqual([])
  })

  it('a number in a binary column stays a number', () => {
    expect(valueOf('5', 'blob')).toBe(5)
  })
})

describe('tuples', () => {
  it.each([
    { name: 'mysqldump extended insert, one tuple per line', sql: "INSERT INTO `t` VALUES\n(1,'x'),\n(2,'y');\n" },
    { name: 'all tuples on one line', sql: "INSERT INTO `t` VALUES (1,'x'),(2,'y');\n" },
    { name: 'spaces around values', sql: "INSERT INTO t VALUES ( 1 , 'x' ) , ( 2 ,\t'y' ) ;\n" },
    { name: 'CRLF line ends', sql: "INSERT INTO `t` VALUES\r\n(1,'x'),\r\n(2,'y');\r\n" },
    { name: 'skip-extended-insert', sql: "INSERT INTO `t` VALUES (1,'x');\nINSERT INTO `t` VALUES (2,'y');\n" },
    { name: 'lower-case keywords', sql: "insert into t values (1,'x'),(2,'y');\n" },
    { name: 'VALUE instead of VALUES', sql: "INSERT INTO t VALUE (1,'x'),(2,'y');\n" },
    { name: 'INTO omitted', sql: "INSERT t VALUES (1,'x'),(2,'y');\n" },
    { name: 'database-qualified table', sql: "INSERT INTO `shop`.`t` VALUES (1,'x'),(2,'y');\n" },
  ])('$name', ({ sql }) => {
    expect(rowsOf(readWhole(T + sql).events, 't')).toEqual([[1, 'x'], [2, 'y']])
  })

  it('--complete-insert column lists name the columns of the rows event', () => {
    const { events } = readWhole(T + "INSERT INTO `t` (`b`, `a`) VALUES ('x',1);\n")
    expect(events[1]).toMatchObject({ kind: 'rows', table: 't', columns: ['b', 'a'], rows: [['x', 1]] })
  })

  it('without a column list the table columns are named', () => {
    const { events } = readWhole(T + "INSERT INTO t VALUES (1,'x');\n")
    expect(events[1]).toMatchObject({ kind: 'rows', columns: ['a', 'b'] })
  })

  it.each([
    { sql: "INSERT INTO t VALUES (1,'x');", verb: 'INSERT' },
    { sql: "INSERT IGNORE INTO t VALUES (1,'x');", verb: 'INSERT IGNORE' },
    { sql: "INSERT LOW_PRIORITY IGNORE INTO t VALUES (1,'x');", verb: 'INSERT IGNORE' },
    { sql: "REPLACE INTO t VALUES (1,'x');", verb: 'REPLACE' },
    { sql: "REPLACE t VALUES (1,'x');", verb: 'REPLACE' },
  ])('verb of $sql', ({ sql, verb }) => {
    expect(readWhole(T + sql).events[1]).toMatchObject({ kind: 'rows', verb })
  })

  it('the binary flag follows the column list, not the position', () => {
    const { events } = readWhole("CREATE TABLE m (t text, b blob);\nINSERT INTO m (b, t) VALUES ('x', 'y');\n")
    expect(rowsOf(events, 'm')).toEqual([[bytes(0x78), 'y']])
  })

  it('backquoted names with doubled backquotes', () => {
    const { events } = readWhole('CREATE TABLE `we``ird` (`a``b` int, `c d` text);\nINSERT INTO `we``ird` (`a``b`, `c d`) VALUES (1, \'x\');\n')
    expect(tablesOf(events)[0].columns.map((c) => c.name)).toEqual(['a`b', 'c d'])
    expect(events[1]).toMatchObject({ kind: 'rows', table: 'we`ird', columns: ['a`b', 'c d'], rows: [[1, 'x']] })
  })

  it('`()` is a row of defaults (no values)', () => {
    const { events } = readWhole('INSERT INTO x VALUES ();\n')
    expect(rowsOf(events, 'x')).toEqual([[]])
  })

  it('rows of one INSERT come in events of at most batchSize rows, each with the INSERT offset', () => {
    const tuples = Array.from({ length: 2500 }, (_, i) => `(${i},'r${i}')`).join(',\n')
    const { events } = readWhole(T + `INSERT INTO t VALUES\n${tuples};\n`, { batchSize: 1000 })
    const rows = events.filter((e) => e.kind === 'rows')
    expect(rows.map((e) => e.rows.length)).toEqual([1000, 1000, 500])
    expect(new Set(rows.map((e) => e.offset))).toEqual(new Set([T.length]))
    expect(rows.flatMap((e) => e.rows).map((r) => r[0])).toEqual(Array.from({ length: 2500 }, (_, i) => i))
  })

  it('each INSERT is its own rows event, with its own offset', () => {
    const a = "INSERT INTO t VALUES (1,'x');\n"
    const { events } = readWhole(T + a + "INSERT INTO t VALUES (2,'y');\n")
    expect(events.filter((e) => e.kind === 'rows').map((e) => e.offset)).toEqual([T.length, T.length + a.length])
  })

  it('an INSERT before any CREATE TABLE: a warning, columns from the INSERT, strings as text', () => {
    const { events } = readWhole("INSERT INTO lone (x, y) VALUES (1, 'a');\nINSERT INTO lone (x, y) VALUES (2, 'b');\n")
    expect(trace(events)).toEqual(['warning:ROWS_WITHOUT_TABLE', 'rows:lone:1', 'rows:lone:1'])
    expect(warningsOf(events)[0]).toMatchObject({ table: 'lone', offset: 0, line: 1 })
    expect(rowsOf(events, 'lone')).toEqual([[1, 'a'], [2, 'b']])
  })
})

describe('statements around the data', () => {
  it.each([
    { name: '-- comment', sql: '-- a comment; INSERT INTO t VALUES (9);\n' },
    { name: '-- comment with a tab', sql: '--\tcomment;\n' },
    { name: 'empty -- comment line', sql: '--\n' },
    { name: '# comment', sql: '# INSERT INTO t VALUES (9);\n' },
    { name: '/* */ comment', sql: '/* INSERT INTO t VALUES (9); */\n' },
    { name: 'multi-line /* */ comment', sql: '/* one;\n two;\n*/\n' },
    { name: 'sandbox mode line', sql: '/*M!999999\\- enable the sandbox mode */ \n' },
    { name: 'versioned SET', sql: '/*!40101 SET NAMES utf8mb4 */;\n' },
    { name: 'versioned SET with a space before ;', sql: '/*!50003 SET sql_mode = \'\' */ ;\n' },
    { name: 'MariaDB versioned comment', sql: '/*M!100616 SET @OLD_NOTE_VERBOSITY=@@NOTE_VERBOSITY, NOTE_VERBOSITY=0 */;\n' },
    { name: 'SET', sql: "SET @saved_cs_client = @@character_set_client, @x = 'a;b';\n" },
    { name: 'LOCK TABLES', sql: 'LOCK TABLES `t` WRITE;\n' },
    { name: 'UNLOCK TABLES', sql: 'UNLOCK TABLES;\n' },
    { name: 'DROP TABLE of a table not created', sql: 'DROP TABLE IF EXISTS `other`;\n' },
    { name: 'DROP VIEW', sql: '/*!50001 DROP VIEW IF EXISTS `v`*/;\n' },
    { name: 'ALTER TABLE … DISABLE KEYS', sql: '/*!40000 ALTER TABLE `t` DISABLE KEYS */;\n' },
    { name: 'ALTER TABLE … ENABLE KEYS', sql: 'ALTER TABLE `t` ENABLE KEYS;\n' },
    { name: 'ALTER DATABASE', sql: '/*!50003 ALTER DATABASE `db` CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci */ ;\n' },
    { name: 'START TRANSACTION and COMMIT', sql: 'START TRANSACTION;\nCOMMIT;\n' },
    { name: 'empty statements', sql: ';\n;;\n' },
    { name: 'CREATE SEQUENCE and SELECT SETVAL', sql: 'CREATE SEQUENCE `s` start with 1 minvalue 1 maxvalue 9 increment by 1 cache 1000 nocycle ENGINE=InnoDB;\nSELECT SETVAL(`s`, 1, 0);\n' },
  ])('$name is skipped without a warning', ({ sql }) => {
    const { events, info } = readWhole(T + sql + "INSERT INTO t VALUES (1,'x');\n")
    expect(trace(events)).toEqual(['table:t', 'rows:t:1'])
    expect(info.rows).toBe(1)
  })

  // Databases, and tables dropped and created again, as MariaDB runs the statements (trace: `db.t`
  // for a table of database db).
  it.each([
    {
      name: 'CREATE DATABASE names a database, USE puts the tables after it into it',
      sql: "CREATE DATABASE /*!32312 IF NOT EXISTS*/ `db` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;\nUSE `db`;\nCREATE TABLE t (a int);\nINSERT INTO t VALUES (1);\n",
      want: ['database:db', 'table:db.t', 'rows:db.t:1'],
    },
    {
      name: 'two databases with a table of the same name (Adminer, --databases)',
      sql: 'USE a;\nCREATE TABLE t (a int);\nINSERT INTO t VALUES (1),(2);\nUSE b;\nCREATE TABLE t (a int);\nINSERT INTO t VALUES (3);\nINSERT INTO a.t VALUES (4);\n',
      want: ['database:a', 'table:a.t', 'rows:a.t:2', 'database:b', 'table:b.t', 'rows:b.t:1', 'rows:a.t:1'],
    },
    {
      name: 'a qualified CREATE TABLE names its database (mysqlpump)',
      sql: 'CREATE TABLE `shop`.`t` (a int);\nINSERT INTO `shop`.`t` VALUES (1);\nINSERT INTO t VALUES (2);\n',
      want: ['database:shop', 'table:shop.t', 'rows:shop.t:1', 'warning:ROWS_WITHOUT_TABLE', 'rows:t:1'],
    },
    {
      name: 'DROP TABLE then CREATE TABLE again replaces the table (Navicat, two exports in one file)',
      sql: 'DROP TABLE IF EXISTS t;\nCREATE TABLE t (a int);\nINSERT INTO t VALUES (1),(2);\nDROP TABLE IF EXISTS t;\nCREATE TABLE t (a int, b int);\nINSERT INTO t VALUES (3,4);\n',
      want: ['table:t', 'rows:t:2', 'drop:t', 'warning:TABLE_REPLACED', 'table:t', 'rows:t:1'],
    },
    {
      name: 'DROP TABLE of several tables, one of them created',
      sql: 'CREATE TABLE t (a int);\nDROP TABLE IF EXISTS `x`, `t`;\n',
      want: ['table:t', 'drop:t'],
    },
    {
      name: 'DROP DATABASE drops its tables',
      sql: 'USE d;\nCREATE TABLE t (a int);\nCREATE TABLE u (a int);\nUSE e;\nCREATE TABLE t (a int);\nDROP DATABASE IF EXISTS d;\n',
      want: ['database:d', 'table:d.t', 'table:d.u', 'database:e', 'table:e.t', 'drop:d.t', 'drop:d.u'],
    },
    {
      name: 'CREATE TABLE IF NOT EXISTS of an existing table keeps it; the rows go into it',
      sql: 'CREATE TABLE t (a int);\nINSERT INTO t VALUES (1);\nCREATE TABLE IF NOT EXISTS t (a int, b int);\nINSERT INTO t VALUES (2);\n',
      want: ['table:t', 'rows:t:1', 'warning:TABLE_EXISTS', 'rows:t:1'],
    },
  ])('$name', ({ sql, want }) => {
    expect(trace(readWhole(sql).events)).toEqual(want)
  })

  it('names both places in the TABLE_REPLACED warning, and numbers the new rows from 1', () => {
    const sql = "CREATE TABLE t (a int, b text);\nINSERT INTO t VALUES (1,'x'),(2,'y');\nDROP TABLE t;\nCREATE TABLE t (a int, b text);\nINSERT INTO t VALUES (3,'\xff');\n"
    const events = readWhole(Buffer.from(sql, 'latin1')).events
    expect(warningsOf(events).map((w) => [w.code, w.row])).toEqual([['TABLE_REPLACED', null], ['INVALID_UTF8', 1]])
    expect(warningsOf(events)[0].message).toMatch(/^CREATE TABLE `t` at byte 84 creates again the table the dump dropped at byte 70: this definition and the rows that follow replace the earlier ones \(2 rows\), as MariaDB would/)
  })

  it('refuses a second CREATE TABLE of an existing table without DROP TABLE, naming both (MariaDB stops there)', () => {
    expect(() => readWhole('CREATE TABLE t (a int);\nCREATE TABLE t (b int);\n')).toThrow(
      expect.objectContaining({ code: 'DUPLICATE_TABLE', offset: 24, line: 2, table: 't', message: expect.stringMatching(/^CREATE TABLE `t` creates a table that exists already \(created at byte 0\), with no DROP TABLE between/) }),
    )
  })

  it('skips the lines the dump tool printed on stderr, before the header and between statements, with a warning each', () => {
    const sql =
      'mysqldump: [Warning] Using a password on the command line interface can be insecure.\n-- MySQL dump 10.13\n' +
      "CREATE TABLE t (a int);\nmysqldump: Error: 'Access denied; you need (at least one of) the PROCESS privilege(s) for this operation' when trying to dump tablespaces\n\nINSERT INTO t VALUES (1);\n"
    const events = readWhole(sql).events
    expect(trace(events)).toEqual(['warning:CLIENT_MESSAGE', 'table:t', 'warning:CLIENT_MESSAGE', 'rows:t:1'])
    expect(warningsOf(events).map((w) => [w.offset, w.line])).toEqual([[0, 1], [129, 4]])
    expect(warningsOf(events)[0].message).toBe('Skipped a line the dump tool printed on stderr, which went into the file: `mysqldump: [Warning] Using a password on the command line interface can be insecure.`')
  })

  it.each([
    { name: 'GRANT', sql: "GRANT SELECT ON db.* TO 'u'@'%';\n" },
    { name: 'ALTER TABLE that changes the schema', sql: 'ALTER TABLE t ADD COLUMN c int;\n' },
    { name: 'UPDATE', sql: "UPDATE t SET b = 'x';\n" },
    { name: 'CREATE TABLE … LIKE', sql: 'CREATE TABLE t2 LIKE t;\n' },
  ])('$name is skipped with UNKNOWN_STATEMENT', ({ sql }) => {
    const { events } = readWhole(T + sql)
    expect(trace(events)).toEqual(['table:t', 'warning:UNKNOWN_STATEMENT'])
    expect(warningsOf(events)[0]).toMatchObject({ offset: T.length, line: 2, table: null })
  })

  it('a `--x` without a space is not a comment', () => {
    const { events } = readWhole(T + '--x;\n')
    expect(trace(events)).toEqual(['table:t', 'warning:UNKNOWN_STATEMENT'])
  })
})

describe('views', () => {
  it('MariaDB / MySQL 8: the placeholder CREATE VIEW and the final view give one view event', () => {
    const sql =
      T +
      '/*!50001 CREATE VIEW `v` AS SELECT\n 1 AS `a`,\n 1 AS `b` */;\n' +
      "INSERT INTO t VALUES (1,'x');\n" +
      '/*!50001 DROP VIEW IF EXISTS `v`*/;\n' +
      '/*!50001 CREATE ALGORITHM=UNDEFINED */\n/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */\n/*!50001 VIEW `v` AS select `t`.`a` AS `a` from `t` where `t`.`b` <> \';\' */;\n'
    const { events } = readWhole(sql)
    expect(trace(events)).toEqual(['table:t', 'view:v', 'rows:t:1'])
    expect(events[1]).toEqual({ kind: 'view', name: 'v', offset: T.length })
  })

  it('MySQL 5.x: the placeholder CREATE TABLE inside /*!50001 */ is a view, not a table', () => {
    const sql =
      T +
      '/*!50001 CREATE TABLE `v` (\n  `a` tinyint NOT NULL\n) ENGINE=MyISAM */;\n' +
      '/*!50001 DROP TABLE IF EXISTS `v`*/;\n/*!50001 CREATE ALGORITHM=UNDEFINED */\n/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */\n/*!50001 VIEW `v` AS select 1 AS `a` */;\n'
    expect(trace(readWhole(sql).events)).toEqual(['table:t', 'view:v'])
  })

  it.each([
    'CREATE VIEW v AS SELECT 1;',
    'CREATE OR REPLACE VIEW `v` AS SELECT 1;',
    'CREATE ALGORITHM=MERGE DEFINER=`root`@`%` SQL SECURITY INVOKER VIEW `v` AS SELECT 1;',
    "CREATE DEFINER='root'@'localhost' VIEW v AS SELECT 1;",
    'CREATE DEFINER=CURRENT_USER() VIEW `db`.`v` AS SELECT 1;',
  ])('%s', (sql) => {
    expect(trace(readWhole(T + sql).events)).toEqual(['table:t', 'view:v'])
  })
})

describe('DELIMITER blocks: triggers, procedures and functions are skipped whole', () => {
  it.each([
    {
      name: 'mysqldump trigger in versioned comments',
      body: "/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER `trg` BEFORE INSERT ON `t` FOR EACH ROW BEGIN\n  IF NEW.b = 'semi;colon' THEN SET NEW.b = 'it''s; \"x\" */'; END IF;\nEND */;;\n",
    },
    {
      name: 'procedure with strings, comments and ;',
      body: "CREATE DEFINER=`root`@`localhost` PROCEDURE `p`(IN n INT)\nBEGIN\n  SELECT 'a;b', \"c;d\" FROM dual; -- comment ; here\n  # hash ; comment\n  /* block ; comment */\n  SELECT n;\nEND\n;;\n",
    },
    {
      name: 'function returning ;;',
      body: "CREATE DEFINER=`root`@`localhost` FUNCTION `f`(s VARCHAR(10)) RETURNS varchar(20) CHARSET utf8mb4\n    DETERMINISTIC\nRETURN CONCAT(s, ';;')\n;;\n",
    },
    { name: 'event', body: 'CREATE DEFINER=`root`@`%` EVENT `e` ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t; END ;;\n' },
    { name: 'backslash-escaped quote in the body', body: "CREATE PROCEDURE p() BEGIN SELECT 'it\\'s;;'; END;;\n" },
  ])('$name', ({ body }) => {
    const sql = T + 'DELIMITER ;;\n' + body + 'DELIMITER ;\n' + "INSERT INTO t VALUES (1,'x');\n"
    const { events, info } = readWhole(sql)
    expect(trace(events)).toEqual(['table:t', 'rows:t:1'])
    expect(info.statements).toBe(3)
  })

  it('other delimiters work too, also for INSERT', () => {
    const sql = T + 'DELIMITER $$\nINSERT INTO t VALUES (1,\'$\'),(2,\'x\')$$\nSET @a = 1$$\ndelimiter ;\r\nINSERT INTO t VALUES (3,\'y\');\n'
    expect(rowsOf(readWhole(sql).events, 't')).toEqual([[1, '$'], [2, 'x'], [3, 'y']])
  })
})

describe('large input', () => {
  it('an extended INSERT line of many megabytes, in 64 KiB chunks', () => {
    const big = 'x'.repeat(5 * 1024 * 1024)
    const tuples = Array.from({ length: 20000 }, (_, i) => `(${i},'row ${i} it\\'s')`).join(',')
    const sql = Buffer.from(T + `INSERT INTO t VALUES ${tuples},(20000,'${big}');\n`)
    const offsets = Array.from({ length: Math.floor(sql.length / 65536) }, (_, i) => (i + 1) * 65536)
    const { events, info } = readChunks(splitAt(sql, offsets))
    const rows = rowsOf(events, 't')
    expect(rows.length).toBe(20001)
    expect(rows[12345]).toEqual([12345, "row 12345 it's"])
    expect(rows[20000][1]).toBe(big)
    expect(info).toMatchObject({ rows: 20001, lines: 2, statements: 2, bytes: sql.length })
  })

  it('a string of megabytes with escapes, fed in 1000-byte chunks', () => {
    const text = 'ab\\\'cd\\n'.repeat(300_000)
    const sql = Buffer.from(T + `INSERT INTO t VALUES (1,'${text}');\n`)
    const offsets = Array.from({ length: Math.floor(sql.length / 1000) }, (_, i) => (i + 1) * 1000)
    expect(rowsOf(readChunks(splitAt(sql, offsets)).events, 't')).toEqual([[1, "ab'cd\n".repeat(300_000)]])
  })
})

describe('chunk boundaries', () => {
  it('a multibyte character split between chunks at every byte', () => {
    const sql = Buffer.from(T + "INSERT INTO t VALUES (1,'🐴é');\n")
    const start = sql.indexOf('🐴')
    for (let cut = start; cut <= start + 6; cut++) {
      expect(rowsOf(readChunks(splitAt(sql, [cut])).events, 't')).toEqual([[1, '🐴é']])
    }
  })

  it('the reader keeps its own copy of an unfinished tail (the caller may reuse its buffer)', () => {
    const sql = Buffer.from(T + "INSERT INTO t VALUES (1,'hello'),(2,'world');\n")
    const cut = sql.indexOf('world')
    const reader = createDumpReader()
    const first = Buffer.from(sql.subarray(0, cut))
    const events = reader.push(first)
    first.fill(0x21) // the caller scribbles over its chunk
    events.push(...reader.push(sql.subarray(cut)), ...reader.end())
    expect(rowsOf(events, 't')).toEqual([[1, 'hello'], [2, 'world']])
  })

  it('a UTF-8 BOM at the start is skipped, also when split', () => {
    const sql = Buffer.concat([bytes(0xef, 0xbb, 0xbf), Buffer.from(T)])
    expect(trace(readChunks(splitAt(sql, [1, 2])).events)).toEqual(['table:t'])
  })
})

describe('info', () => {
  const sql = T + "INSERT INTO t VALUES\n(1,'x'),\n(2,'y');\nCREATE TABLE u (a int);\nINSERT INTO u VALUES (1);\n-- Dump completed"

  it('counts bytes, lines, statements, rows per table and the current table', () => {
    const { info } = readWhole(sql)
    expect(info).toEqual({
      bytes: Buffer.byteLength(sql),
      sourceBytes: Buffer.byteLength(sql),
      lines: 7, // six newlines and a last line without one
      statements: 4,
      rows: 3,
      rowsByTable: { t: 2, u: 1 },
      currentTable: 'u',
    })
  })

  it('is live while pushing', () => {
    const reader = createDumpReader()
    reader.push(Buffer.from(T + "INSERT INTO t VALUES\n(1,'x');\n"))
    expect(reader.info).toMatchObject({ statements: 2, rows: 1, lines: 3, currentTable: 't' })
  })

  it('is the same for any chunking', () => {
    const whole = readWhole(sql).info
    for (let cut = 1; cut < sql.length; cut++) expect(readChunks(splitAt(Buffer.from(sql), [cut])).info).toEqual(whole)
  })
})

describe('reader lifecycle', () => {
  it('push after end throws', () => {
    const reader = createDumpReader()
    reader.push(Buffer.from(T))
    reader.end()
    expect(() => reader.push(Buffer.from(T))).toThrow(/after end/)
  })

  it('an empty chunk is fine', () => {
    const reader = createDumpReader()
    expect(reader.push(new Uint8Array(0))).toEqual([])
    expect(trace([...reader.push(Buffer.from(T)), ...reader.end()])).toEqual(['table:t'])
  })

  it('accepts plain Uint8Array chunks', () => {
    const reader = createDumpReader()
    expect(trace([...reader.push(new TextEncoder().encode(T)), ...reader.end()])).toEqual(['table:t'])
  })

  it('refuses a bad batchSize', () => {
    expect(() => createDumpReader({ batchSize: 0 })).toThrow(RangeError)
  })
})
