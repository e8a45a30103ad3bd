import { describe, expect, it } from 'vitest'
import { chooseDatabase, isSystemDatabase, type DatabaseSummary } from './choose-database'

const db = (name: string | null, tables: string[], system = isSystemDatabase(name)): DatabaseSummary => ({
  name,
  system,
  tables: tables.map((t) => ({ name: t, columns: ['ID'], rows: 2 })),
})
const CONTRACT = new Set(['Orders', 'Customers', 'Log'])

describe('chooseDatabase', () => {
  it.each([
    { name: 'a dump that names no database', databases: [db(null, ['Orders'])], want: { chosen: true, name: null, how: 'only', reason: '' } },
    { name: 'one database (CREATE DATABASE + USE)', databases: [db('shop', ['Orders'])], want: { chosen: true, name: 'shop', how: 'only', reason: '' } },
    {
      name: 'one database with tables beside system databases and an empty one (--all-databases)',
      databases: [db('mysql', ['user']), db('sakila', ['actor']), db('test', [])],
      want: { chosen: true, name: 'sakila', how: 'only', reason: 'The dump holds 3 databases; `sakila` is the only one with tables (system databases are never data): it is migrated.' },
    },
    {
      name: 'two databases, one holding legacy tables',
      databases: [db('blog', ['posts']), db('ordermys', ['Orders', 'Customers'])],
      want: { chosen: true, name: 'ordermys', how: 'legacy-tables', reason: 'The dump holds 2 databases with tables; `ordermys` is the only one with tables of the legacy order system: it is migrated, not `blog` (1 table, 2 rows).' },
    },
    {
      name: 'two databases, both holding legacy tables: the operator chooses',
      databases: [db('a', ['Orders']), db('b', ['Log'])],
      want: { chosen: false, candidates: ['a', 'b'], reason: 'The dump holds 2 databases with tables (`a` (1 table, 2 rows), `b` (1 table, 2 rows)) and 2 of them hold tables of the legacy order system: choose the one to migrate.' },
    },
    {
      name: 'two databases, neither holding legacy tables (Adminer, same table in both)',
      databases: [db('dump_example', ['users']), db('example', ['users'])],
      want: { chosen: false, candidates: ['dump_example', 'example'], reason: expect.stringMatching(/and none of them holds tables of the legacy order system: choose the one to migrate\.$/) },
    },
    {
      name: 'system databases only: nothing to migrate',
      databases: [db('information_schema', ['CHARACTER_SETS']), db('mysql', ['user'])],
      want: { chosen: true, name: null, how: 'only', reason: '' },
    },
  ])('$name', ({ databases, want }) => {
    expect(chooseDatabase(databases, CONTRACT)).toEqual(want)
  })

  it.each([
    { requested: 'b', want: { chosen: true, name: 'b', how: 'operator', reason: 'Database `b` was chosen.' } },
    { requested: 'mysql', want: { chosen: false, candidates: ['a', 'b'], reason: 'Cannot migrate database "mysql": `mysql` is a system database of the server, never data. Its databases with tables: `a` (1 table, 2 rows), `b` (1 table, 2 rows).' } },
    { requested: 'nope', want: { chosen: false, candidates: ['a', 'b'], reason: expect.stringMatching(/^Cannot migrate database "nope": the dump holds no database `nope`\./) } },
  ])('asked for $requested', ({ requested, want }) => {
    expect(chooseDatabase([db('mysql', ['user']), db('a', ['Orders']), db('b', ['Log'])], CONTRACT, requested)).toEqual(want)
  })

  it('knows the system databases whatever their case', () => {
    expect(['mysql', 'INFORMATION_SCHEMA', 'performance_schema', 'sys'].map(isSystemDatabase)).toEqual([true, true, true, true])
    expect([null, 'ordermys', 'mysql2'].map(isSystemDatabase)).toEqual([false, false, false])
  })
})
