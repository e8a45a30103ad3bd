import type { DatabaseClients } from '@/lib/db/prisma'
import { loadLegacyContract } from '@/lib/legacy/legacy-contract'
import { MAPPED_DECIDED, MAPPED_DECISIONS, MAPPED_LINK_ID, STAGING_EXACT, STAGING_LEGACY_ID, STAGING_ROW } from '@/lib/staging/staging-names'
import { mappedTableName } from '@/lib/staging/staging-names'
import { isSecretLegacyColumn, isSecretTargetColumn } from './secret-values'

export type LegacyColumnKind = 'text' | 'integer' | 'number' | 'binary' | 'secret'
export type TargetColumnKind = 'text' | 'number' | 'json' | 'time' | 'boolean' | 'uuid' | 'secret'

export interface LegacyPreviewColumn {
  name: string
  kind: LegacyColumnKind
  /** the column is not in the legacy schema (drift): staged, never migrated */
  drift: boolean
}

export interface TargetPreviewColumn {
  name: string
  kind: TargetColumnKind
}

export interface PreviewColumns {
  legacy: LegacyPreviewColumn[]
  target: TargetPreviewColumn[]
  /** the mapped rows exist (the table was validated) */
  mapped: boolean
  /** the mapped rows say which of their columns a decision set (mapped tables made since decisions exist) */
  decided: boolean
}

const BOOKKEEPING = new Set([STAGING_ROW, STAGING_LEGACY_ID, STAGING_EXACT, MAPPED_LINK_ID, MAPPED_DECIDED, MAPPED_DECISIONS])
const INTEGER_BASE_TYPES = new Set(['int', 'integer', 'tinyint', 'smallint', 'mediumint', 'bigint', 'year'])
const NUMERIC_BASE_TYPES = new Set(['decimal', 'numeric', 'float', 'double', 'real'])

/** A column of the staged or the mapped table, as the catalog describes it. */
interface CatalogColumn {
  table_name: string
  column_name: string
  /** format_type(atttypid, NULL): 'text', 'bytea', 'jsonb', 'timestamp with time zone', 'integer', … */
  data_type: string
}

/** The staged table's columns (with what they hold) and the mapped table's, from the database. */
export async function loadPreviewColumns(
  db: DatabaseClients,
  schema: string,
  legacyTable: string,
  targetTable: string | null,
): Promise<PreviewColumns> {
  // The catalog, not information_schema.columns (which checks privileges on every column of every
  // staging schema: 3× slower here).
  const result = await db.pool.query<CatalogColumn>(
    `select c.relname as table_name, a.attname as column_name, format_type(a.atttypid, null) as data_type
       from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_attribute a on a.attrelid = c.oid
      where n.nspname = $1 and c.relname = any($2::text[]) and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
      order by a.attnum`,
    [schema, targetTable ? [legacyTable, mappedTableName(targetTable)] : [legacyTable]],
  )
  return previewColumns(result.rows, legacyTable, targetTable)
}

/** What the preview shows of each column, from the catalog's rows. */
async function previewColumns(rows: readonly CatalogColumn[], legacyTable: string, targetTable: string | null): Promise<PreviewColumns> {
  const contract = (await loadLegacyContract()).find((t) => t.name === legacyTable)
  const declared = new Map(contract?.columns.map((c) => [c.name, c]) ?? [])
  const legacy: LegacyPreviewColumn[] = []
  const target: TargetPreviewColumn[] = []
  let decided = false
  for (const row of rows) {
    if (row.column_name === MAPPED_DECIDED && row.table_name !== legacyTable) decided = true
    if (BOOKKEEPING.has(row.column_name)) continue
    if (row.table_name === legacyTable) {
      const def = declared.get(row.column_name)
      const kind: LegacyColumnKind = isSecretLegacyColumn(legacyTable, row.column_name)
        ? 'secret'
        : row.data_type === 'bytea'
          ? 'binary'
          : def && INTEGER_BASE_TYPES.has(def.baseType)
            ? 'integer'
            : def && NUMERIC_BASE_TYPES.has(def.baseType)
              ? 'number'
              : 'text'
      legacy.push({ name: row.column_name, kind, drift: contract !== undefined && !def })
    } else {
      target.push({ name: row.column_name, kind: targetKind(targetTable!, row.column_name, row.data_type) })
    }
  }
  return { legacy, target, mapped: target.length > 0, decided }
}

function targetKind(targetTable: string, column: string, dataType: string): TargetColumnKind {
  if (isSecretTargetColumn(targetTable, column)) return 'secret'
  if (dataType === 'json' || dataType === 'jsonb') return 'json'
  if (dataType.startsWith('timestamp') || dataType === 'date') return 'time'
  if (dataType === 'boolean') return 'boolean'
  if (dataType === 'uuid') return 'uuid'
  if (['integer', 'bigint', 'smallint', 'numeric', 'real', 'double precision'].includes(dataType)) return 'number'
  return 'text'
}
