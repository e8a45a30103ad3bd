// The target check, pure: a contract table against what the database holds of it (inspect-target)
// and what the run's mapped rows need of it (their longest texts, their NULLs, their values of an
// enumeration), as findings the operator reads before the first import. A finding names the table
// and column, what the contract needs and what is there; it blocks when the import could not
// write the table as it is; its `fix` is what preparing the target does about it (nothing is ever
// dropped, renamed or narrowed), or null when only a person can resolve it.

import type { ExistingColumn, ExistingTable } from './inspect-target'
import type { ContractColumn, ContractTable, ContractType } from './target-contract'
import {
  addColumnSql,
  addForeignKeySql,
  createIndexSql,
  createTableStatements,
  createUniqueIndexSql,
} from './target-ddl'

/** The order prepare-target runs fixes in: tables, columns, unique keys, indexes, then foreign keys. */
export type FixKind = 'create_table' | 'add_column' | 'unique' | 'index' | 'foreign_key'

export interface TargetFix {
  kind: FixKind
  sql: string
}

export type FindingSeverity = 'blocking' | 'warning' | 'info'

export interface TargetFinding {
  table: string
  /** null: the table as a whole */
  column: string | null
  /** what the contract needs */
  needs: string
  /** what is there */
  found: string
  severity: FindingSeverity
  /** what preparing the target does about it; null when it is left as it is, or for a person to do */
  fix: TargetFix[] | null
}

/** What a run's mapped rows need of one target table's columns (see measure-mapped.ts). */
export interface ColumnNeeds {
  /** the longest text, in characters (text columns) */
  maxLength?: number
  /** rows whose value is NULL */
  nulls?: number
  /** values not among an enumeration's labels (at most a few) */
  unknownLabels?: string[]
}
export type TableNeeds = ReadonlyMap<string, ColumnNeeds>

export interface EvaluateOptions {
  schema: string
  /** what the run's mapped rows need; undefined when the table is not validated yet */
  needs?: TableNeeds
  /** the contract tables absent from the target schema (a reference to one gets its key once it is created) */
  absentTables: ReadonlySet<string>
  /** tables whose `id` can be referenced (uuid with a unique key), existing or about to be created */
  referenceableTables: ReadonlySet<string>
}

const TYPE_WORDS: Record<ContractType, string> = {
  uuid: 'uuid',
  integer: 'integer (or bigint)',
  text: 'text (or a varchar long enough for its values)',
  money: 'numeric(12,2) or wider',
  boolean: 'boolean',
  timestamptz: 'timestamptz (a timestamp without time zone is read as UTC)',
  jsonb: 'jsonb (or json)',
}

function finding(table: string, column: string | null, needs: string, found: string, severity: FindingSeverity, fix: TargetFix[] | null = null): TargetFinding {
  return { table, column, needs, found, severity, fix }
}

