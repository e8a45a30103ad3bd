import type { Pool, PoolClient } from 'pg'
import { snakeCase } from '@/lib/mappings'
import { escapeCopyText } from '@/lib/staging/copy-text'

export interface TargetColumn {
  /** PostgreSQL column name (`legacy_model_id`) */
  name: string
  /** Prisma field name, the key of a mapped row (`legacyModelId`) */
  field: string
  /** information_schema data_type: uuid, integer, numeric, text, jsonb, boolean, timestamp with time zone */
  dataType: string
}

/** The columns of a target table, in table order, as the database has them. */
export async function loadTargetColumns(db: Pool | PoolClient, table: string): Promise<TargetColumn[]> {
  const result = await db.query<{ column_name: string; data_type: string }>(
    `select column_name, data_type from information_schema.columns
      where table_schema = current_schema() and table_name = $1 order by ordinal_position`,
    [table],
  )
  if (result.rows.length === 0) throw new Error(`Target table ${table} does not exist: were the migrations applied?`)
  const fields = new Map<string, string>()
  return result.rows.map((r) => ({ name: r.column_name, field: fieldFor(r.column_name, fields), dataType: r.data_type }))
}

/** `legacy_model_id` → `legacyModelId`, the inverse of the mechanical rule the mappings follow. */
function fieldFor(column: string, cache: Map<string, string>): string {
  const field = column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())
  if (snakeCase(field) !== column) throw new Error(`Column ${column} does not follow the camelCase ↔ snake_case rule`)
  cache.set(column, field)
  return field
}

/** A mapped row's value as COPY text for a column of `dataType`. */
export function encodeTargetValue(value: unknown, dataType: string): string {
  if (value === null || value === undefined) return '\\N'
  if (dataType === 'jsonb' || dataType === 'json') return escapeCopyText(JSON.stringify(value))
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'boolean') return value ? 't' : 'f'
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (typeof value === 'string') return escapeCopyText(value)
  return escapeCopyText(JSON.stringify(value))
}
