import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { hasMariaDb, MARIADB_MISSING_MESSAGE, missingMariaDbTools, parseBatchOutput, unescapeBatchCell, type DumpStyle } from './mariadb'
import { useMariaDb } from './use-mariadb'

describe('mariadb batch output parsing', () => {
  it.each([
    { cell: 'plain', want: 'plain' },
    { cell: 'a\\tb', want: 'a\tb' },
    { cell: 'a\\nb', want: 'a\nb' },
    { cell: 'a\\0b', want: 'a\0b' },
    { cell: 'a\\\\nb', want: 'a\\nb' },
    { cell: 'cr\rraw', want: 'cr\rraw' },
  ])('unescapes $cell', ({ cell, want }) => {
    expect(unescapeBatchCell(cell)).toBe(want)
  })

  it('splits rows and cells', () => {
    expect(parseBatchOutput('1\ta\\tb\n2\t\n')).toEqual([
      ['1', 'a\tb'],
      ['2', ''],
    ])
    expect(parseBatchOutput('')).toEqual([])
  })
})

describe('MariaDB is installed', () => {
  it('has mariadbd, mariadb, mariadb-dump, mariadb-install-db and mariadb-admin', () => {
    // A failure here means the machine lacks mariadb-server: the real-dump tests cannot run.
    expect(missingMariaDbTools(), MARIADB_MISSING_MESSAGE).toEqual([])
    expect(hasMariaDb()).toBe(true)
  })
})

describe('a private MariaDB server', () => {
  const db = useMariaDb()

  it('runs on its own socket and port with utf8mb4 and UTC', async () => {
    expect(existsSync(db().socket)).toBe(true)
    expect(db().port).toBeGreaterThan(0)
    const [[charset, tz]] = await db().query('SELECT @@character_set_server, @@time_zone')
    expect(charset).toBe('utf8mb4')
    expect(tz).toBe('+00:00')
  })

  it('returns cells with tabs, newlines, NUL, backslashes and emoji intact', async () => {
    const rows = await db().query("SELECT CONCAT('a\\tb\\nc\\\\d', CHAR(0), 'e\\rf'), '😀 é', ''")
    expect(rows).toEqual([['a\tb\nc\\d\0e\rf', '😀 é', '']])
  })

  it('tells NULL from the string NULL through queryNullable on HEX()', async () => {
    const rows = await db().queryNullable("SELECT HEX(NULL), HEX('NULL')")
    expect(rows).toEqual([[null, Buffer.from('NULL').toString('hex').toUpperCase()]])
  })

  it('exec inserts zero dates; readTableExact returns every cell as bytes', async () => {
    await db().exec(`
      CREATE DATABASE ordermys;
      USE ordermys;
      CREATE TABLE t (ID int NOT NULL PRIMARY KEY, d datetime NOT NULL, s text, m decimal(10,2), b varbinary(10));
      INSERT INTO t VALUES (1, '0000-00-00 00:00:00', NULL, -5.10, X'00FF'), (2, '2012-01-01 00:00:00', 'NULL', 0, NULL);
    `)
    const exact = await db().readTableExact('t')
    expect(exact.columns.map((c) => c.name)).toEqual(['ID', 'd', 's', 'm', 'b'])
    expect(exact.rows).toEqual([
      [Buffer.from('1'), Buffer.from('0000-00-00 00:00:00'), null, Buffer.from('-5.10'), Buffer.from([0, 255])],
      [Buffer.from('2'), Buffer.from('2012-01-01 00:00:00'), Buffer.from('NULL'), Buffer.from('0.00'), null],
    ])
  })

  it.each<{ style: DumpStyle; marker: string }>([
    { style: 'default', marker: 'INSERT INTO `t` VALUES\n(1,' },
    { style: 'skip-extended-insert', marker: 'INSERT INTO `t` VALUES (2,' },
    { style: 'complete-insert-hex-blob', marker: 'INSERT INTO `t` (`ID`, `d`, `s`, `m`, `b`) VALUES (1,' },
  ])('dumps in style $style with the real mariadb-dump', async ({ style, marker }) => {
    const out = path.join(db().baseDir, `t-${style}.sql`)
    await db().dump(style, out)
    const text = readFileSync(out, 'utf8')
    expect(text.startsWith('/*M!999999\\- enable the sandbox mode */')).toBe(true)
    expect(text).toContain(marker)
    if (style === 'complete-insert-hex-blob') expect(text).toContain('0x00FF')
  })

  it('writes a gzipped dump and loads it back', async () => {
    const out = path.join(db().baseDir, 't.sql.gz')
    await db().dump('default', out, { gzip: true })
    expect(gunzipSync(readFileSync(out)).toString('utf8')).toContain('INSERT INTO `t` VALUES')
    await db().exec('CREATE DATABASE copy')
    await db().loadFile(out, 'copy')
    expect(await db().query('SELECT COUNT(*) FROM t', 'copy')).toEqual([['2']])
  })

  it('reports SQL errors with the client message', async () => {
    await expect(db().query('SELECT * FROM no_such_table', 'ordermys')).rejects.toThrow(/doesn't exist/)
  })
})

describe('stop()', () => {
  it('removes the server folder and can be called twice', async () => {
    const { startMariaDb } = await import('./mariadb')
    const server = await startMariaDb()
    expect(existsSync(server.baseDir)).toBe(true)
    await server.stop()
    await server.stop()
    expect(existsSync(server.baseDir)).toBe(false)
  })
})
