import { quoteValue } from '@/lib/convert/describe-value'
import { snakeCase } from '@/lib/mappings'
import { BinaryCopyValueError, type CopyBinaryBuffer } from '@/lib/staging/copy-binary'
import { requireContractTable, type ContractType } from '@/lib/target/target-contract'
import { sqlType } from '@/lib/target/target-ddl'

export interface TargetColumn {
  /** PostgreSQL column name (`legacy_model_id`) */
  name: string
  /** the mapped row's key (`legacyModelId`) */
  field: string
  /** information_schema data_type: uuid, integer, numeric, text, jsonb, boolean, timestamp with time zone */
  dataType: string
  /** the column's type as the mapped table declares it (`DECIMAL(12,2)`) */
  sqlType: string
}

const DATA_TYPE: Record<ContractType, string> = {
  uuid: 'uuid',
  integer: 'integer',
  text: 'text',
  money: 'numeric',
  boolean: 'boolean',
  timestamptz: 'timestamp with time zone',
  jsonb: 'jsonb',
}

/**
 * The columns of a target table as the contract defines them, in table order: the layout of the
 * mapped rows (what validation writes, the preview shows and the import reads), whatever the
 * target database's own table looks like (lib/target checks that it can hold them).
 */
export function contractColumns(table: string): TargetColumn[] {
  const fields = new Map<string, string>()
  return requireContractTable(table).columns.map((c) => ({ name: c.name, field: fieldFor(c.name, fields), dataType: DATA_TYPE[c.type], sqlType: sqlType(c.type) }))
}

/** `legacy_model_id` → `legacyModelId`, the inverse of the mechanical rule the mappings follow. */
function fieldFor(column: string, cache: Map<string, string>): string {
  const field = column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())
  if (snakeCase(field) !== column) throw new Error(`Column ${column} does not follow the camelCase ↔ snake_case rule`)
  cache.set(column, field)
  return field
}

/** Writes one mapped value, already known not to be null, into a binary COPY row. */
export type TargetValueWriter = (rows: CopyBinaryBuffer, value: unknown) => void

/**
 * The writer for a column of `dataType`. The mappings' values are typed (zod): a uuid and a text
 * are strings, a time a Date, money decimal text, jsonb any JSON value; anything else is a mapping
 * bug, reported (BinaryCopyValueError) rather than guessed at.
 */
export function targetValueWriter(dataType: string): TargetValueWriter {
  switch (dataType) {
    case 'uuid':
      return (rows, value) => rows.uuid(ofType(value, 'string', dataType))
    case 'integer':
      return (rows, value) => rows.int4(typeof value === 'bigint' ? Number(value) : ofType(value, 'number', dataType))
    case 'bigint':
      return (rows, value) => rows.int8(typeof value === 'bigint' ? value : ofType(value, 'number', dataType))
    case 'numeric':
      return (rows, value) => rows.numeric(typeof value === 'number' || typeof value === 'bigint' ? String(value) : ofType(value, 'string', dataType))
    case 'boolean':
      return (rows, value) => rows.bool(ofType(value, 'boolean', dataType))
    case 'timestamp with time zone':
      return (rows, value) => {
        if (!(value instanceof Date)) throw new BinaryCopyValueError(`${describe(value)} is not a Date for a ${dataType} column`)
        rows.timestamptz(value)
      }
    case 'jsonb':
      return (rows, value) => rows.jsonb(JSON.stringify(value))
    case 'text':
      return (rows, value) => rows.text(typeof value === 'string' ? value : textOf(value))
    default:
      throw new Error(`Target columns of type ${dataType} are not written by the validation pass`)
  }
}

function ofType<T extends 'string' | 'number' | 'boolean'>(value: unknown, type: T, dataType: string) {
  if (typeof value !== type) throw new BinaryCopyValueError(`${describe(value)} is not a ${type} for a ${dataType} column`)
  return value as T extends 'string' ? string : T extends 'number' ? number : boolean
}

function textOf(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (typeof value === 'boolean') return value ? 't' : 'f'
  if (value instanceof Date) return value.toISOString()
  return JSON.stringify(value)
}

/** The value as issue messages quote it (quoteValue), a Date or an object as text, and its type. */
function describe(value: unknown): string {
  const shown =
    value instanceof Date ? value.toISOString() : typeof value === 'object' && !(value instanceof Uint8Array) ? JSON.stringify(value).slice(0, 80) : quoteValue(value)
  return `${shown} (${value instanceof Date ? 'Date' : typeof value})`
}
