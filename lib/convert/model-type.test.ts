import { describe, expect, it } from 'vitest'
import { modelType } from './model-type'

describe('modelType', () => {
  it.each([
    { legacy: 0, want: 'jump' },
    { legacy: 1, want: 'dressage' },
    { legacy: 2, want: 'all_purpose' },
    { legacy: 3, want: 'endurance' },
    { legacy: 4, want: null },
    { legacy: -1, want: null },
  ])('$legacy → $want', ({ legacy, want }) => {
    expect(modelType(legacy)).toBe(want)
  })
})
