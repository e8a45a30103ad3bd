// The real mariadb-dump 10.11 fixtures (see fixtures/README.md): exact values, and the three dump
// styles read to the same tables and rows.

import { describe, expect, it } from 'vitest'
import { bytes, fixture, readWhole, rowsOf, tablesOf, warningsOf } from './testing'
import type { DumpEvent } from './types'

const STYLES = ['mariadb-default.sql', 'mariadb-skip-extended-insert.sql', 'mariadb-complete-insert-hex-blob.sql']
const read = (name: string) => readWhole(fixture(name)).events
const TABLES = ['Blobs', 'Child', 'Empty', 'Geo', 'Log', 'Orders', 'Weird`Name']

describe.each(STYLES)('%s', (name) => {
  const events = read(name)

  it('has the tables, the view once, no warnings', () => {
    expect(tablesOf(events).map((t) => t.name)).toEqual(TABLES)
    expect(events.filter((e) => e.kind === 'view')).toEqual([expect.objectContaining({ kind: 'view', name: 'OrderView', offset: expect.any(Number) })])
    expect(warningsOf(events)).toEqual([])
  })

  it('reads the same rows as the default style', () => {
    const reference = read('mariadb-default.sql')
    for (const table of TABLES) expect(rowsOf(events, table)).toEqual(rowsOf(reference, table))
  })

  it('--complete-insert names the columns in each rows event', () => {
    for (const e of events.filter((x): x is Extract<DumpEvent, { kind: 'rows' }> => x.kind === 'rows')) {
      expect(e.columns).toEqual(tablesOf(events).find((t) => t.name === e.table)!.columns.map((c) => c.name))
    }
  })
})

describe('values of the real dump', () => {
  const events = read('mariadb-default.sql')

  it('Orders: quotes, backslashes, newlines, emoji, NUL, ctrl-Z, LIKE escapes, decimals', () => {
    expect(rowsOf(events, 'Orders')).toEqual([
      [1, 7, 1420070400, 'a:2:{s:4:"seat";s:3:"17\\"";s:4:"tree";s:6:"Medium";}', 'It\'s "quoted" \\ back\\slash', 'SN-1', '1234.50', 0],
      [2, 0, 0, '{"seat":"17.5","note":"line1\\nline2\\ttab"}', 'multi\nline\r\nCRLF', null, '-0.01', 1],
      [3, 9, 2147483647, '', 'emoji 🐴🏇 and ümlauts ä ö ü ß — “smart”', 'ctrl\0nul\x1asub', '99999999.99', 0],
      [4, -5, -1, null, 'percent % underscore _ and \\% \\_', 'semi;colon),(paren', '0.00', 0],
    ])
  })

  it('Log: unsigned 64-bit ids, zero dates, doubles, bigints, BIT as bytes, enum and set', () => {
    expect(rowsOf(events, 'Log')).toEqual([
      [2, 0, '2012-03-04 05:06:07', '2020-01-02 03:04:05', null, '', null, '-2.5', '3.25', 9007199254740993n, bytes(0, 0), 'b', ''],
      [3, 0, '2012-03-04 05:06:07', '2020-01-02 03:04:05', '1999-12-31', 'x', 'y', '0.1', null, 9007199254740991, null, 'A', null],
      [18446744073709551615n, 1, '0000-00-00 00:00:00', '2020-01-02 03:04:05', '0000-00-00', 'login', 'from 10.0.0.1', '1e300', '0.00000015', -9223372036854775808n, bytes(0x02, 0xaa), 'c d', 'x,z'],
    ])
  })

  it('Blobs: binary, varbinary and blobs as bytes, latin1 text as text', () => {
    expect(rowsOf(events, 'Blobs')).toEqual([
      [1, bytes(0, 1, 2, 3), bytes(0xff, 0x00, 0xfe, 0x27, 0x22, 0x5c, 0x0a, 0x0d, 0x1a, 0x09), bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52), bytes(), null, bytes(), 'café'],
      [2, bytes(0x61, 0x62, 0, 0), new Uint8Array(Buffer.from('plain')), new Uint8Array(Buffer.from('text in blob')), bytes(0x80), bytes(0xc3), null, null],
    ])
  })

  it('Geo: a POINT as WKB bytes, DECIMAL(20,6) as text', () => {
    const [[id, point, amount], second] = rowsOf(events, 'Geo')
    expect([id, amount]).toEqual([1, '12345678901234.123456'])
    expect(Buffer.from(point as Uint8Array).toString('hex')).toBe('000000000101000000000000000000f83f00000000000000c0')
    expect(second).toEqual([2, null, '-0.000001'])
  })

  it('a table and columns with backquotes in their names', () => {
    expect(rowsOf(events, 'Weird`Name')).toEqual([[1, 'q'], [2, null]])
    expect(tablesOf(events).find((t) => t.name === 'Weird`Name')!.columns.map((c) => c.name)).toEqual(['a`b', 'sp ace'])
  })

  it('counts', () => {
    const { info } = readWhole(fixture('mariadb-default.sql'))
    expect(info).toMatchObject({ rows: 15, rowsByTable: { Blobs: 2, Child: 2, Geo: 2, Log: 3, Orders: 4, 'Weird`Name': 2 }, lines: 346 })
  })
})

