// The reader against the real mariadb-dump: load the hard-case fixture (plain and drifted) and
// a 2 MB synthetic dump into a private MariaDB, dump each database in the three styles (and
// gzipped), read every dump, and compare every value with what MariaDB itself holds — per table,
// per row, per column, as exact bytes (HEX(CONCAT(col)) against the reader's value).

import path from 'node:path'
import { crc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { bytesDifference } from '@/lib/testing/bytes-difference'
import { DRIFT_EXTRA_TABLE, DRIFTED_FIXTURE_ROW_COUNTS, LEGACY_FIXTURE_ROW_COUNTS, loadLegacyFixture } from '@/lib/testing/legacy-fixture'
import { DUMP_STYLES, type DumpStyle, type ExactTable, type MariaDb } from '@/lib/testing/mariadb'
import { useMariaDb } from '@/lib/testing/use-mariadb'
import { parseSize, writeSyntheticDump } from '@/lib/testing/write-synthetic-dump'
import { openDumpFile, readDump } from './index'
import type { DumpWarning, SqlValue, TableDef } from './types'

interface DumpCase {
  database: string
  /** a mariadb-dump style, or 'generated' for the synthetic generator's own file */
  style: DumpStyle | 'generated'
  gzip: boolean
}

// The synthetic dump (2 MB, generated in mariadb-dump's format) adds volume and variety: it is
// loaded into MariaDB, read as generated, and dumped again by the real tool.
const SYNTHETIC = { database: 'synthetic', targetBytes: 2 * 1024 ** 2, seed: 5 }

const DATABASES = [{ database: 'ordermys' }, { database: 'ordermys_drifted' }, { database: SYNTHETIC.database }]

const CASES: DumpCase[] = [
  ...DATABASES.flatMap(({ database }) => [
    ...DUMP_STYLES.map((style) => ({ database, style, gzip: false })),
    { database, style: 'default' as DumpStyle, gzip: true },
    { database, style: 'complete-insert-hex-blob' as DumpStyle, gzip: true },
  ]),
  { database: SYNTHETIC.database, style: 'generated', gzip: false },
  { database: SYNTHETIC.database, style: 'generated', gzip: true },
]

interface ReadResult {
  tables: TableDef[]
  rows: Map<string, SqlValue[][]>
  insertColumns: Map<string, string[][]>
  warnings: DumpWarning[]
}

async function readWholeDump(file: string): Promise<ReadResult> {
  const result: ReadResult = { tables: [], rows: new Map(), insertColumns: new Map(), warnings: [] }
  for await (const event of readDump(openDumpFile(file))) {
    if (event.kind === 'table') {
      result.tables.push(event.table)
      result.rows.set(event.table.name, [])
      result.insertColumns.set(event.table.name, [])
    } else if (event.kind === 'rows') {
      const rows = result.rows.get(event.table) ?? []
      for (const row of event.rows) rows.push(row)
      result.rows.set(event.table, rows)
      result.insertColumns.get(event.table)?.push(event.columns)
    } else if (event.kind === 'warning') {
      result.warnings.push(event.warning)
    }
  }
  return result
}

/** The reader's value as the bytes of its text form — what MariaDB's HEX(CONCAT(col)) gives. */
function readerBytes(value: SqlValue): Uint8Array | null {
  if (value === null) return null
  if (value instanceof Uint8Array) return value
  if (typeof value === 'string') return Buffer.from(value, 'utf8')
  return Buffer.from(String(value), 'utf8')
}

/** The JavaScript type the contract (lib/dump/types.ts) promises for a column type. */
function expectedKind(type: string): 'integer' | 'text' | 'bytes' {
  const base = type.replace(/[( ].*$/, '')
  if (['tinyint', 'smallint', 'mediumint', 'int', 'bigint'].includes(base)) return 'integer'
  if (['binary', 'varbinary', 'tinyblob', 'blob', 'mediumblob', 'longblob', 'bit'].includes(base)) return 'bytes'
  return 'text' // varchar, text, mediumtext, decimal (exact text), datetime
}

function kindOf(value: SqlValue): string {
  if (value === null) return 'null'
  if (value instanceof Uint8Array) return 'bytes'
  if (typeof value === 'number' || typeof value === 'bigint') return 'integer'
  return 'text'
}

function printable(value: Uint8Array | null): string {
  if (value === null) return 'NULL'
  const text = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8')
  return JSON.stringify(text.length > 60 ? text.slice(0, 60) + '…' : text)
}

/** Every difference between MariaDB's table and the reader's rows, one line each. */
function compareTable(where: string, truth: ExactTable, read: SqlValue[][] | undefined): string[] {
  const problems: string[] = []
  if (read === undefined) return [`${where}: the reader emitted no table`]
  if (read.length !== truth.rows.length) problems.push(`${where}: ${read.length} rows read, MariaDB holds ${truth.rows.length}`)
  const n = Math.min(read.length, truth.rows.length)
  for (let r = 0; r < n; r++) {
    const want = truth.rows[r]
    const got = read[r]
    const id = want[0] === null ? `#${r + 1}` : Buffer.from(want[0]).toString('utf8')
    if (got.length !== want.length) {
      problems.push(`${where} ID ${id}: ${got.length} values read, table has ${want.length} columns`)
      continue
    }
    for (let c = 0; c < want.length; c++) {
      const column = truth.columns[c]
      const difference = bytesDifference(readerBytes(got[c]), want[c])
      if (difference !== null) {
        problems.push(`${where}.${column.name} ID ${id}: ${difference} (MariaDB ${printable(want[c])})`)
        continue
      }
      const kind = kindOf(got[c])
      if (kind !== 'null' && kind !== expectedKind(column.type)) {
        problems.push(`${where}.${column.name} ID ${id}: a ${column.type} value read as ${kind} (${typeof got[c]})`)
      }
    }
  }
  return problems
}

function report(problems: string[]): string {
  const shown = problems.slice(0, 40)
  return `${problems.length} difference(s):\n  ${shown.join('\n  ')}${problems.length > shown.length ? '\n  …' : ''}`
}

describe('reading real mariadb-dump output of the hard-case fixture', () => {
  const truth = new Map<string, Map<string, ExactTable>>()
  const files = new Map<string, string>()
  const key = (c: DumpCase) => `${c.database}/${c.style}${c.gzip ? '.gz' : ''}`
  let syntheticCounts: Record<string, number> = {}

  const db = useMariaDb({
    setup: async (server: MariaDb) => {
      await loadLegacyFixture(server, { database: 'ordermys' })
      await loadLegacyFixture(server, { database: 'ordermys_drifted', drifted: true })
      for (const gzip of [false, true]) {
        const file = path.join(server.baseDir, `synthetic-generated.sql${gzip ? '.gz' : ''}`)
        const written = await writeSyntheticDump({ targetBytes: SYNTHETIC.targetBytes, seed: SYNTHETIC.seed, database: SYNTHETIC.database, out: file, gzip })
        files.set(key({ database: SYNTHETIC.database, style: 'generated', gzip }), file)
        syntheticCounts = Object.fromEntries(Object.entries(written.tables).map(([table, t]) => [table, t.rows]))
      }
      await server.exec(`CREATE DATABASE ${SYNTHETIC.database}`)
      await server.loadFile(files.get(key({ database: SYNTHETIC.database, style: 'generated', gzip: false }))!, SYNTHETIC.database)
      for (const { database } of DATABASES) {
        const tables = new Map<string, ExactTable>()
        for (const table of await server.tables(database)) tables.set(table, await server.readTableExact(table, { database }))
        truth.set(database, tables)
      }
      for (const c of CASES) {
        if (c.style === 'generated') continue
        const file = path.join(server.baseDir, `${c.database}-${c.style}.sql${c.gzip ? '.gz' : ''}`)
        await server.dump(c.style, file, { database: c.database, gzip: c.gzip })
        files.set(key(c), file)
      }
    },
  })

  it('loaded the fixture and the synthetic dump with the expected row counts', async () => {
    const expected: Record<string, Record<string, number>> = { ordermys: LEGACY_FIXTURE_ROW_COUNTS, ordermys_drifted: DRIFTED_FIXTURE_ROW_COUNTS, synthetic: syntheticCounts }
    for (const { database } of DATABASES) {
      const counts = expected[database]
      const tables = await db().tables(database)
      expect(tables.sort()).toEqual(Object.keys(counts).sort())
      for (const table of tables) {
        const [[n]] = await db().query(`SELECT COUNT(*) FROM \`${table}\``, database)
        expect(Number(n), `${database}.${table}`).toBe(counts[table])
      }
    }
  })

  describe.each(CASES.map((c) => ({ ...c, name: key(c) })))('$name', (c) => {
    let read: ReadResult | undefined
    const load = async (): Promise<ReadResult> => {
      read ??= await readWholeDump(files.get(key(c))!)
      return read
    }
    const tables = () => truth.get(c.database)!

    it('reads every table, in the dump order (alphabetical), with its CREATE TABLE column list', async () => {
      const result = await load()
      expect(result.tables.map((t) => t.name)).toEqual([...tables().keys()])
      for (const def of result.tables) {
        const want = tables().get(def.name)!.columns
        expect(def.columns.map((col) => col.name), def.name).toEqual(want.map((col) => col.name))
        expect(def.columns.map((col) => col.type), def.name).toEqual(want.map((col) => col.type.toLowerCase()))
        expect(def.primaryKey, def.name).toEqual(['ID'])
        for (const col of def.columns) expect(col.binary, `${def.name}.${col.name}`).toBe(expectedKind(col.type) === 'bytes')
      }
      if (c.database === 'ordermys_drifted') {
        expect(result.tables.find((t) => t.name === 'Customers')!.columns.map((col) => col.name)).toContain('Newsletter')
        expect(result.tables.map((t) => t.name)).toContain(DRIFT_EXTRA_TABLE)
      }
    })

    it('reads as many rows per table as MariaDB holds', async () => {
      const result = await load()
      const counts = Object.fromEntries([...result.rows].map(([table, rows]) => [table, rows.length]))
      expect(counts).toEqual(Object.fromEntries([...tables()].map(([table, t]) => [table, t.rows.length])))
    })

    it('gives each INSERT the table column list', async () => {
      const result = await load()
      for (const [table, lists] of result.insertColumns) {
        const want = tables().get(table)!.columns.map((col) => col.name)
        for (const list of lists) expect(list, table).toEqual(want)
      }
    })

    it('reads every value exactly as MariaDB holds it', async () => {
      const result = await load()
      const problems: string[] = []
      for (const [table, t] of tables()) problems.push(...compareTable(`${key(c)} ${table}`, t, result.rows.get(table)))
      expect(problems, report(problems)).toEqual([])
    })

    it('emits no warnings', async () => {
      const result = await load()
      expect(result.warnings).toEqual([])
    })
  })

  it('reads a gzipped dump exactly as the plain one', async () => {
    for (const { database } of DATABASES) {
      const plain = await readWholeDump(files.get(key({ database, style: 'default', gzip: false }))!)
      const gzipped = await readWholeDump(files.get(key({ database, style: 'default', gzip: true }))!)
      expect(gzipped.tables).toEqual(plain.tables)
      expect([...gzipped.rows.keys()]).toEqual([...plain.rows.keys()])
      for (const [table, rows] of plain.rows) {
        const other = gzipped.rows.get(table)!
        expect(other.length, table).toBe(rows.length)
        rows.forEach((row, r) => {
          row.forEach((value, i) => {
            expect(bytesDifference(readerBytes(other[r][i]), readerBytes(value)), `${database}.${table} row ${r + 1} col ${i}`).toBeNull()
          })
        })
      }
    }
  })
})

// Opt-in, for a production-sized check (about a minute at 355 MB):
//   REAL_DUMP_SIZE=355MB npx vitest run lib/dump/real-dump.test.ts
// generates a synthetic dump, loads it into MariaDB, reads it, and compares per column the
// count of non-NULL values and the sum of CRC32 of their text with what MariaDB computes.
const FULL_SIZE = process.env.REAL_DUMP_SIZE
describe.skipIf(!FULL_SIZE)(`reading a ${FULL_SIZE ?? 'production-sized'} synthetic dump (REAL_DUMP_SIZE)`, () => {
  let file = ''
  let manifestRows: Record<string, number> = {}
  const db = useMariaDb({
    setup: async (server) => {
      file = path.join(server.baseDir, 'full.sql')
      const written = await writeSyntheticDump({ targetBytes: parseSize(FULL_SIZE!), seed: 1, out: file })
      manifestRows = Object.fromEntries(Object.entries(written.tables).map(([table, t]) => [table, t.rows]))
      await server.exec('CREATE DATABASE ordermys')
      await server.loadFile(file, 'ordermys')
    },
  })

  it('reads every column with the same non-NULL count and CRC32 sum as MariaDB', { timeout: 600_000 }, async () => {
    if (typeof crc32 !== 'function') throw new Error('this check needs zlib.crc32 (Node 20.15 or later)')
    const sums = new Map<string, { columns: string[]; count: number[]; crc: bigint[] }>()
    const rows: Record<string, number> = {}
    for await (const event of readDump(openDumpFile(file))) {
      if (event.kind === 'table') {
        const columns = event.table.columns.map((c) => c.name)
        sums.set(event.table.name, { columns, count: columns.map(() => 0), crc: columns.map(() => 0n) })
        rows[event.table.name] = 0
      } else if (event.kind === 'rows') {
        const s = sums.get(event.table)!
        rows[event.table] += event.rows.length
        for (const row of event.rows) {
          for (let i = 0; i < row.length; i++) {
            const bytes = readerBytes(row[i])
            if (bytes === null) continue
            s.count[i]++
            s.crc[i] += BigInt(crc32(bytes))
          }
        }
      }
    }
    expect(rows).toEqual(manifestRows)
    const problems: string[] = []
    for (const [table, s] of sums) {
      const select = s.columns.map((c) => `COUNT(\`${c}\`), COALESCE(SUM(CRC32(\`${c}\`)), 0)`).join(', ')
      const [cells] = await db().query(`SELECT ${select} FROM \`${table}\``, 'ordermys')
      s.columns.forEach((column, i) => {
        const count = Number(cells[2 * i])
        const crc = BigInt(cells[2 * i + 1])
        if (count !== s.count[i] || crc !== s.crc[i]) problems.push(`${table}.${column}: MariaDB ${count} values, CRC sum ${crc}; reader ${s.count[i]}, ${s.crc[i]}`)
      })
    }
    expect(problems, report(problems)).toEqual([])
  })
})
