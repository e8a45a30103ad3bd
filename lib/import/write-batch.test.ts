import { describe, expect, it } from 'vitest'
import { Prisma } from '@/lib/generated/prisma/client'
import { toCreateInput } from './write-batch'

describe('toCreateInput', () => {
  const columns = [
    { name: 'legacy_id', field: 'legacyId', dataType: 'integer' },
    { name: 'saddle_specifications', field: 'saddleSpecifications', dataType: 'jsonb' },
    { name: 'special_instructions', field: 'specialInstructions', dataType: 'text' },
    { name: 'total_amount', field: 'totalAmount', dataType: 'numeric' },
  ]

  it('renames columns to fields and keeps values as pg read them', () => {
    const row = { legacy_id: 7, saddle_specifications: { seat: '17"' }, special_instructions: null, total_amount: '2615.50' }
    expect(toCreateInput(row, columns)).toEqual({ legacyId: 7, saddleSpecifications: { seat: '17"' }, specialInstructions: null, totalAmount: '2615.50' })
  })

  it('gives a NULL jsonb as Prisma.DbNull (createMany refuses a plain null there)', () => {
    const row = { legacy_id: 7, saddle_specifications: null, special_instructions: 'x', total_amount: '0.00' }
    expect(toCreateInput(row, columns).saddleSpecifications).toBe(Prisma.DbNull)
  })
})
