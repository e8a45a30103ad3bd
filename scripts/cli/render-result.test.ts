import { describe, expect, it } from 'vitest'
import type { MigrationResult, TableOutcome } from '@/lib/pipeline/run-migration'
import { dryRunJson, renderDrift, renderFailures, renderText, resultJson } from './render-result'

const table = (over: Partial<TableOutcome>): TableOutcome => ({
  table: 'Orders', target: 'orders', columns: ['ID', 'CustomerID'], rows: 10, mapped: 9, rejected: 1, warnings: 3, errors: 1,
  byRule: { ORPHAN_REF: 2, INVALID_VALUE: 1, ZERO_DATE: 1 }, imported: null, state: 'validated', ...over,
})

const result = (over: Partial<MigrationResult>): MigrationResult => ({
  runId: 'r1', stagingSchema: 's', dryRun: true, drift: { missingTables: [], extraTables: ['Invoices'], extraColumns: [], missingColumns: [{ table: 'Orders', column: 'IsUrgent' }] },
  databases: [], databaseChoice: { chosen: true, name: null, how: 'only', reason: '' },
  readerWarnings: [], readerWarningCount: 0, timings: { stage: 1000, validate: 2000, import: null, reconcile: null }, imports: [], reconciliation: null, targetCheck: null, targetPreparation: null, decisions: { applied: [], stale: [] }, pruned: null, failures: [], ok: true,
  tables: [table({}), table({ table: 'Brands', target: 'brands', state: 'staged' }), table({ table: 'Invoices', target: null, state: 'staged', mapped: 0, rejected: 0, warnings: 0, errors: 0, byRule: {} })],
  ...over,
})

describe('render-result', () => {
  it('dry run JSON: every table (outside the contract marked), the drift lists and the database, with exactly the documented keys', () => {
    const json = dryRunJson(result({}))
    expect(json.tables).toEqual([
      { table: 'Orders', columns: ['ID', 'CustomerID'], rows: 10, inContract: true, mapped: 9, rejected: 1, warnings: 3, errors: 1, byRule: { ORPHAN_REF: 2, INVALID_VALUE: 1, ZERO_DATE: 1 }, missingColumns: ['IsUrgent'] },
      { table: 'Brands', columns: ['ID', 'CustomerID'], rows: 10, inContract: true, mapped: 9, rejected: 1, warnings: 3, errors: 1, byRule: { ORPHAN_REF: 2, INVALID_VALUE: 1, ZERO_DATE: 1 }, missingColumns: [] },
      { table: 'Invoices', columns: ['ID', 'CustomerID'], rows: 10, inContract: false },
    ])
    expect(Object.keys(json)).toEqual(['runId', 'ok', 'database', 'tables', 'drift', 'databases', 'readerWarningCount', 'failures'])
    expect(json.drift).toEqual(result({}).drift)
    expect(json.database).toEqual({ name: null, how: 'only', reason: '' })
  })

  it('dry run JSON of a dump whose database must be chosen: no tables, the reason, the databases', () => {
    const json = dryRunJson(result({ tables: [], drift: null, ok: false, databaseChoice: { chosen: false, candidates: ['a', 'b'], reason: 'choose' } }))
    expect(json).toMatchObject({ ok: false, tables: [], drift: null, database: { name: null, how: null, reason: 'choose' } })
    expect(renderDrift(result({ drift: null, databaseChoice: { chosen: false, candidates: ['a', 'b'], reason: 'choose' } }))).toEqual(['choose'])
  })

  it('import JSON: every table worked on, with what happened to it', () => {
    const json = resultJson(result({ dryRun: false, ok: false, tables: [table({ imported: null, state: 'failed', failure: { code: 'INTERNAL', message: 'boom' } })], failures: [{ table: 'Orders', code: 'INTERNAL', message: 'boom' }] }))
    expect(json.tables[0]).toMatchObject({ table: 'Orders', target: 'orders', imported: null, state: 'failed', failure: { code: 'INTERNAL', message: 'boom' } })
    expect(json).toMatchObject({ runId: 'r1', ok: false, reconciliation: null })
  })

  it('text: a row per table, the rules with --verbose, drift tables marked', () => {
    const text = renderText(result({ dryRun: false, tables: [table({ imported: 9, state: 'imported' }), table({ table: 'Invoices', target: null, state: 'staged', byRule: {} })] }), { verbose: true })
    expect(text.split('\n')).toEqual([
      'table                     rows    mapped rejected warnings errors  imported  state',
      'Orders                      10         9        1        3      1         9  imported',
      '                      INVALID_VALUE 1',
      '                      ORPHAN_REF 2',
      '                      ZERO_DATE 1',
      'Invoices                    10         9        1        3      1         -  not mapped (drift)',
      '',
    ])
  })

  it('failures name the table, or the run for reconciliation', () => {
    expect(renderFailures(result({ failures: [{ table: 'Orders', code: 'X', message: 'why' }, { table: null, code: 'RECONCILIATION_FAILED', message: 'differs' }] }))).toEqual(['Orders: why', 'run: differs'])
  })
})
