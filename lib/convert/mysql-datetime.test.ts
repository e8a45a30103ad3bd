import { describe, expect, it } from 'vitest'
import { InvalidValue } from './invalid-value'
import { parseMysqlDatetime } from './mysql-datetime'

describe('parseMysqlDatetime', () => {
  it.each([
    { raw: '2012-03-04 05:06:07', want: '2012-03-04T05:06:07.000Z' },
    { raw: '2016-02-29 23:59:59', want: '2016-02-29T23:59:59.000Z' },
    { raw: '2000-02-29 00:00:00', want: '2000-02-29T00:00:00.000Z' },
    { raw: '1000-01-01 00:00:00', want: '1000-01-01T00:00:00.000Z' },
    { raw: '9999-12-31 23:59:59', want: '9999-12-31T23:59:59.000Z' },
    { raw: '0099-01-01 00:00:00', want: '0099-01-01T00:00:00.000Z' },
    { raw: '2012-03-04', want: '2012-03-04T00:00:00.000Z' },
    { raw: '2012-03-04 05:06:07.5', want: '2012-03-04T05:06:07.500Z' },
    { raw: '2012-03-04 05:06:07.123000', want: '2012-03-04T05:06:07.123Z' },
    { raw: '0000-00-00 00:00:00', want: null },
    { raw: '0000-00-00', want: null },
    { raw: '2012-00-00 00:00:00', want: null },
    { raw: '2012-05-00 10:00:00', want: null },
  ])('$raw → $want', ({ raw, want }) => {
    const got = parseMysqlDatetime(raw)
    expect(got instanceof Date ? got.toISOString() : got).toBe(want)
  })

  it.each([
    { raw: 'yesterday', reason: 'is not a date and time (YYYY-MM-DD HH:MM:SS)' },
    { raw: '2012-03-04T05:06:07Z', reason: 'is not a date and time (YYYY-MM-DD HH:MM:SS)' },
    { raw: '', reason: 'is not a date and time (YYYY-MM-DD HH:MM:SS)' },
    { raw: '2015-02-29 00:00:00', reason: 'is not a valid calendar date and time' },
    { raw: '1900-02-29 00:00:00', reason: 'is not a valid calendar date and time' },
    { raw: '2012-13-01 00:00:00', reason: 'is not a valid calendar date and time' },
    { raw: '2012-04-31 00:00:00', reason: 'is not a valid calendar date and time' },
    { raw: '2012-03-04 24:00:00', reason: 'is not a valid calendar date and time' },
    { raw: '2012-03-04 05:60:00', reason: 'is not a valid calendar date and time' },
    { raw: '2012-03-04 05:06:07.123456', reason: 'has sub-millisecond digits, which cannot be kept exactly' },
  ])('$raw is refused: $reason', ({ raw, reason }) => {
    expect(parseMysqlDatetime(raw)).toEqual(new InvalidValue(reason))
  })
})
