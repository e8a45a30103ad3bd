import { describe, expect, it } from 'vitest'
import { optionKind } from './option-kind'

describe('optionKind', () => {
  it.each([
    { legacy: 0, want: 'single' },
    { legacy: 1, want: 'extra' },
    { legacy: 2, want: 'text' },
    { legacy: 3, want: null },
    { legacy: -1, want: null },
  ])('$legacy → $want', ({ legacy, want }) => {
    expect(optionKind(legacy)).toBe(want)
  })
})
