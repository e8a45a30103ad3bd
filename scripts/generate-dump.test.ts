// The synthetic dump against the real MariaDB: it loads without error, holds what the manifest
// says, and mariadb-dump writes it back byte for byte (so the generator's format is exact).

import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { DumpManifest } from '@/lib/testing/dump-generator'
import { useMariaDb } from '@/lib/testing/use-mariadb'
import type { WrittenDump } from '@/lib/testing/write-synthetic-dump'

const SCRIPT = fileURLToPath(new URL('./generate-dump.ts', import.meta.url))
const ROOT = path.dirname(path.dirname(SCRIPT))

function runScript(args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8' })
  return { status: result.status, stderr: result.stderr }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
/** The dump without its last line, the only one that changes between runs of mariadb-dump. */
const withoutDate = (bytes: Buffer) => bytes.subarray(0, bytes.lastIndexOf('-- Dump completed on '))

describe('scripts/generate-dump.ts with the real MariaDB', () => {
  const files = {} as Record<'plain' | 'again' | 'gzip' | 'small' | 'manifest' | 'smallManifest', string>
  let manifest: WrittenDump
  const db = useMariaDb({
    setup: async (server) => {
      for (const name of ['plain', 'again', 'small'] as const) files[name] = path.join(server.baseDir, `${name}.sql`)
      files.gzip = path.join(server.baseDir, 'plain.sql.gz')
      files.manifest = path.join(server.baseDir, 'plain.json')
      files.smallManifest = path.join(server.baseDir, 'small.json')
      const runs = [
        ['--size', '2MB', '--seed', '42', '--out', files.plain, '--manifest', files.manifest],
        ['--size', '2MB', '--seed', '42', '--out', files.again],
        ['--size', '2MB', '--seed', '42', '--out', files.gzip, '--gzip'],
        ['--size', '1MB', '--seed', '7', '--out', files.small, '--net-buffer-length', '16384', '--manifest', files.smallManifest],
      ]
      for (const args of runs) {
        const { status, stderr } = runScript(args)
        if (status !== 0) throw new Error(`generate-dump ${args.join(' ')} failed: ${stderr}`)
      }
      manifest = JSON.parse(readFileSync(files.manifest, 'utf8')) as WrittenDump
      await server.exec('CREATE DATABASE ordermys; CREATE DATABASE small;')
      await server.loadFile(files.plain, 'ordermys')
      await server.loadFile(files.small, 'small')
    },
  })

  it('prints what it wrote', () => {
    const { status, stderr } = runScript(['--help'])
    expect(status).toBe(0)
    expect(runScript([]).stderr).toMatch(/usage: npx tsx scripts\/generate-dump.ts --size/)
    expect(stderr).toBe('')
  })

  it('writes the same bytes for the same seed and size', () => {
    expect(sha256(readFileSync(files.again))).toBe(sha256(readFileSync(files.plain)))
    expect(manifest.sha256).toBe(sha256(readFileSync(files.plain)))
  })

  it('--gzip output gunzips to the same bytes', () => {
    expect(gunzipSync(readFileSync(files.gzip)).equals(readFileSync(files.plain))).toBe(true)
  })

  it('loads into MariaDB with the row counts of the manifest', async () => {
    for (const [table, t] of Object.entries(manifest.tables)) {
      const [[count, max]] = await db().query(`SELECT COUNT(*), COALESCE(MAX(ID), 0) FROM \`${table}\``, 'ordermys')
      expect({ table, rows: Number(count), maxId: Number(max) }).toEqual({ table, rows: t.rows, maxId: t.maxId })
    }
  })

  it.each([
    { name: 'default net buffer', file: 'plain' as const, database: 'ordermys', extraArgs: [] },
    { name: '16 KB net buffer', file: 'small' as const, database: 'small', extraArgs: ['--net-buffer-length=16384'] },
  ])('is what mariadb-dump writes, byte for byte ($name)', async ({ file, database, extraArgs }) => {
    const out = path.join(db().baseDir, `${database}-redump.sql`)
    await db().dump('default', out, { database, routines: false, extraArgs })
    const generated = readFileSync(files[file])
    const real = readFileSync(out)
    // Only the header's "Database:" line names the database; the small dump was generated for ordermys.
    // The banner and "Server version" lines name the installed MariaDB's patch release (Debian moves
    // it: 10.11.18, 10.11.19, …): the generator writes one, the comparison takes the installed one's.
    const normalise = (bytes: Buffer) =>
      withoutDate(bytes)
        .toString('utf8')
        .replace(`Database: ${database}\n`, 'Database: ordermys\n')
        .replace(/Distrib 10\.11\.\d+-MariaDB/, 'Distrib 10.11.x-MariaDB')
        .replace(/-- Server version\t10\.11\.\d+-MariaDB[^\n]*\n/, '-- Server version\t10.11.x-MariaDB\n')
    const a = normalise(real)
    const b = normalise(generated)
    if (a !== b) {
      let i = 0
      while (i < a.length && a[i] === b[i]) i++
      expect.fail(`first difference at character ${i}: mariadb-dump ${JSON.stringify(a.slice(i - 80, i + 80))} vs generated ${JSON.stringify(b.slice(i - 80, i + 80))}`)
    }
  })

  describe('the manifest checks hold in MariaDB', () => {
    const one = async (sql: string): Promise<string[]> => (await db().queryNullable(sql, 'ordermys'))[0].map((v) => v ?? '0')

    it('orphans and zeros per reference', async () => {
      for (const [column, check] of Object.entries(manifest.references)) {
        const [table, name] = column.split('.')
        const [zero, orphan] = await one(
          `SELECT COALESCE(SUM(t.\`${name}\` = 0), 0), COALESCE(SUM(t.\`${name}\` <> 0 AND x.ID IS NULL), 0) FROM \`${table}\` t LEFT JOIN \`${check.target}\` x ON x.ID = t.\`${name}\``,
        )
        expect({ column, zero: Number(zero), orphan: Number(orphan) }).toEqual({ column, zero: check.zero, orphan: check.orphan })
      }
    })

    it('money sums per currency', async () => {
      const rows = await db().query(
        'SELECT Currency, COUNT(*), SUM(PriceSaddle), SUM(PriceOptions), SUM(PriceShipping), SUM(PriceDeposit), SUM(PriceSaddle + PriceOptions + PriceShipping) FROM Orders GROUP BY Currency',
        'ordermys',
      )
      const got = Object.fromEntries(rows.map(([c, n, s, o, sh, d, t]) => [c, { orders: Number(n), priceSaddle: s, priceOptions: o, priceShipping: sh, priceDeposit: d, total: t }]))
      expect(got).toEqual(manifest.orders.byCurrency)
    })

    it('order counters', async () => {
      const [zeroTime, zeroChange, urgent, nulls, empties, over64k, from, to] = await one(
        "SELECT SUM(OrderTime = 0), SUM(ChangeTime = 0), SUM(IsUrgent), SUM(OrderData IS NULL), SUM(OrderData = ''), SUM(LENGTH(OrderData) > 65536), DATE_FORMAT(FROM_UNIXTIME(MIN(NULLIF(OrderTime, 0))), '%Y-%m-%dT%H:%i:%s.000Z'), DATE_FORMAT(FROM_UNIXTIME(MAX(OrderTime)), '%Y-%m-%dT%H:%i:%s.000Z') FROM Orders",
      )
      const o: DumpManifest['orders'] = manifest.orders
      expect([zeroTime, zeroChange, urgent, nulls, empties, over64k].map(Number)).toEqual([o.orderTimeZero, o.changeTimeZero, o.urgent, o.orderData.null, o.orderData.empty, o.orderDataOver64k])
      expect([from, to]).toEqual([o.orderTimeFrom, o.orderTimeTo])
      const byStatus = await db().query('SELECT OrderStatus, COUNT(*) FROM Orders GROUP BY OrderStatus', 'ordermys')
      expect(Object.fromEntries(byStatus.map(([s, n]) => [s, Number(n)]))).toEqual(o.byStatus)
    })

    it('order lines, credentials, log zero dates, deleted rows', async () => {
      expect((await one('SELECT SUM(Quantity), SUM(Price), SUM(OptionID = 0) FROM OrdersInfo')).join(' ')).toBe(
        `${manifest.orderLines.quantity} ${manifest.orderLines.priceSum} ${manifest.orderLines.freeText}`,
      )
      const [md5, bcrypt, empty] = await one("SELECT SUM(Password REGEXP '^[0-9a-fA-F]{32}$'), SUM(Password LIKE '$2y$%'), SUM(Password = '') FROM Credentials")
      expect({ md5: Number(md5), bcrypt: Number(bcrypt), empty: Number(empty) }).toEqual(manifest.credentials)
      const [zeroDates] = await one("SELECT SUM(LogTime = '0000-00-00 00:00:00') FROM Log")
      expect(Number(zeroDates)).toBe(manifest.log.zeroDates)
      for (const [table, n] of Object.entries(manifest.deleted)) {
        const [deleted] = await one(`SELECT SUM(Deleted) FROM \`${table}\``)
        expect({ table, deleted: Number(deleted) }).toEqual({ table, deleted: n })
      }
    })
  })
})
