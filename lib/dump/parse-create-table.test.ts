import { describe, expect, it } from 'vitest'
import { CreateTableSyntaxError, parseCreateTable } from './parse-create-table'
import { fixture, readWhole, tablesOf } from './testing'
import type { ColumnDef } from './types'

const table = (sql: string) => parseCreateTable(sql, 0)!.table
const column = (definition: string): ColumnDef => table(`CREATE TABLE t (${definition})`).columns[0]

describe('columns', () => {
  it.each([
    { def: '`ID` int(11) NOT NULL AUTO_INCREMENT', want: { name: 'ID', type: 'int(11)', baseType: 'int', unsigned: false, nullable: false, autoIncrement: true, defaultText: null, binary: false } },
    { def: '`ID` bigint(20) unsigned NOT NULL', want: { type: 'bigint(20) unsigned', baseType: 'bigint', unsigned: true, nullable: false } },
    { def: '`n` int(10) unsigned zerofill DEFAULT NULL', want: { type: 'int(10) unsigned zerofill', unsigned: true, nullable: true, defaultText: 'NULL' } },
    { def: '`Price` decimal(10,2) NOT NULL DEFAULT 0.00', want: { type: 'decimal(10,2)', baseType: 'decimal', defaultText: '0.00' } },
    { def: "`price` decimal(8,2) NOT NULL DEFAULT '0.00'", want: { defaultText: "'0.00'" } },
    { def: '`Amount` DECIMAL(20,6) NOT NULL DEFAULT -1.500000', want: { type: 'decimal(20,6)', defaultText: '-1.500000' } },
    { def: "`Name` varchar(255) NOT NULL DEFAULT ''", want: { type: 'varchar(255)', baseType: 'varchar', defaultText: "''" } },
    { def: "`sp ace` varchar(10) DEFAULT 'x''y'", want: { name: 'sp ace', defaultText: "'x''y'" } },
    { def: "`Kind` enum('A','b','c d') NOT NULL DEFAULT 'A'", want: { type: "enum('A','b','c d')", baseType: 'enum', defaultText: "'A'" } },
    { def: "`Tags` SET('X','y') DEFAULT NULL", want: { type: "set('X','y')", baseType: 'set' } },
    { def: "`LogTime` datetime NOT NULL DEFAULT '0000-00-00 00:00:00'", want: { type: 'datetime', defaultText: "'0000-00-00 00:00:00'" } },
    { def: '`Stamp` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp()', want: { defaultText: 'current_timestamp()', nullable: false } },
    { def: '`t6` datetime(6) DEFAULT CURRENT_TIMESTAMP(6)', want: { type: 'datetime(6)', defaultText: 'CURRENT_TIMESTAMP(6)' } },
    { def: '`u` char(36) DEFAULT uuid()', want: { defaultText: 'uuid()' } },
    { def: '`e` int DEFAULT (1 + 1) NOT NULL', want: { defaultText: '(1 + 1)', nullable: false } },
    { def: '`m` int DEFAULT 1 + 1', want: { defaultText: '1 + 1' } },
    { def: "`Action` varchar(100) NOT NULL DEFAULT '' COMMENT 'what; ''quoted'''", want: { defaultText: "''" } },
    { def: '`OrderData` mediumtext', want: { type: 'mediumtext', nullable: true, defaultText: null } },
    { def: '`OrderData` mediumtext DEFAULT NULL', want: { defaultText: 'NULL' } },
    { def: '`Ratio` double DEFAULT NULL', want: { type: 'double', baseType: 'double' } },
    { def: '`Ratio` double precision', want: { type: 'double', baseType: 'double' } },
    { def: '`f` float(7,4) unsigned', want: { type: 'float(7,4) unsigned', unsigned: true } },
    { def: "`Flags` bit(10) DEFAULT b'0'", want: { type: 'bit(10)', binary: true, defaultText: "b'0'" } },
    { def: '`Bin` binary(4) DEFAULT NULL', want: { binary: true } },
    { def: '`VarBin` varbinary(20)', want: { binary: true } },
    { def: '`Tiny` tinyblob', want: { binary: true } },
    { def: '`Data` blob', want: { binary: true } },
    { def: '`Med` mediumblob', want: { binary: true } },
    { def: '`Long` LONGBLOB', want: { binary: true, type: 'longblob' } },
    { def: '`Pt` point DEFAULT NULL', want: { binary: true } },
    { def: '`g` geometry NOT NULL', want: { binary: true } },
    { def: '`raw` char(4) CHARACTER SET binary', want: { binary: true } },
    { def: '`raw` varchar(4) CHARSET binary', want: { binary: true } },
    { def: '`Txt` varchar(20) CHARACTER SET latin1 COLLATE latin1_swedish_ci DEFAULT NULL', want: { binary: false, type: 'varchar(20)' } },
    { def: '`cb` char(10) BINARY', want: { binary: false, type: 'char(10)' } },
    { def: '`j` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL CHECK (json_valid(`j`))', want: { type: 'longtext', defaultText: 'NULL' } },
    { def: '`g2` int GENERATED ALWAYS AS (`a` + 1) VIRTUAL', want: { type: 'int', defaultText: null } },
    { def: '`g3` int AS (`a` * 2) PERSISTENT', want: { type: 'int' } },
    { def: '`h` int INVISIBLE', want: { type: 'int', nullable: true } },
    { def: 'plain INT UNSIGNED NOT NULL', want: { name: 'plain', type: 'int unsigned' } },
    { def: '`a``b` int(11) NOT NULL', want: { name: 'a`b' } },
    { def: '`y` year(4) NOT NULL DEFAULT 0000', want: { type: 'year(4)', defaultText: '0000' } },
  ])('$def', ({ def, want }) => {
    expect(column(def)).toMatchObject(want)
  })
})

