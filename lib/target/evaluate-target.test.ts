import { describe, expect, it } from 'vitest'
import { evaluateTargetTable, judgeColumnType, preparationStatements, type EvaluateOptions } from './evaluate-target'
import type { ExistingColumn, ExistingTable } from './inspect-target'
import { requireContractTable, type ContractColumn } from './target-contract'

const users = requireContractTable('users')
const customers = requireContractTable('customers')

function column(name: string, dataType: string, over: Partial<ExistingColumn> = {}): ExistingColumn {
  return {
    name,
    dataType,
    formattedType: over.formattedType ?? dataType,
    maxLength: null,
    precision: null,
    scale: null,
    notNull: false,
    hasDefault: false,
    generatedAlways: false,
    enumLabels: null,
    ...over,
  }
}

/** The contract's own table, as the app creates it. */
function asCreated(name: string): ExistingTable {
  const contract = requireContractTable(name)
  const typeOf: Record<ContractColumn['type'], string> = {
    uuid: 'uuid',
    integer: 'integer',
    text: 'text',
    money: 'numeric',
    boolean: 'boolean',
    timestamptz: 'timestamp with time zone',
    jsonb: 'jsonb',
  }
  return {
    name,
    columns: contract.columns.map((c) =>
      column(c.name, typeOf[c.type], { notNull: c.notNull, hasDefault: c.default !== null, ...(c.type === 'money' ? { precision: 12, scale: 2 } : {}) }),
    ),
    uniqueColumns: new Set(['id', 'legacy_id', ...contract.unique.filter((k) => k.length === 1).map((k) => k[0])]),
    indexedColumns: new Set(['id', 'legacy_id', ...contract.references.flatMap((r) => [r.column, r.legacyColumn]), ...contract.indexes.map((i) => i[0])]),
    uniqueKeys: [],
    foreignKeys: contract.references.map((r) => ({ name: `${name}_${r.column}_fkey`, column: r.column, referencedTable: r.table, referencedColumn: 'id' })),
  }
}

const options: EvaluateOptions = { schema: 'public', absentTables: new Set(), referenceableTables: new Set(['roles', 'users', 'fitters', 'customers']) }

/** A backend's users table: fewer columns than the contract, one of its own. */
function backendUsers(extra: ExistingColumn[] = []): ExistingTable {
  return {
    name: 'users',
    columns: [
      column('id', 'uuid', { notNull: true, hasDefault: true }),
      column('email', 'character varying', { formattedType: 'character varying(255)', maxLength: 255, notNull: true }),
      column('first_name', 'character varying', { formattedType: 'character varying(100)', maxLength: 100 }),
      column('created_at', 'timestamp without time zone', { notNull: true, hasDefault: true }),
      column('updated_at', 'timestamp without time zone', { notNull: true, hasDefault: true }),
      ...extra,
    ],
    uniqueColumns: new Set(['id', 'email']),
    indexedColumns: new Set(['id', 'email']),
    uniqueKeys: [],
    foreignKeys: [],
  }
}

