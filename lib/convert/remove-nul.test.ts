import { describe, expect, it } from 'vitest'
import { countNul, removeNul } from './remove-nul'

describe('removeNul', () => {
  it.each([
    { raw: 'plain', want: 'plain', count: 0 },
    { raw: 'a\0b', want: 'ab', count: 1 },
    { raw: '\0\0x\0', want: 'x', count: 3 },
    { raw: '\0', want: '', count: 1 },
    { raw: '🐎\0🐎', want: '🐎🐎', count: 1 },
    { raw: 'a\\0b', want: 'a\\0b', count: 0 }, // a backslash and a zero, not a NUL
  ])('$raw → $want', ({ raw, want, count }) => {
    expect(removeNul(raw)).toBe(want)
    expect(countNul(raw)).toBe(count)
  })
})
