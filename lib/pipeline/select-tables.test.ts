import { describe, expect, it } from 'vitest'
import { legacyTableNames } from '@/lib/mappings'
import { resolveTableName, selectTables, withDependencies } from './select-tables'

const everything = new Set(legacyTableNames)

describe('selectTables', () => {
  it('all mapped tables of the dump, in dependency order, when none is named', () => {
    expect(selectTables({ present: everything })).toEqual(legacyTableNames)
    expect(selectTables({ tables: [], present: new Set(['Log', 'UserTypes']) })).toEqual(['UserTypes', 'Log'])
  })

  it.each([
    { named: ['Brands'], want: ['Brands'] },
    { named: ['DBlog'], want: ['UserTypes', 'Credentials', 'DBlog'] },
    { named: ['ClientConfirmation'], want: ['UserTypes', 'Credentials', 'Fitters', 'Customers', 'Factories', 'Brands', 'Saddles', 'LeatherTypes', 'Statuses', 'Orders', 'ClientConfirmation'].sort((a, b) => legacyTableNames.indexOf(a) - legacyTableNames.indexOf(b)) },
    { named: ['option_items', 'brands'], want: ['Brands', 'Options', 'OptionsItems'] },
    { named: ['orders', 'ORDERS', 'Statuses'], want: withDependencies(['Orders']) },
  ])('$named → the named tables and what they reference', ({ named, want }) => {
    expect(selectTables({ tables: named, present: everything })).toEqual(want)
  })

  it('skips a dependency absent from the dump, but refuses a named table the dump lacks', () => {
    const withoutStatuses = new Set(legacyTableNames.filter((t) => t !== 'Statuses'))
    expect(selectTables({ tables: ['Orders'], present: withoutStatuses })).not.toContain('Statuses')
    expect(() => selectTables({ tables: ['Statuses'], present: withoutStatuses })).toThrow('The dump has no table Statuses: there is nothing to import.')
  })

  it('refuses an unknown name and lists the known ones', () => {
    expect(() => selectTables({ tables: ['Invoices', 'Orders'], present: everything })).toThrow(/^Unknown table Invoices; the migration maps UserTypes, Credentials, /)
  })

  it('resolves legacy and target names in any case', () => {
    expect(resolveTableName('optionsitems')?.legacyTable).toBe('OptionsItems')
    expect(resolveTableName('db_change_logs')?.legacyTable).toBe('DBlog')
    expect(resolveTableName('nope')).toBeUndefined()
  })
})
