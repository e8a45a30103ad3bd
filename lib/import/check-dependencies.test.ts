import { describe, expect, it } from 'vitest'
import { AppError } from '@/lib/errors'
import { assertDependenciesImported, assertNoDependentsHoldRows, dependentsHoldingRows, holdsImportedRows, missingDependencies, type TableStates } from './check-dependencies'

function states(entries: Record<string, string | [string, number] | undefined>): TableStates {
  return new Map(Object.entries(entries as Record<string, string | [string, number]>).map(([table, s]) => [table, Array.isArray(s) ? { state: s[0], rowsImported: s[1] } : { state: s, rowsImported: s === 'imported' ? 1 : 0 }]))
}

describe('missingDependencies', () => {
  it.each([
    { name: 'all imported', s: { Customers: 'imported', Fitters: 'imported', Saddles: 'imported', LeatherTypes: 'imported', Factories: 'imported', Statuses: 'imported' }, want: [] },
    { name: 'absent from the dump does not block', s: { Customers: 'imported', Fitters: 'imported', Saddles: 'imported', LeatherTypes: 'missing', Factories: 'imported', Statuses: 'imported' }, want: [] },
    {
      name: 'validated, failed, rolled back and absent block',
      s: { Customers: 'validated', Fitters: 'imported', Saddles: 'failed', LeatherTypes: 'imported', Factories: 'rolled_back' },
      want: [
        { table: 'Customers', state: 'validated' },
        { table: 'Saddles', state: 'failed' },
        { table: 'Factories', state: 'rolled_back' },
        { table: 'Statuses', state: 'absent' },
      ],
    },
  ])('Orders: $name', ({ s, want }) => {
    expect(missingDependencies('Orders', states(s))).toEqual(want)
  })

  it('a table without dependencies is always ready', () => {
    expect(missingDependencies('Brands', states({}))).toEqual([])
  })

  it('the refusal names the missing tables', () => {
    const refusal = (() => {
      try {
        assertDependenciesImported('OrdersInfo', states({ Orders: 'importing', Options: 'imported', OptionsItems: 'validated' }))
      } catch (error) {
        return error
      }
    })() as AppError
    expect(refusal).toBeInstanceOf(AppError)
    expect(refusal.code).toBe('DEPENDENCY_MISSING')
    expect(refusal.message).toBe('OrdersInfo cannot be imported yet: it references Orders (importing), OptionsItems (validated), which must be imported first in this run.')
    expect(refusal.details).toMatchObject({ missing: ['Orders', 'OptionsItems'] })
  })
})

describe('dependents holding rows', () => {
  it.each([
    { state: 'imported', rows: 10, holds: true },
    { state: 'importing', rows: 0, holds: true },
    { state: 'failed', rows: 5000, holds: true },
    { state: 'failed', rows: 0, holds: false },
    { state: 'rolled_back', rows: 0, holds: false },
    { state: 'validated', rows: 0, holds: false },
  ])('$state with $rows rows: $holds', ({ state, rows, holds }) => {
    expect(holdsImportedRows({ state, rowsImported: rows })).toBe(holds)
  })

  it('lists the dependents in dependency order and refuses the roll-back naming them', () => {
    const s = states({ Customers: 'imported', Orders: 'imported', ClientConfirmation: 'imported', OrdersInfo: ['failed', 200], Fitters: 'imported' })
    expect(dependentsHoldingRows('Orders', s)).toEqual([
      { table: 'OrdersInfo', state: 'failed' },
      { table: 'ClientConfirmation', state: 'imported' },
    ])
    expect(() => assertNoDependentsHoldRows('Orders', s)).toThrow(
      'Orders cannot be rolled back: OrdersInfo (failed), ClientConfirmation (imported) reference it; roll those tables back first.',
    )
    expect(() => assertNoDependentsHoldRows('Customers', s)).toThrow('Customers cannot be rolled back: Orders (imported) references it; roll that table back first.')
    expect(() => assertNoDependentsHoldRows('Brands', s)).not.toThrow()
  })
})
