import { describe, expect, it } from 'vitest'
import type { TableDef } from '@/lib/dump/types'
import { compareWithContract, hasDrift } from './compare-with-contract'

const table = (name: string, ...columns: string[]): TableDef => ({
  name,
  columns: columns.map((c) => ({
    name: c, type: 'int(11)', baseType: 'int', unsigned: false, nullable: false, autoIncrement: false, defaultText: null, binary: false,
  })),
  primaryKey: ['ID'],
  keys: [],
  options: '',
  offset: 0,
})

describe('compareWithContract', () => {
  const contract = [table('Brands', 'ID', 'BrandName'), table('Orders', 'ID', 'CustomerID')]

  it('finds nothing when the dump matches the contract', () => {
    const drift = compareWithContract(contract, [table('Brands', 'ID', 'BrandName'), table('Orders', 'ID', 'CustomerID')])
    expect(hasDrift(drift)).toBe(false)
  })

  it('reports an extra table, an extra column, a missing column and a missing table', () => {
    const drift = compareWithContract(contract, [table('Brands', 'ID', 'Logo'), table('Invoices', 'ID')])
    expect(drift).toEqual({
      missingTables: ['Orders'],
      extraTables: ['Invoices'],
      extraColumns: [{ table: 'Brands', column: 'Logo' }],
      missingColumns: [{ table: 'Brands', column: 'BrandName' }],
    })
  })

  it('compares table names exactly (case matters)', () => {
    const drift = compareWithContract(contract, [table('brands', 'ID', 'BrandName'), table('Orders', 'ID', 'CustomerID')])
    expect(drift.extraTables).toEqual(['brands'])
    expect(drift.missingTables).toEqual(['Brands'])
  })
})