describe('the MySQL 5.7 dump with a view placeholder table', () => {
  const events = read('mysql57-view-placeholder.sql')

  it('reports the view, not its placeholder table', () => {
    expect(events.map((e) => (e.kind === 'table' ? `table:${e.table.name}` : e.kind === 'view' ? `view:${e.name}` : e.kind))).toEqual(['table:items', 'rows', 'view:cheap_items'])
  })

  it('reads _binary strings as bytes and quoted decimals as text', () => {
    expect(rowsOf(events, 'items')).toEqual([
      [1, 'Saddle', '1200.00', '2020-01-01 00:00:00', null],
      [2, "Girth 'XL'", '35.50', '2020-01-02 00:00:00', bytes(0x61, 0x62, 0x00, 0x63)],
    ])
  })
})

describe('the hand-written dump', () => {
  const events = read('hand-written.sql')

  it('gives the tables, rows, warnings and view in order', () => {
    expect(events.map((e) => (e.kind === 'rows' ? `rows:${e.table}:${e.verb}:${e.rows.length}` : e.kind === 'warning' ? `warning:${e.warning.code}` : e.kind === 'table' ? `table:${e.table.name}` : e.kind === 'view' ? `view:${e.name}` : e.kind))).toEqual([
      'database',
      'table:items',
      'rows:items:INSERT:1',
      'rows:items:INSERT IGNORE:2',
      'rows:items:REPLACE:4',
      'rows:items:INSERT:2',
      'rows:items:INSERT:3',
      'warning:ROWS_WITHOUT_TABLE',
      'rows:orphans:INSERT:1',
      'warning:UNKNOWN_STATEMENT',
      'view:expensive',
    ])
  })

  it('reads every literal', () => {
    expect(rowsOf(events, 'items')).toEqual([
      [1, 'double "quoted"', '12.50', bytes(0, 255), bytes(5), 'Small', '2020-01-02 03:04:05', 'note', new Uint8Array(Buffer.from('abcd'))],
      [2, 'ignored', bytes(10, 255), bytes(15, 15)],
      [3, 'introduced', bytes(120, 0, 121), bytes()],
      [4, 'replaced', '.5'],
      [5, 'plus', 7],
      [6, 'exp', '1.5E+10'],
      [7, 'negexp', '-1e-3'],
      [9007199254740993n, 'big', bytes()],
      [-9223372036854775808n, 'min', bytes(65, 66, 67, 68)],
      [10, 'escapes', 'q\'d"b\\n\nr\rt\tz\x1ao\0b\bp\\%u\\_xx'],
      [11, 'crlf', 'a\nb'],
      [12, 'null lower', null],
    ])
  })
})

describe('the dump of other tools (other-tools.sql)', () => {
  const events = read('other-tools.sql')
  const within = (database: string | undefined, name: string) => (database === undefined ? name : `${database}.${name}`)

  it('follows the statements as MariaDB runs them: databases, the table dropped and created again, the lines from stderr skipped', () => {
    expect(
      events.map((e) =>
        e.kind === 'rows'
          ? `rows:${within(e.database, e.table)}:${e.rows.length}`
          : e.kind === 'table'
            ? `table:${within(e.database, e.table.name)}`
            : e.kind === 'drop'
              ? `drop:${within(e.database, e.table)}`
              : e.kind === 'database'
                ? `database:${e.name}`
                : e.kind === 'warning'
                  ? `warning:${e.warning.code}`
                  : e.kind,
      ),
    ).toEqual([
      'warning:CLIENT_MESSAGE',
      'database:shop',
      'warning:CLIENT_MESSAGE',
      'table:shop.stu',
      'rows:shop.stu:2',
      'drop:shop.stu',
      'warning:TABLE_REPLACED',
      'table:shop.stu',
      'rows:shop.stu:1',
      'warning:TABLE_EXISTS',
      'rows:shop.stu:1',
      'database:other',
      'table:other.stu',
      'rows:other.stu:2',
      'rows:shop.stu:1',
      'table:shop.extra',
      'rows:shop.extra:1',
      'drop:shop.stu',
      'drop:shop.extra',
    ])
  })

  it('reads each database’s rows with its own table’s columns', () => {
    const rows = events.filter((e): e is Extract<DumpEvent, { kind: 'rows' }> => e.kind === 'rows')
    expect(rows.find((e) => e.database === 'other')!.rows).toEqual([[1, bytes(0x00, 0x1a)], [2, null]])
    expect(rows.filter((e) => e.database === 'shop' && e.table === 'stu').map((e) => e.rows)).toEqual([
      [['1', 'zhangsan'], ['2', 'lishi']], // Navicat quotes its numbers
      [['3', 'wangwu', '21']],
      [['4', 'zhaoliu', '22']],
      [[5, 'qian', 30]],
    ])
  })
})
