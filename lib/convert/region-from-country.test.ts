import { describe, expect, it } from 'vitest'
import { regionFromCountry } from './region-from-country'

describe('regionFromCountry', () => {
  it.each([
    { country: 'USA', want: 'US' },
    { country: 'United States', want: 'US' },
    { country: 'U.S.A.', want: 'US' },
    { country: 'us', want: 'US' },
    { country: 'United Kingdom', want: 'UK' },
    { country: 'GB', want: 'UK' },
    { country: 'England', want: 'UK' },
    { country: 'Australia', want: 'AU' },
    { country: 'Canada', want: 'CA' },
    { country: 'Germany', want: 'EU' },
    { country: 'Deutschland', want: 'EU' },
    { country: 'Österreich', want: 'EU' },
    { country: 'The Netherlands', want: 'EU' },
    { country: '  france  ', want: 'EU' },
    { country: 'España', want: 'EU' },
    { country: 'Switzerland', want: 'EU' },
    { country: 'New Zealand', want: null },
    { country: 'Japan', want: null },
    { country: 'MÃ¼nchen', want: null },
    { country: '', want: null },
    { country: null, want: null },
  ])('$country → $want', ({ country, want }) => {
    expect(regionFromCountry(country)).toBe(want)
  })
})
