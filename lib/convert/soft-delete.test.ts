import { describe, expect, it } from 'vitest'
import { softDeletedAt } from './soft-delete'

const importTime = new Date('2025-01-01T00:00:00Z')
const changed = new Date('2016-03-04T10:00:00Z')

describe('softDeletedAt', () => {
  it.each([
    { deleted: false, lastChange: changed, want: null },
    { deleted: false, lastChange: null, want: null },
    { deleted: true, lastChange: changed, want: changed },
    { deleted: true, lastChange: null, want: importTime },
  ])('deleted $deleted, last change $lastChange → $want', ({ deleted, lastChange, want }) => {
    expect(softDeletedAt(deleted, lastChange, importTime)).toEqual(want)
  })
})
