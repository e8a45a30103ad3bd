// The SQL readings of staged values against the converters the mappings use, value by value, on a
// real PostgreSQL: the source side of a check must read a value exactly as the import did.

import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '@/lib/db/test-database'
import { InvalidValue } from '@/lib/convert/invalid-value'
import { parseLegacyInteger } from '@/lib/convert/legacy-integer'
import { formatMoney, parseMoney } from '@/lib/convert/money'
import { parseMysqlDatetime } from '@/lib/convert/mysql-datetime'
import { fromUnixSeconds } from '@/lib/convert/unix-time'
import { sqlCurrency } from './collect-money'
import { currencyCode } from '@/lib/convert/currency-code'
import { castGuardFor, sourceSql, sqlCanonicalText, sqlUnixTime, sqlUtcText, type CastGuard } from './source-sql'

let database: TestDatabase
let client: pg.Client
beforeAll(async () => {
  database = await createTestDatabase({ migrate: false })
  client = new pg.Client({ connectionString: database.url })
  await client.connect()
  await client.query('create temporary table v (x text)')
}, 120_000)
afterAll(async () => {
  await client?.end()
  await database?.drop()
})

/**
 * The expression over a one-row table holding `value`. A table, not a constant: PostgreSQL folds
 * constants at planning, casts inside CASE branches included, which staged columns never are.
 */
async function evaluate(expression: (value: string) => string, value: string | null): Promise<string | null> {
  await client.query('truncate v')
  await client.query('insert into v values ($1)', [value])
  const result = await client.query<{ out: string | null }>(`select (${expression('v.x')})::text as out from v`)
  return result.rows[0].out
}

/** JS Date → the UTC text sqlUtcText gives. */
function utcText(date: Date | null): string | null {
  return date === null ? null : date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')
}

describe.each(['input-is-valid', 'pattern'] as CastGuard[])('with the %s guard', (guard) => {
  const sql = sourceSql(guard)

  describe('sqlInteger reads a legacy INT as parseLegacyInteger does', () => {
    it.each(['42', '+7', '007', '-3', '0', '2147483647', '-2147483648', '0000000000000000000000005'])('%s', async (value) => {
      expect(await evaluate((v) => sql.integer(v), value)).toBe(String(parseLegacyInteger(value)))
    })

    // Rows the mapping rejects never reach a comparison (the collectors join the accepted rows):
    // the guard only has to keep their values from failing the query.
    it.each([' 4', '0x10', '99999999999999999999'])('%j, rejected by the mapping, does not fail the query', async (value) => {
      expect(parseLegacyInteger(value)).toBeInstanceOf(InvalidValue)
      await evaluate((v) => sql.integer(v), value) // throws if the query fails
    })

    it.each(['abc', '1.5', ''])('%j is no integer: NULL, the fallback where one is given', async (value) => {
      expect(parseLegacyInteger(value)).toBeInstanceOf(InvalidValue)
      expect(await evaluate((v) => sql.integer(v), value)).toBeNull()
      expect(await evaluate((v) => sql.integer(v, 1), value)).toBe('1')
    })

    it('NULL is the fallback', async () => {
      expect(await evaluate((v) => sql.integer(v, 0), null)).toBe('0')
    })
  })

  describe('sqlMoney rounds as lib/convert/money does', () => {
    it.each(['12.50', '-5.10', '0.00', '99999999.99', '0.005', '-0.005', '12.345', '12.344', '1e2', '.5', '5.', '-0', '1.5E-1', '+3.10'])('%s', async (value) => {
      const money = parseMoney(value)
      if (money instanceof InvalidValue) throw new Error(`${value} should be money`)
      expect(await evaluate((v) => sql.money(v), value)).toBe(formatMoney(money.cents))
    })

    it('NULL is the legacy DEFAULT 0.00', async () => {
      expect(await evaluate((v) => sql.money(v), null)).toBe('0.00')
    })
  })

  describe('sqlDatetime reads DATETIME text as parseMysqlDatetime does', () => {
    it.each(['2012-03-04 05:06:07', '2012-03-04', '1970-01-01 00:00:00', '2038-01-19 03:14:08', '2012-03-04 05:06:07.123', '0000-00-00 00:00:00', '2012-00-10 00:00:00', '2012-05-00 10:00:00', '0000-01-01 00:00:00'])(
      '%s',
      async (value) => {
        const date = parseMysqlDatetime(value)
        if (date instanceof InvalidValue) throw new Error(`${value} should be a date`)
        expect(await evaluate((v) => sqlUtcText(sql.datetime(v)), value)).toBe(utcText(date))
      },
    )
  })

  describe('sqlUnixTime and sqlFlag', () => {
    it.each([0, 1, 1_450_000_000, 2_147_483_647, -1])('%i seconds', async (seconds) => {
      expect(await evaluate((v) => sqlUtcText(sqlUnixTime(sql.integer(v, 0))), String(seconds))).toBe(utcText(fromUnixSeconds(seconds)))
    })

    it.each([
      { value: '0', want: 'false' },
      { value: '1', want: 'true' },
      { value: '2', want: 'true' },
      { value: null, want: 'false' },
    ])('flag $value', async ({ value, want }) => {
      expect(await evaluate((v) => sql.flag(v, 0), value)).toBe(want)
    })
  })

  describe('sqlCurrency', () => {
    it.each([1, 2, 3, 4, 5, 0, 9])('%i', async (n) => {
      expect(await evaluate((v) => sqlCurrency(sql.integer(v)), String(n))).toBe(currencyCode(n))
    })
  })
})

it('uses pg_input_is_valid from PostgreSQL 16 on', () => {
  expect([castGuardFor(150004), castGuardFor(160000), castGuardFor(180004)]).toEqual(['pattern', 'input-is-valid', 'input-is-valid'])
})

describe('sqlCanonicalText', () => {
  it('writes a time the same whatever the session time zone', async () => {
    const at = (zone: string) =>
      client.query(`set time zone '${zone}'`).then(() => evaluate((v) => sqlCanonicalText(`(${v})::timestamptz`, 'timestamp with time zone'), '2016-03-04 10:00:00+00'))
    const [utc, tokyo] = [await at('UTC'), await at('Asia/Tokyo')]
    await client.query('reset time zone')
    expect(tokyo).toBe(utc)
    expect(utc).toBe('2016-03-04T10:00:00.000000Z')
  })

  it.each([
    { value: '12.50', type: 'numeric(12,2)', dataType: 'numeric', want: '12.50' },
    { value: '{"b": 1, "a": [1, "x"]}', type: 'jsonb', dataType: 'jsonb', want: '{"a": [1, "x"], "b": 1}' },
    { value: 'true', type: 'boolean', dataType: 'boolean', want: 'true' },
  ])('$type', async ({ value, type, dataType, want }) => {
    expect(await evaluate((v) => sqlCanonicalText(`(${v})::${type}`, dataType), value)).toBe(want)
  })
})
