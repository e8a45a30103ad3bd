import { describe, expect, it } from 'vitest'
import { formatUtc, fromUnixSeconds } from './unix-time'

describe('fromUnixSeconds', () => {
  it.each([
    { seconds: 0, want: null },
    { seconds: 1, want: '1970-01-01T00:00:01.000Z' },
    { seconds: 1457085600, want: '2016-03-04T10:00:00.000Z' },
    { seconds: 2147483647, want: '2038-01-19T03:14:07.000Z' },
    { seconds: -86400, want: '1969-12-31T00:00:00.000Z' },
  ])('$seconds → $want', ({ seconds, want }) => {
    expect(fromUnixSeconds(seconds)?.toISOString() ?? null).toBe(want)
  })
})

describe('formatUtc', () => {
  it.each([
    { iso: '2016-03-04T10:00:00.000Z', want: '2016-03-04 10:00:00 UTC' },
    { iso: '2016-03-04T10:00:00.250Z', want: '2016-03-04 10:00:00.250 UTC' },
  ])('$iso → $want', ({ iso, want }) => {
    expect(formatUtc(new Date(iso))).toBe(want)
  })
})