/** Whether `existing` can hold the contract column's values: null when it can without a word. */
export function judgeColumnType(contract: ContractColumn, existing: ExistingColumn, needs: ColumnNeeds | undefined): { severity: FindingSeverity; found: string } | null {
  const found = existing.formattedType
  switch (contract.type) {
    case 'uuid':
      return existing.dataType === 'uuid' ? null : { severity: 'blocking', found }
    case 'integer':
      return existing.dataType === 'integer' || existing.dataType === 'bigint' ? null : { severity: 'blocking', found }
    case 'boolean':
      return existing.dataType === 'boolean' ? null : { severity: 'blocking', found }
    case 'money': {
      if (existing.dataType !== 'numeric') return { severity: 'blocking', found: `${found}: money is never a float` }
      if (existing.precision === null) return null // unconstrained numeric holds any amount exactly
      const scale = existing.scale ?? 0
      return scale >= 2 && existing.precision - scale >= 10 ? null : { severity: 'blocking', found }
    }
    case 'timestamptz':
      if (existing.dataType === 'timestamp with time zone') return null
      if (existing.dataType === 'timestamp without time zone') return { severity: 'info', found: `${found}: accepted, written and read as UTC` }
      return { severity: 'blocking', found }
    case 'jsonb':
      if (existing.dataType === 'jsonb') return null
      if (existing.dataType === 'json') return { severity: 'info', found: `${found}: accepted (json keeps the text as written)` }
      return { severity: 'blocking', found }
    case 'text': {
      if (existing.dataType === 'text' || found === 'citext') return null
      if (existing.enumLabels) {
        if (!needs) return { severity: 'warning', found: `${found} (an enumeration: ${existing.enumLabels.join(', ')}): the run's values are checked once the table is validated` }
        if (needs.unknownLabels && needs.unknownLabels.length > 0) {
          return { severity: 'blocking', found: `${found} (an enumeration) lacks ${needs.unknownLabels.map((l) => `'${l}'`).join(', ')}, which the dump's rows need` }
        }
        return { severity: 'info', found: `${found} (an enumeration): holds every value of the dump's rows` }
      }
      if (existing.dataType === 'character varying' || existing.dataType === 'character') {
        if (existing.maxLength === null) return null
        if (!needs || needs.maxLength === undefined) return { severity: 'warning', found: `${found}: the longest value is measured once the table is validated` }
        if (needs.maxLength > existing.maxLength) return { severity: 'blocking', found: `${found}: the longest value of the dump is ${needs.maxLength} characters` }
        return existing.dataType === 'character'
          ? { severity: 'blocking', found: `${found}: a char(n) pads values with spaces, which would change them` }
          : { severity: 'info', found: `${found}: holds the longest value of the dump (${needs.maxLength} characters)` }
      }
      return { severity: 'blocking', found }
    }
  }
}

