import { describe, expect, it } from 'vitest'
import { statuses } from './statuses'
import { IMPORT_TIME, asStagedText, issueKeys, mapWith, uuid } from './testing'

describe('Statuses → order_statuses', () => {
  it.each([
    { ID: 1, StatusName: 'Order placed', Sequence: 1 },
    { ID: 7, StatusName: 'Delivered to customer', Sequence: 7 },
    { ID: 12, StatusName: 'Repair', Sequence: 12 },
  ])('$ID $StatusName', (row) => {
    expect(mapWith(statuses, asStagedText(row))).toEqual({
      target: { id: uuid('Statuses', row.ID), legacyId: row.ID, name: row.StatusName, sequence: row.Sequence, createdAt: IMPORT_TIME, updatedAt: IMPORT_TIME },
      issues: [],
    })
  })

  it('rejects a row without ID', () => {
    expect(issueKeys(mapWith(statuses, { StatusName: 'x', Sequence: 1 }).issues)).toEqual(['MISSING_ID@ID'])
  })
})
