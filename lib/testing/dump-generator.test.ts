import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createDumpGenerator, planFor, type DumpManifest } from './dump-generator'
import { doubleEncode, phpJsonEncode } from './synthetic-text'
import { DEFAULT_NET_BUFFER_LENGTH } from './dump-format'
import { LEGACY_TABLES, showCreateTable } from './legacy-schema'
import { parseSize } from './write-synthetic-dump'

function generate(targetBytes: number, seed = 1, netBufferLength?: number): { text: string; manifest: DumpManifest } {
  const generator = createDumpGenerator({ targetBytes, seed, netBufferLength })
  const text = [...generator.chunks()].join('')
  return { text, manifest: generator.manifest() }
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex')

describe('parseSize', () => {
  it.each([
    { text: '1MB', want: 1024 ** 2 },
    { text: '355MB', want: 355 * 1024 ** 2 },
    { text: '1GB', want: 1024 ** 3 },
    { text: '2 mb', want: 2 * 1024 ** 2 },
    { text: '500KB', want: 500 * 1024 },
    { text: '1.5M', want: 1.5 * 1024 ** 2 },
    { text: '4096', want: 4096 },
  ])('$text', ({ text, want }) => {
    expect(parseSize(text)).toBe(want)
  })

  it('refuses nonsense', () => {
    expect(() => parseSize('big')).toThrow(/not a size/)
  })
})

describe('text helpers', () => {
  it('double-encodes UTF-8 as the legacy system did', () => {
    expect(doubleEncode('Müller')).toBe('MÃ¼ller')
  })

  it('encodes JSON as PHP json_encode() does by default', () => {
    expect(phpJsonEncode({ a: 'Müller/😀' })).toBe('{"a":"M\\u00fcller\\/\\ud83d\\ude00"}')
  })
})

describe('the synthetic dump', () => {
  const small = generate(1024 ** 2, 1)

  it('is deterministic: the same seed and size give the same bytes', () => {
    expect(sha(generate(1024 ** 2, 1).text)).toBe(sha(small.text))
  })

  it('differs for another seed', () => {
    expect(sha(generate(1024 ** 2, 2).text)).not.toBe(sha(small.text))
  })

  it.each([{ mb: 1 }, { mb: 4 }])('comes within 10% of the requested size ($mb MB)', ({ mb }) => {
    const { text, manifest } = mb === 1 ? small : generate(mb * 1024 ** 2, 3)
    expect(manifest.bytes).toBe(Buffer.byteLength(text))
    expect(Math.abs(manifest.bytes / (mb * 1024 ** 2) - 1)).toBeLessThan(0.1)
  })

  it('fills all 21 tables and lists them in alphabetical order', () => {
    const order = [...LEGACY_TABLES].sort((a, b) => (a < b ? -1 : 1))
    expect(Object.keys(small.manifest.tables)).toEqual(order)
    for (const table of LEGACY_TABLES) expect(small.manifest.tables[table].rows, table).toBeGreaterThan(0)
    const positions = order.map((t) => small.text.indexOf(`-- Table structure for table \`${t}\``))
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
  })

  it('writes CREATE TABLE as SHOW CREATE TABLE prints the contract, with AUTO_INCREMENT', () => {
    for (const table of LEGACY_TABLES) {
      expect(small.text, table).toContain(showCreateTable(table, small.manifest.tables[table].maxId + 1) + ';\n')
    }
  })

  it('starts and ends like mariadb-dump 10.11', () => {
    expect(small.text.startsWith('/*M!999999\\- enable the sandbox mode */ \n-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB')).toBe(true)
    expect(small.text.endsWith('/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;\n\n-- Dump completed on 2026-04-01  2:17:43\n')).toBe(true)
  })

  it('keeps each INSERT within net_buffer_length unless a single row is longer', () => {
    const { text } = generate(3 * 1024 ** 2, 5, 16_384)
    let statements = 0
    for (let at = text.indexOf('\nINSERT INTO '); at >= 0; at = text.indexOf('\nINSERT INTO ', at + 1)) {
      const end = text.indexOf(');\n', at)
      const statement = text.slice(at + 1, end + 2)
      const rows = statement.split('),\n(').length
      if (rows > 1) expect(Buffer.byteLength(statement)).toBeLessThan(16_384)
      statements++
    }
    expect(statements).toBeGreaterThan(100)
  })

  it('uses the default net buffer of mariadb-dump', () => {
    expect(small.manifest.netBufferLength).toBe(DEFAULT_NET_BUFFER_LENGTH)
  })

  it('has the shape of production: JSON and PHP OrderData, md5 and bcrypt, orphans, zero dates', () => {
    const { manifest } = generate(8 * 1024 ** 2, 11)
    expect(manifest.orders.orderData.json).toBeGreaterThan(0)
    expect(manifest.orders.orderData.php).toBeGreaterThan(0)
    expect(manifest.orders.orderData.empty + manifest.orders.orderData.null).toBeGreaterThan(0)
    expect(manifest.credentials.md5).toBeGreaterThan(0)
    expect(manifest.credentials.bcrypt).toBeGreaterThan(0)
    expect(manifest.references['Orders.CustomerID'].orphan).toBeGreaterThan(0)
    expect(manifest.references['Orders.FactoryID'].zero).toBeGreaterThan(0)
    expect(manifest.log.zeroDates).toBeGreaterThan(0)
    expect(manifest.orders.orderTimeFrom.startsWith('2012-')).toBe(true)
    expect(manifest.orders.orderTimeTo.startsWith('2026-')).toBe(true)
    const bytes = manifest.tables
    expect(bytes.DBlog.bytes + bytes.Log.bytes + bytes.Orders.bytes).toBeGreaterThan(0.7 * manifest.bytes)
  })

  it('plans production proportions at 355 MB', () => {
    const plan = planFor(105_000)
    expect(plan.customers).toBeGreaterThan(30_000)
    expect(plan.saddles).toBeGreaterThan(200)
    expect(plan.optionsItems).toBeGreaterThan(500)
  })
})
