import { describe, expect, it } from 'vitest'
import { hashColumns, rowHashSql } from './collect-table-pass'

describe('hashColumns', () => {
  const target = new Map([
    ['id', 'uuid'],
    ['legacy_id', 'integer'],
    ['customer_id', 'uuid'],
    ['legacy_customer_id', 'integer'],
    ['price_saddle', 'numeric'],
    ['added_later', 'text'],
  ])
  const mapped = new Map([...target].filter(([c]) => c !== 'added_later').concat([['_row', 'bigint'], ['dropped', 'text']]))

  it('hashes the target columns in order, without the uuid halves and what one side lacks', () => {
    expect(hashColumns(target, mapped, ['customer_id'])).toEqual({
      columns: [
        { name: 'id', dataType: 'uuid' },
        { name: 'legacy_id', dataType: 'integer' },
        { name: 'legacy_customer_id', dataType: 'integer' },
        { name: 'price_saddle', dataType: 'numeric' },
      ],
      excluded: ['customer_id', 'added_later', 'dropped'],
    })
  })
})

describe('rowHashSql', () => {
  const columns = [
    { name: 'id', dataType: 'uuid' },
    { name: 'created_at', dataType: 'timestamp with time zone' },
  ]
  it.each([
    { method: 'typed' as const, want: 'hash_record_extended(row(m."id", m."created_at"), 0)' },
    {
      method: 'md5' as const,
      want: `md5(row((m."id")::text, to_char((m."created_at") AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text)`,
    },
  ])('$method', ({ method, want }) => {
    expect(rowHashSql('m', columns, method)).toBe(want)
  })
})
