// The SQL of importing one table, built from its plan (pure: no database). Every statement reads
// the mapped rows (`staging_x."mapped__<target>"`, exactly the rows as they will be written) within
// a range of `_row`, and resolves each reference against the target table it points into, by the
// legacy id: the referenced row's own id is taken (the derived uuid, or the id of an existing row
// of the new system that a legacy row was linked to, see `linked`); a reference whose row is not
// there (the referenced legacy row was rejected, or not imported) becomes NULL, its legacy half
// stays, and the orphanIssues statement reports it as ORPHAN_REF.
//
// Batch ranges are inlined as integers, not bound: `COPY (query) TO STDOUT` takes no parameters,
// and all write methods share these texts. Identifiers come from the database and are quoted.

import { MAPPED_DECIDED, MAPPED_LINK_ID, quoteIdent } from '@/lib/staging/staging-names'
import type { Reference } from './references'

export interface ImportPlan {
  legacyTable: string
  targetTable: string
  /** the run's staging schema */
  stagingSchema: string
  /** schema-qualified, quoted: `"staging_ab12"."mapped__orders"` */
  mappedTable: string
  /** the contract's columns in table order (the mapped table has the same, plus `_row`) */
  columns: readonly string[]
  /** columns whose target type a mapped value reaches only through an explicit cast (an enumeration): column → type */
  casts?: ReadonlyMap<string, string>
  /** target columns of a type without equality (json), compared through this type (jsonb) to tell a changed row */
  compareAs?: ReadonlyMap<string, string>
  references: readonly { reference: Reference; targetTable: string }[]
  /** The mapped table says which columns a decision set (`_decided`): a reference set so is taken as decided. */
  decided?: boolean
  /**
   * The mapped table has `_link_id`: the id of an existing target row (of the new system) that the
   * legacy row is linked to instead of inserted (users, by e-mail). Such a row only gets its
   * legacy_id and legacy halves; the import leaves its own id and values as they are.
   */
  linked?: boolean
}

/** Rows `_row` in (afterRow, lastRow]. */
export interface RowRange {
  afterRow: number
  lastRow: number
}

/** Every row of the mapped table: a bulk load in one statement. */
export const ALL_ROWS: RowRange = { afterRow: 0, lastRow: Number.MAX_SAFE_INTEGER }

const KEY = 'legacy_id'
const ID = 'id'
const LINK_ID = MAPPED_LINK_ID