/** The findings for one contract table. */
export function evaluateTargetTable(contract: ContractTable, existing: ExistingTable | undefined, options: EvaluateOptions): TargetFinding[] {
  const { schema } = options
  const name = contract.name
  if (!existing) {
    const statements = createTableStatements(schema, contract)
    return [
      finding(name, null, 'the table', 'absent', 'blocking', [
        { kind: 'create_table', sql: statements[0] },
        ...statements.slice(1).map((sql): TargetFix => ({ kind: sql.startsWith('CREATE UNIQUE') ? 'unique' : 'index', sql })),
        ...contract.references.map((r): TargetFix => ({ kind: 'foreign_key', sql: addForeignKeySql(schema, name, r) })),
      ]),
    ]
  }

  const findings: TargetFinding[] = []
  const columns = new Map(existing.columns.map((c) => [c.name, c]))
  const added = new Set<string>()
  for (const column of contract.columns) {
    const present = columns.get(column.name)
    const needs = options.needs?.get(column.name)
    const wanted = `${TYPE_WORDS[column.type]}${column.notNull ? ', not null' : ''}`
    if (!present) {
      added.add(column.name)
      findings.push(finding(name, column.name, wanted, 'absent', 'blocking', [{ kind: 'add_column', sql: addColumnSql(schema, name, column) }]))
      continue
    }
    const judged = judgeColumnType(column, present, needs)
    if (judged) findings.push(finding(name, column.name, wanted, judged.found, judged.severity))
    if (present.generatedAlways) {
      findings.push(finding(name, column.name, 'a column the import writes', `${present.formattedType} GENERATED ALWAYS: no value can be written into it`, 'blocking'))
    }
    if (present.notNull && !column.notNull) {
      if (needs?.nulls === undefined) {
        findings.push(finding(name, column.name, 'NULL allowed (the legacy data may lack a value)', 'NOT NULL: checked against the dump\'s rows once the table is validated', 'warning'))
      } else if (needs.nulls > 0) {
        findings.push(
          finding(name, column.name, 'NULL allowed (the legacy data may lack a value)', `NOT NULL, and ${needs.nulls} row${needs.nulls === 1 ? '' : 's'} of the dump have no value for it`, 'blocking'),
        )
      }
    }
  }

  // legacy_id: the import finds a legacy row's target row by it (ON CONFLICT (legacy_id)).
  if (!added.has('legacy_id') && columns.has('legacy_id') && !existing.uniqueColumns.has('legacy_id')) {
    findings.push(
      finding(name, 'legacy_id', 'a unique key of its own', 'not unique', 'blocking', [{ kind: 'unique', sql: createUniqueIndexSql(schema, name, ['legacy_id']) }]),
    )
  } else if (added.has('legacy_id')) {
    findings[findings.findIndex((f) => f.column === 'legacy_id')].fix!.push({ kind: 'unique', sql: createUniqueIndexSql(schema, name, ['legacy_id']) })
  }
  if (columns.has('id') && !existing.uniqueColumns.has('id')) {
    findings.push(finding(name, 'id', 'the primary key (other tables refer to it)', 'not unique', 'warning'))
  }
  for (const key of contract.unique) {
    const has = key.length === 1 ? existing.uniqueColumns.has(key[0]) : existing.uniqueKeys.some((k) => k.length === key.length && k.every((c, i) => c === key[i]))
    if (!has) findings.push(finding(name, key.join(', '), 'a unique key', 'none', 'warning', [{ kind: 'unique', sql: createUniqueIndexSql(schema, name, key) }]))
  }

  for (const reference of contract.references) {
    for (const half of [reference.column, reference.legacyColumn]) {
      if (!existing.indexedColumns.has(half)) {
        const fix: TargetFix = { kind: 'index', sql: createIndexSql(schema, name, [half]) }
        if (added.has(half)) findings.find((f) => f.column === half)!.fix!.push(fix)
        else findings.push(finding(name, half, 'an index (references are looked up by it)', 'none', 'info', [fix]))
      }
    }
    const hasKey = existing.foreignKeys.some((k) => k.column === reference.column && k.referencedTable === reference.table && k.referencedColumn === 'id')
    if (hasKey) continue
    const referenceable = options.referenceableTables.has(reference.table)
    if (added.has(reference.column) && referenceable) {
      findings.find((f) => f.column === reference.column)!.fix!.push({ kind: 'foreign_key', sql: addForeignKeySql(schema, name, reference) })
    } else if (columns.has(reference.column) || added.has(reference.column)) {
      findings.push(
        finding(
          name,
          reference.column,
          `a foreign key to ${reference.table}(id)`,
          referenceable ? 'none: references are still resolved and checked by the import and the reconciliation' : `none, and ${reference.table}.id cannot be referenced (not a unique uuid)`,
          'warning',
        ),
      )
    }
  }
  for (const extra of contract.indexes) {
    if (!existing.indexedColumns.has(extra[0])) findings.push(finding(name, extra.join(', '), 'an index', 'none', 'info', [{ kind: 'index', sql: createIndexSql(schema, name, extra) }]))
  }

  // Columns of its own: the import writes only the contract's columns, so the others must fill themselves.
  const known = new Set(contract.columns.map((c) => c.name))
  const own = existing.columns.filter((c) => !known.has(c.name))
  for (const column of own) {
    if (column.notNull && !column.hasDefault && !column.generatedAlways) {
      findings.push(finding(name, column.name, 'a column of its own must be nullable or have a default: the import cannot fill it', `${column.formattedType} NOT NULL without a default`, 'blocking'))
    }
  }
  const left = own.filter((c) => !c.notNull || c.hasDefault || c.generatedAlways)
  if (left.length > 0) {
    findings.push(finding(name, null, 'nothing of columns the contract does not know', `columns of its own, left to the backend (nullable or defaulted): ${left.map((c) => c.name).join(', ')}`, 'info'))
  }
  return findings
}

const FIX_ORDER: Record<FixKind, number> = { create_table: 0, add_column: 1, unique: 2, index: 3, foreign_key: 4 }

/** The statements that prepare the target, in an order that works: tables, columns, keys, indexes, foreign keys. */
export function preparationStatements(findings: readonly TargetFinding[]): string[] {
  const fixes = findings.flatMap((f) => f.fix ?? [])
  // stable: within a kind, the contract's table order (findings come in it)
  return fixes
    .map((fix, i) => ({ fix, i }))
    .sort((a, b) => FIX_ORDER[a.fix.kind] - FIX_ORDER[b.fix.kind] || a.i - b.i)
    .map(({ fix }) => fix.sql)
}

/** What is left blocking once preparation would have run: the blocking findings it cannot fix. */
export function blockingAfterPreparation(findings: readonly TargetFinding[]): TargetFinding[] {
  return findings.filter((f) => f.severity === 'blocking' && f.fix === null)
}
