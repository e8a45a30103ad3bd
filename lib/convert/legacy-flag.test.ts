import { describe, expect, it } from 'vitest'
import { flagToBoolean, isCanonicalFlag } from './legacy-flag'

describe('flagToBoolean', () => {
  it.each([
    { flag: 0, want: false, canonical: true },
    { flag: 1, want: true, canonical: true },
    { flag: 2, want: true, canonical: false },
    { flag: -1, want: true, canonical: false },
    { flag: 127, want: true, canonical: false },
  ])('$flag → $want (canonical: $canonical)', ({ flag, want, canonical }) => {
    expect(flagToBoolean(flag)).toBe(want)
    expect(isCanonicalFlag(flag)).toBe(canonical)
  })
})