describe('keys', () => {
  it.each([
    { def: 'PRIMARY KEY (`ID`)', want: { name: 'PRIMARY', kind: 'primary', columns: ['ID'] } },
    { def: 'PRIMARY KEY (`a`,`b`) USING BTREE', want: { kind: 'primary', columns: ['a', 'b'] } },
    { def: 'UNIQUE KEY `uq` (`VarBin`,`ID`)', want: { name: 'uq', kind: 'unique', columns: ['VarBin', 'ID'] } },
    { def: 'UNIQUE INDEX uq2 (a)', want: { name: 'uq2', kind: 'unique', columns: ['a'] } },
    { def: 'UNIQUE (a)', want: { name: null, kind: 'unique', columns: ['a'] } },
    { def: 'KEY `Email` (`Email`(191))', want: { name: 'Email', kind: 'index', columns: ['Email'] } },
    { def: 'INDEX idx (a DESC, b ASC)', want: { name: 'idx', kind: 'index', columns: ['a', 'b'] } },
    { def: 'KEY `k` (`a`) USING HASH COMMENT \'x\'', want: { name: 'k', kind: 'index', columns: ['a'] } },
    { def: 'FULLTEXT KEY `ft` (`Details`)', want: { name: 'ft', kind: 'fulltext', columns: ['Details'] } },
    { def: 'SPATIAL KEY `sp` (`Pt`)', want: { name: 'sp', kind: 'spatial', columns: ['Pt'] } },
    { def: 'CONSTRAINT `fk_order` FOREIGN KEY (`OrderID`) REFERENCES `Orders` (`ID`) ON DELETE CASCADE', want: { name: 'fk_order', kind: 'foreign', columns: ['OrderID'] } },
    { def: 'FOREIGN KEY `fk2` (`a`, `b`) REFERENCES `o` (`x`, `y`)', want: { name: 'fk2', kind: 'foreign', columns: ['a', 'b'] } },
    { def: 'CONSTRAINT `pk` PRIMARY KEY (`a`)', want: { kind: 'primary', columns: ['a'] } },
    { def: 'CONSTRAINT `u1` UNIQUE KEY (`a`)', want: { name: 'u1', kind: 'unique', columns: ['a'] } },
    { def: 'KEY `fn` ((`a` + 1))', want: { name: 'fn', kind: 'index', columns: ['(`a` + 1)'] } },
  ])('$def', ({ def, want }) => {
    const t = table(`CREATE TABLE t (\`a\` int, ${def})`)
    expect(t.keys).toEqual([expect.objectContaining(want)])
  })

  it.each(['CONSTRAINT `c` CHECK (`a` > 0)', 'CHECK (a > 0)', 'PERIOD FOR SYSTEM_TIME (`s`, `e`)'])('%s is not a key', (def) => {
    expect(table(`CREATE TABLE t (\`a\` int, ${def})`).keys).toEqual([])
  })

  it('the primary key lists its columns and makes them NOT NULL', () => {
    const t = table('CREATE TABLE t (a int, b int, c int, PRIMARY KEY (b, a))')
    expect(t.primaryKey).toEqual(['b', 'a'])
    expect(t.columns.map((c) => c.nullable)).toEqual([false, false, true])
  })

  it('an inline PRIMARY KEY and UNIQUE on a column', () => {
    const t = table('CREATE TABLE t (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, code varchar(5) UNIQUE KEY)')
    expect(t.primaryKey).toEqual(['id'])
    expect(t.keys).toEqual([
      { name: 'PRIMARY', kind: 'primary', columns: ['id'] },
      { name: 'code', kind: 'unique', columns: ['code'] },
    ])
  })
})