describe('evaluateTargetTable', () => {
  it('finds nothing in a table the app created from the contract', () => {
    for (const name of ['users', 'orders', 'order_lines', 'models']) {
      expect(evaluateTargetTable(requireContractTable(name), asCreated(name), options)).toEqual([])
    }
  })

  it('an absent table blocks, and preparing creates it with its keys, indexes and foreign keys', () => {
    const [finding] = evaluateTargetTable(customers, undefined, options)
    expect(finding).toMatchObject({ table: 'customers', column: null, found: 'absent', severity: 'blocking' })
    expect(finding.fix!.map((f) => f.kind)).toEqual(['create_table', 'unique', 'index', 'index', 'index', 'foreign_key'])
    expect(finding.fix![0].sql).toMatch(/^CREATE TABLE "public"\."customers" \(\n {4}"id" UUID NOT NULL,\n {4}"legacy_id" INTEGER NOT NULL,/)
    expect(finding.fix!.at(-1)!.sql).toBe(
      'ALTER TABLE "public"."customers" ADD CONSTRAINT "customers_fitter_id_fkey" FOREIGN KEY ("fitter_id") REFERENCES "public"."fitters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;',
    )
  })

  it('a backend table: each missing contract column blocks and is added nullable, legacy_id with its unique key', () => {
    const findings = evaluateTargetTable(users, backendUsers(), options)
    const missing = findings.filter((f) => f.found === 'absent').map((f) => f.column)
    expect(missing).toEqual(['legacy_id', 'username', 'role_id', 'legacy_role_id', 'password_hash', 'password_algo', 'must_reset_password', 'last_login_at', 'deleted_at'])
    const legacyId = findings.find((f) => f.column === 'legacy_id')!
    expect(legacyId.fix!.map((f) => f.sql)).toEqual([
      'ALTER TABLE "public"."users" ADD COLUMN "legacy_id" INTEGER;',
      'CREATE UNIQUE INDEX "users_legacy_id_key" ON "public"."users"("legacy_id");',
    ])
    // a contract default is kept, NOT NULL is not (the new system's rows have no value)
    expect(findings.find((f) => f.column === 'must_reset_password')!.fix![0].sql).toBe('ALTER TABLE "public"."users" ADD COLUMN "must_reset_password" BOOLEAN DEFAULT false;')
    // an added uuid half gets its index and its foreign key; the legacy half its index
    expect(findings.find((f) => f.column === 'role_id')!.fix!.map((f) => f.kind)).toEqual(['add_column', 'index', 'foreign_key'])
    expect(findings.find((f) => f.column === 'legacy_role_id')!.fix!.map((f) => f.kind)).toEqual(['add_column', 'index'])
  })

  it('accepts timestamps without time zone as UTC, and says so', () => {
    const findings = evaluateTargetTable(users, backendUsers(), options)
    expect(findings.find((f) => f.column === 'created_at')).toMatchObject({ severity: 'info', found: expect.stringContaining('as UTC') })
  })

  it('a varchar is measured: unknown before validation (warning), blocking when the dump holds a longer value', () => {
    const before = evaluateTargetTable(users, backendUsers(), options).find((f) => f.column === 'email')!
    expect(before).toMatchObject({ severity: 'warning' })
    const needs = new Map([['email', { maxLength: 300, nulls: 0 }]])
    const after = evaluateTargetTable(users, backendUsers(), { ...options, needs }).filter((f) => f.column === 'email')
    expect(after.map((f) => f.severity)).toEqual(['blocking'])
    expect(after[0].found).toBe('character varying(255): the longest value of the dump is 300 characters')
    expect(after[0].fix).toBeNull()
    const fits = evaluateTargetTable(users, backendUsers(), { ...options, needs: new Map([['email', { maxLength: 80, nulls: 0 }]]) })
    expect(fits.filter((f) => f.column === 'email').map((f) => f.severity)).toEqual(['info'])
  })

  it('NOT NULL where the contract allows NULL blocks once the dump has rows without a value', () => {
    const needs = new Map([['email', { maxLength: 80, nulls: 3 }]])
    const finding = evaluateTargetTable(users, backendUsers(), { ...options, needs }).find((f) => f.column === 'email' && f.severity === 'blocking')!
    expect(finding.found).toBe('NOT NULL, and 3 rows of the dump have no value for it')
  })

  it('a column of its own: accepted when nullable or defaulted, blocking when NOT NULL without a default', () => {
    const ok = evaluateTargetTable(users, backendUsers(), options)
    expect(ok.find((f) => f.column === null && f.severity === 'info')!.found).toBe('columns of its own, left to the backend (nullable or defaulted): first_name')
    const blocked = evaluateTargetTable(users, backendUsers([column('tenant_id', 'uuid', { notNull: true })]), options)
    expect(blocked.find((f) => f.column === 'tenant_id')).toMatchObject({ severity: 'blocking', fix: null })
  })

  it('legacy_id present but not unique blocks, and preparing adds the unique key', () => {
    const table = backendUsers([column('legacy_id', 'integer')])
    const finding = evaluateTargetTable(users, table, options).find((f) => f.column === 'legacy_id')!
    expect(finding).toMatchObject({ severity: 'blocking', found: 'not unique' })
    expect(finding.fix![0].sql).toBe('CREATE UNIQUE INDEX "users_legacy_id_key" ON "public"."users"("legacy_id");')
  })

  it('an existing uuid half without a foreign key is reported, not changed', () => {
    const table = backendUsers([column('role_id', 'uuid'), column('legacy_role_id', 'integer')])
    table.indexedColumns.add('role_id').add('legacy_role_id')
    const finding = evaluateTargetTable(users, table, options).find((f) => f.column === 'role_id')!
    expect(finding).toMatchObject({ severity: 'warning', needs: 'a foreign key to roles(id)', fix: null })
  })

  it('an enumeration holds the contract text when it has every value of the dump', () => {
    const orders = requireContractTable('orders')
    const table = asCreated('orders')
    table.columns = table.columns.map((c) => (c.name === 'status' ? column('status', 'USER-DEFINED', { formattedType: 'order_status', enumLabels: ['pending', 'shipped'] }) : c))
    expect(evaluateTargetTable(orders, table, options).map((f) => f.severity)).toEqual(['warning'])
    const needs = new Map([['status', { unknownLabels: ['on_hold'] }]])
    const [blocking] = evaluateTargetTable(orders, table, { ...options, needs })
    expect(blocking).toMatchObject({ severity: 'blocking', found: "order_status (an enumeration) lacks 'on_hold', which the dump's rows need" })
  })
})

describe('judgeColumnType', () => {
  const money = requireContractTable('orders').columns.find((c) => c.name === 'total_amount')!
  it.each([
    { existing: column('total_amount', 'numeric', { precision: 12, scale: 2 }), want: null },
    { existing: column('total_amount', 'numeric', { precision: 14, scale: 4 }), want: null },
    { existing: column('total_amount', 'numeric'), want: null },
    { existing: column('total_amount', 'numeric', { precision: 10, scale: 2, formattedType: 'numeric(10,2)' }), want: 'blocking' },
    { existing: column('total_amount', 'double precision'), want: 'blocking' },
  ])('money in $existing.formattedType ($existing.precision,$existing.scale)', ({ existing, want }) => {
    expect(judgeColumnType(money, existing, undefined)?.severity ?? null).toBe(want)
  })

  it.each([
    { type: 'bigint', want: null },
    { type: 'integer', want: null },
    { type: 'smallint', want: 'blocking' },
    { type: 'text', want: 'blocking' },
  ])('an integer in $type', ({ type, want }) => {
    const legacyId = users.columns.find((c) => c.name === 'legacy_id')!
    expect(judgeColumnType(legacyId, column('legacy_id', type), undefined)?.severity ?? null).toBe(want)
  })
})

describe('preparationStatements', () => {
  it('orders the fixes: tables, columns, unique keys, indexes, foreign keys', () => {
    const findings = [
      ...evaluateTargetTable(users, backendUsers(), options),
      ...evaluateTargetTable(customers, undefined, { ...options, absentTables: new Set(['customers']) }),
    ]
    const kinds = preparationStatements(findings).map((sql) => sql.split(' ').slice(0, 2).join(' '))
    const firstOf = (prefix: string) => kinds.findIndex((k) => k.startsWith(prefix))
    const lastOf = (prefix: string) => kinds.length - 1 - [...kinds].reverse().findIndex((k) => k.startsWith(prefix))
    expect(lastOf('CREATE TABLE')).toBeLessThan(firstOf('ALTER TABLE'))
    expect(kinds.filter((k) => k === 'CREATE TABLE')).toHaveLength(1)
    expect(preparationStatements(findings).at(-1)).toMatch(/FOREIGN KEY/)
  })
})