function int(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer row number: ${n}`)
  return String(n)
}

function rangeWhere(range: RowRange): string {
  if (range === ALL_ROWS) return 'true'
  return `m._row > ${int(range.afterRow)} AND m._row <= ${int(range.lastRow)}`
}

function refAlias(index: number): string {
  return `r${index}`
}

/**
 * The referenced row by the legacy half, when validation found the referenced legacy row in the
 * dump (the mapped uuid is set; a reference validation already found to be an orphan stays NULL).
 */
function joins(plan: ImportPlan): string {
  return plan.references
    .map(({ reference, targetTable }, i) => {
      const r = refAlias(i)
      return `LEFT JOIN ${quoteIdent(targetTable)} ${r} ON m.${quoteIdent(reference.column)} IS NOT NULL AND ${r}.${quoteIdent(KEY)} = m.${quoteIdent(reference.legacyColumn)}`
    })
    .join('\n')
}

/**
 * A reference's uuid as written: the id of the row found by the legacy half — or, where a decision
 * set the uuid half (it names a row of its own choosing, maybe one of the new system), that row's
 * id if it is in the target. NULL when the row is not there: an orphan.
 */
function resolvedRef(plan: ImportPlan, reference: Reference, targetTable: string, index: number): string {
  const found = `${refAlias(index)}.${quoteIdent(ID)}`
  if (!plan.decided) return found
  const column = `m.${quoteIdent(reference.column)}`
  return `CASE WHEN m.${MAPPED_DECIDED} IS NOT NULL AND ${literal(reference.column)} = ANY(string_to_array(m.${MAPPED_DECIDED}, ','))
    THEN (SELECT d.${quoteIdent(ID)} FROM ${quoteIdent(targetTable)} d WHERE d.${quoteIdent(ID)} = ${column}) ELSE ${found} END`
}

/** The select list: every target column, a reference uuid taken from the row it found (or NULL). */
function sourceColumns(plan: ImportPlan): string {
  const byColumn = new Map(plan.references.map(({ reference, targetTable }, i) => [reference.column, { reference, targetTable, i }]))
  return plan.columns
    .map((column) => {
      const ref = byColumn.get(column)
      if (ref !== undefined) return `${resolvedRef(plan, ref.reference, ref.targetTable, ref.i)} AS ${quoteIdent(column)}`
      const cast = plan.casts?.get(column)
      return cast ? `m.${quoteIdent(column)}::${cast} AS ${quoteIdent(column)}` : `m.${quoteIdent(column)}`
    })
    .join(', ')
}

/** Rows a plain insert or upsert writes: all, but those linked to an existing row. */
function unlinked(plan: ImportPlan, alias = 'm'): string {
  return plan.linked ? `\n  AND ${alias}.${quoteIdent(LINK_ID)} IS NULL` : ''
}

/** The batch's rows as they are written: mapped rows of the range, references resolved. */
function sourceSelect(plan: ImportPlan, range: RowRange, extraWhere = ''): string {
  return `SELECT ${sourceColumns(plan)}
FROM ${plan.mappedTable} m
${joins(plan)}
WHERE ${rangeWhere(range)}${unlinked(plan)}${extraWhere}`
}

/** The legacy halves of the plan's references: what a linked row receives besides its legacy_id. */
function legacyHalves(plan: ImportPlan): string[] {
  return plan.references.map(({ reference }) => reference.legacyColumn)
}

function columnList(columns: readonly string[], prefix = ''): string {
  return columns.map((c) => prefix + quoteIdent(c)).join(', ')
}

/** The columns as a row that IS DISTINCT FROM can compare (json has no equality: compared as jsonb). */
function comparable(plan: ImportPlan, columns: readonly string[], prefix: string): string {
  return columns
    .map((c) => {
      const as = plan.compareAs?.get(c)
      return as ? `${prefix}${quoteIdent(c)}::${as}` : prefix + quoteIdent(c)
    })
    .join(', ')
}

/** Columns an upsert refreshes: all but the keys (the id is a function of the legacy id). */
function updatedColumns(plan: ImportPlan): string[] {
  return plan.columns.filter((c) => c !== ID && c !== KEY)
}

export function importStatements(plan: ImportPlan) {
  const target = quoteIdent(plan.targetTable)
  const updated = updatedColumns(plan)
  const columns = columnList(plan.columns)

  return {
    /** the target table, quoted */
    target,

    /** $1 afterRow, $2 batch size → { last_row, rows } of the next batch (last_row NULL when done) */
    nextBatch: `SELECT max(_row)::text AS last_row, count(*)::int AS rows
FROM (SELECT _row FROM ${plan.mappedTable} WHERE _row > $1::bigint ORDER BY _row LIMIT $2) b`,

    /** rows that will be imported (the mapped rows) */
    countMapped: `SELECT count(*)::int AS rows FROM ${plan.mappedTable}`,

    /**
     * The whole batch in one statement, server-side: insert, or refresh the row with the same
     * legacy id. A row that is already exactly so is not rewritten (no dead tuple on a rerun).
     */
    upsert: (range: RowRange) => `INSERT INTO ${target} AS t (${columns})
${sourceSelect(plan, range)}
ON CONFLICT (${quoteIdent(KEY)}) DO UPDATE SET ${updated.map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`).join(', ')}
WHERE (${comparable(plan, updated, 't.')}) IS DISTINCT FROM (${comparable(plan, updated, 'EXCLUDED.')})`,

    /**
     * Rows linked to an existing row of the new system (users, by e-mail): that row gets the legacy
     * id and the legacy halves, nothing else. Null when the table links nothing.
     */
    linkExisting: plan.linked
      ? (range: RowRange) => `UPDATE ${target} AS t SET ${[KEY, ...legacyHalves(plan)].map((c) => `${quoteIdent(c)} = m.${quoteIdent(c)}`).join(', ')}
FROM ${plan.mappedTable} m
WHERE t.${quoteIdent(ID)} = m.${quoteIdent(LINK_ID)} AND ${rangeWhere(range)}
  AND (${columnList([KEY, ...legacyHalves(plan)], 't.')}) IS DISTINCT FROM (${columnList([KEY, ...legacyHalves(plan)], 'm.')})`
      : null,

    /**
     * A bulk load: the target holds no legacy row of this table (empty, or only the new system's
     * own rows), so every mapped row is inserted without looking for one to refresh — one
     * statement, whose joins PostgreSQL makes by hashing rather than row by row.
     */
    insertAll: `INSERT INTO ${target} (${columns})
${sourceSelect(plan, ALL_ROWS)}`,

    /** COPY cannot upsert: rows already in the target are refreshed by this first… */
    updateExisting: (range: RowRange) => `UPDATE ${target} AS t SET ${updated.map((c) => `${quoteIdent(c)} = s.${quoteIdent(c)}`).join(', ')}
FROM (${sourceSelect(plan, range)}) s
WHERE t.${quoteIdent(KEY)} = s.${quoteIdent(KEY)} AND (${comparable(plan, updated, 't.')}) IS DISTINCT FROM (${comparable(plan, updated, 's.')})`,

    /** …and only the rows not there yet are written by the method. */
    selectNew: (range: RowRange) =>
      sourceSelect(plan, range, `\n  AND NOT EXISTS (SELECT 1 FROM ${target} t WHERE t.${quoteIdent(KEY)} = m.${quoteIdent(KEY)})`),

    copyIn: `COPY ${target} (${columns}) FROM STDIN`,

    /**
     * $1 run id, $2 legacy table: one ORPHAN_REF warning per reference the batch NULLs because its
     * row is not in the target. Null for a table without references.
     */
    orphanIssues:
      plan.references.length === 0
        ? null
        : (range: RowRange) => `INSERT INTO migration_row_issues (run_id, legacy_table, legacy_id, row_number, column_name, severity, code, message, source_value)
SELECT $1::uuid, $2, m.${quoteIdent(KEY)}, m._row, o.source_column, 'warning', 'ORPHAN_REF', o.message, o.legacy_value::text
FROM ${plan.mappedTable} m
${joins(plan)}
CROSS JOIN LATERAL (VALUES
  ${plan.references.map(({ reference, targetTable }, i) => orphanValues(reference, targetTable, orphanCondition(reference, resolvedRef(plan, reference, targetTable, i)))).join(',\n  ')}
) AS o(source_column, legacy_value, orphan, message)
WHERE ${rangeWhere(range)}${unlinked(plan)}
  -- rows without an orphan never reach the VALUES list (its messages cost more than the joins)
  AND (${plan.references.map(({ reference, targetTable }, i) => orphanCondition(reference, resolvedRef(plan, reference, targetTable, i))).join(' OR ')})
  AND o.orphan`,

    /**
     * $1 run id, $2 legacy table: removes the ORPHAN_REF issues a previous import of this run wrote
     * (before a fresh import, and on roll-back). They are told from the validation's own ORPHAN_REF
     * issues by the mapped row: validation reports an orphan with a NULL uuid, the import one whose
     * uuid is set (the referenced row existed in the dump but never reached the target).
     */
    clearImportOrphanIssues:
      plan.references.length === 0
        ? null
        : `DELETE FROM migration_row_issues i USING ${plan.mappedTable} m
WHERE i.run_id = $1::uuid AND i.legacy_table = $2 AND i.code = 'ORPHAN_REF' AND i.row_number = m._row
  AND (${plan.references.map(({ reference }) => `(i.column_name = ${literal(reference.sourceColumn)} AND m.${quoteIdent(reference.column)} IS NOT NULL)`).join(' OR ')})`,

    /** Roll-back: the target rows of this table's mapped rows (not the linked rows of the new system). */
    deleteImported: `DELETE FROM ${target} t USING ${plan.mappedTable} m WHERE t.${quoteIdent(KEY)} = m.${quoteIdent(KEY)}${unlinked(plan)}`,

    /** Roll-back of linked rows: they lose the legacy id and halves the import gave them, and stay. Null when the table links nothing. */
    unlinkExisting: plan.linked
      ? `UPDATE ${target} AS t SET ${[KEY, ...legacyHalves(plan)].map((c) => `${quoteIdent(c)} = NULL`).join(', ')}
FROM ${plan.mappedTable} m
WHERE t.${quoteIdent(ID)} = m.${quoteIdent(LINK_ID)} AND t.${quoteIdent(KEY)} = m.${quoteIdent(KEY)}`
      : null,
  }
}

export type ImportStatements = ReturnType<typeof importStatements>

function orphanValues(reference: Reference, targetTable: string, orphan: string): string {
  const legacy = `m.${quoteIdent(reference.legacyColumn)}`
  const message =
    `${literal(`${reference.sourceColumn} `)} || ${legacy} || ${literal(` points at ${reference.legacyTable} row `)} || ${legacy} || ` +
    literal(
      `, which is not in ${targetTable} (it was rejected, or not imported); ${reference.column} is left empty and ${reference.legacyColumn} keeps `,
    ) +
    ` || ${legacy} || '.'`
  return `(${literal(reference.sourceColumn)}, ${legacy}, ${orphan}, ${message})`
}

/** The mapped row has a uuid, but the referenced target table has no row for it. */
function orphanCondition(reference: Reference, resolved: string): string {
  return `(m.${quoteIdent(reference.column)} IS NOT NULL AND ${resolved} IS NULL)`
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`
}