describe('the table', () => {
  it.each([
    { sql: 'CREATE TABLE `Orders` (`ID` int)', name: 'Orders' },
    { sql: 'create table orders (id int)', name: 'orders' },
    { sql: 'CREATE TABLE IF NOT EXISTS `t` (a int)', name: 't' },
    { sql: 'CREATE OR REPLACE TABLE `t` (a int)', name: 't' },
    { sql: 'CREATE TEMPORARY TABLE `t` (a int)', name: 't' },
    { sql: 'CREATE TABLE `db`.`t` (a int)', name: 't' },
    { sql: 'CREATE TABLE `Weird``Name` (a int)', name: 'Weird`Name' },
    { sql: 'CREATE TABLE "ansi" ("a" int)', name: 'ansi' },
  ])('name of $sql', ({ sql, name }) => {
    expect(table(sql).name).toBe(name)
  })

  it('options are the text after the closing parenthesis', () => {
    expect(table("CREATE TABLE t (a int) ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='x; y'").options).toBe(
      "ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='x; y'",
    )
  })

  it('options keep a partition clause in its versioned comment', () => {
    expect(table('CREATE TABLE t (a int) ENGINE=InnoDB\n/*!50100 PARTITION BY HASH (`a`) PARTITIONS 4 */').options).toBe('ENGINE=InnoDB\n/*!50100 PARTITION BY HASH (`a`) PARTITIONS 4 */')
  })

  it('the offset is the one given', () => {
    expect(parseCreateTable('CREATE TABLE t (a int)', 1234)!.table.offset).toBe(1234)
  })

  it('a CREATE TABLE inside a versioned comment is marked (mysqldump view placeholder)', () => {
    const parsed = parseCreateTable('/*!50001 CREATE TABLE `v` (\n  `a` tinyint NOT NULL\n) ENGINE=MyISAM */', 0)!
    expect(parsed.versioned).toBe(true)
    expect(parsed.table.options).toBe('ENGINE=MyISAM')
  })

  it('comments inside the statement are ignored', () => {
    const t = table('CREATE TABLE t ( -- the id\n  a int, /* a block */ b text # hash\n)')
    expect(t.columns.map((c) => c.name)).toEqual(['a', 'b'])
  })

  it('CREATE TABLE … LIKE has no column list', () => {
    expect(parseCreateTable('CREATE TABLE a LIKE b', 0)).toBeNull()
  })

  it.each(['CREATE TABLE t (a int', 'CREATE TABLE t ()', 'CREATE TABLE t (`a`)', 'CREATE TABLE (a int)'])('%s is a syntax error', (sql) => {
    expect(() => parseCreateTable(sql, 0)).toThrow(CreateTableSyntaxError)
  })
})

describe('the real mariadb-dump fixture', () => {
  const tables = tablesOf(readWhole(fixture('mariadb-default.sql')).events)

  it('has every table once, views excluded', () => {
    expect(tables.map((t) => t.name)).toEqual(['Blobs', 'Child', 'Empty', 'Geo', 'Log', 'Orders', 'Weird`Name'])
  })

  it('Log', () => {
    const log = tables.find((t) => t.name === 'Log')!
    expect(log.columns.map((c) => [c.name, c.type, c.binary, c.nullable, c.defaultText])).toEqual([
      ['ID', 'bigint(20) unsigned', false, false, null],
      ['UserID', 'int(11)', false, false, '0'],
      ['LogTime', 'datetime', false, false, "'0000-00-00 00:00:00'"],
      ['Stamp', 'timestamp', false, false, 'current_timestamp()'],
      ['Day', 'date', false, true, 'NULL'],
      ['Action', 'varchar(100)', false, false, "''"],
      ['Details', 'text', false, true, 'NULL'],
      ['Ratio', 'double', false, true, 'NULL'],
      ['Small', 'float', false, true, 'NULL'],
      ['Big', 'bigint(20)', false, true, 'NULL'],
      ['Flags', 'bit(10)', true, true, 'NULL'],
      ['Kind', "enum('A','b','c d')", false, false, "'A'"],
      ['Tags', "set('x','y','z')", false, true, 'NULL'],
    ])
    expect(log.keys).toEqual([
      { name: 'PRIMARY', kind: 'primary', columns: ['ID'] },
      { name: 'LogTime', kind: 'index', columns: ['LogTime'] },
      { name: 'ft', kind: 'fulltext', columns: ['Details'] },
    ])
    expect(log.options).toBe("ENGINE=InnoDB AUTO_INCREMENT=18446744073709551615 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='the log'")
  })

  it('Child has its foreign key', () => {
    expect(tables.find((t) => t.name === 'Child')!.keys.map((k) => [k.kind, k.name, k.columns])).toEqual([
      ['primary', 'PRIMARY', ['ID']],
      ['index', 'fk_order', ['OrderID']],
      ['foreign', 'fk_order', ['OrderID']],
    ])
  })
})
