import { describe, expect, it } from 'vitest'
import {
  DRIFT_EXTRA_COLUMN,
  DRIFT_EXTRA_TABLE,
  DRIFT_INVOICE_ROWS,
  DRIFTED_FIXTURE_ROW_COUNTS,
  FIXTURE_CASES,
  LEGACY_FIXTURE_ROW_COUNTS,
  LEGACY_FIXTURE_ROWS,
  loadLegacyFixture,
  ORDER_JSON_1MB,
  ORDER_JSON_64K,
  ORDER_PHP_MULTIBYTE,
  type FixtureCell,
} from './legacy-fixture'
import { LEGACY_TABLES, legacyTable, showCreateTable } from './legacy-schema'
import { bytesDifference } from './bytes-difference'
import { useMariaDb } from './use-mariadb'

function cellBytes(value: FixtureCell | Buffer): Buffer | null {
  if (value === null) return null
  if (Buffer.isBuffer(value)) return value
  return Buffer.from(String(value), 'utf8')
}

describe('legacy fixture data', () => {
  it('fills every one of the 21 tables', () => {
    expect(Object.keys(LEGACY_FIXTURE_ROWS).sort()).toEqual([...LEGACY_TABLES].sort())
    for (const table of LEGACY_TABLES) expect(LEGACY_FIXTURE_ROW_COUNTS[table], table).toBeGreaterThan(0)
  })

  it('has rows as wide as the schema', () => {
    for (const table of LEGACY_TABLES) {
      for (const row of LEGACY_FIXTURE_ROWS[table]) expect(row.length, table).toBe(legacyTable(table).columns.length)
    }
  })

  it('has long texts over 64 KB and over one mariadb-dump INSERT (1 046 528 bytes)', () => {
    expect(Buffer.byteLength(ORDER_JSON_64K)).toBeGreaterThan(65_536)
    expect(Buffer.byteLength(ORDER_JSON_1MB)).toBeGreaterThan(1_046_528)
    expect(() => JSON.parse(ORDER_JSON_1MB)).not.toThrow()
  })

  it('counts PHP serialize() string lengths in bytes', () => {
    expect(ORDER_PHP_MULTIBYTE).toContain('s:7:"Médium"')
  })

  it('names cases that exist', () => {
    for (const [name, where] of Object.entries(FIXTURE_CASES)) {
      const columns = legacyTable(where.table).columns.map((c) => c.name)
      expect(columns, name).toContain(where.column)
      expect(LEGACY_FIXTURE_ROWS[where.table].some((row) => row[0] === where.id), name).toBe(true)
    }
  })
})

describe('the fixture in a real MariaDB', () => {
  const db = useMariaDb({
    setup: async (server) => {
      await loadLegacyFixture(server)
      await loadLegacyFixture(server, { database: 'ordermys_drifted', drifted: true })
    },
  })

  it.each(LEGACY_TABLES.map((table) => ({ table })))('$table holds exactly the fixture rows', async ({ table }) => {
    const exact = await db().readTableExact(table)
    expect(exact.columns.map((c) => c.name)).toEqual(legacyTable(table).columns.map((c) => c.name))
    expect(exact.rows.length).toBe(LEGACY_FIXTURE_ROW_COUNTS[table])
    exact.rows.forEach((row, r) => {
      const want = LEGACY_FIXTURE_ROWS[table][r]
      row.forEach((cell, c) => {
        expect(bytesDifference(cell, cellBytes(want[c])), `${table} row ${want[0]} ${exact.columns[c].name}`).toBeNull()
      })
    })
  })

  it.each(LEGACY_TABLES.map((table) => ({ table })))('$table: SHOW CREATE TABLE equals the contract as mariadb-dump prints it', async ({ table }) => {
    const [[, create]] = await db().query(`SHOW CREATE TABLE \`${table}\``, 'ordermys')
    const next = Math.max(...LEGACY_FIXTURE_ROWS[table].map((r) => Number(r[0]))) + 1
    expect(create).toBe(showCreateTable(table, next))
  })

  it('the drifted variant has Customers.Newsletter and Invoices with binary data', async () => {
    const counts = await db().query(
      `SELECT (SELECT COUNT(*) FROM Customers), (SELECT COUNT(*) FROM ${DRIFT_EXTRA_TABLE}), (SELECT SUM(${DRIFT_EXTRA_COLUMN.column}) FROM Customers)`,
      'ordermys_drifted',
    )
    expect(counts).toEqual([[String(DRIFTED_FIXTURE_ROW_COUNTS.Customers), String(DRIFT_INVOICE_ROWS.length), '5']])
    const columns = (await db().columns('Customers', 'ordermys_drifted')).map((c) => c.name)
    expect(columns.indexOf('Newsletter')).toBe(columns.indexOf('Email') + 1)
    const invoices = await db().readTableExact(DRIFT_EXTRA_TABLE, { database: 'ordermys_drifted' })
    expect(invoices.rows.map((r) => r.map((c) => c))).toEqual(DRIFT_INVOICE_ROWS.map((r) => r.map(cellBytes)).map((r) => {
      // BINARY(16) pads with zero bytes.
      const checksum = r[4]
      return checksum === null ? r : [...r.slice(0, 4), Buffer.concat([checksum, Buffer.alloc(16 - checksum.length)]), ...r.slice(5)]
    }))
  })
})
