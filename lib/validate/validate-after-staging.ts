// The rules of validation that need other rows, after a pass that mapped the rows while staging
// them (validate-while-staging.ts), as set-based SQL over the staged and mapped tables:
// - repeated IDs: a row whose ID an earlier imported row of the table has is rejected
//   (DUPLICATE_ID; its own issues go), as the row-by-row pass rejects it;
// - orphans: a reference whose legacy ID no staged row of the referenced table has loses its uuid
//   (ORPHAN_REF; the legacy half stays), and a factory of factory_assignments that is no staged
//   factory is reported — the same messages the mappings' ctx.ref and the Saddles mapping write.
// Then each table's statistics, counts and state, as recordValidation writes them.

import type { DatabaseClients } from '@/lib/db/prisma'
import { mappingFor, READER_RULE_CODES, type RuleCode } from '@/lib/mappings'
import { refreshIssueCounts } from '@/lib/import/run-table-state'
import { referencesOf } from '@/lib/reconcile/reconcile-specs'
import { STAGING_ROW, mappedTableName, quoteIdent, stagedTable } from '@/lib/staging/staging-names'
import { contractColumns } from './target-columns'
import type { ValidationResult } from './validate-table'

export interface FinishPassOptions {
  db: DatabaseClients
  runId: string
  schema: string
  /** the legacy tables the pass mapped */
  tables: readonly string[]
  importTime: Date
  /** milliseconds the pass took, shared out over the tables by their rows (their timings) */
  milliseconds: number
  /** the dump's columns of each table (the mapping's columns it lacks are reported) */
  columns: ReadonlyMap<string, readonly string[]>
}

export async function finishValidationAfterStaging(options: FinishPassOptions): Promise<Map<string, ValidationResult>> {
  const { db, runId, schema } = options
  const results = new Map<string, ValidationResult>()
  const states = new Map((await db.prisma.migrationRunTable.findMany({ where: { runId } })).map((s) => [s.legacyTable, s]))
  const stagedRows = options.tables.reduce((n, t) => n + (states.get(t)?.rowsStaged ?? 0), 0)
  for (const legacyTable of options.tables) {
    const started = performance.now()
    const mapping = mappingFor(legacyTable)!
    const state = states.get(legacyTable)
    const mapped = stagedTable(schema, mappedTableName(mapping.targetTable))
    const staged = stagedTable(schema, legacyTable)
    const client = await db.pool.connect()
    try {
      await client.query('BEGIN')
      if (!state?.idsAscending) await client.query(repeatedIdsSql(staged, mapped), [runId, legacyTable, READER_RULE_CODES])
      for (const reference of referencesOf(legacyTable)) {
        const referenced = stagedTable(schema, reference.referencedLegacyTable)
        const present = (await client.query('SELECT to_regclass($1) AS t', [referenced])).rows[0].t !== null
        // a referenced table the dump does not have: every reference to it is an orphan
        const found = (legacyId: string) => (present ? `EXISTS (SELECT 1 FROM ${referenced} s WHERE s._legacy_id = ${legacyId})` : 'false')
        if (reference.kind === 'pair') {
          await client.query(
            `WITH orphans AS (
               UPDATE ${mapped} m SET ${quoteIdent(reference.targetColumn)} = NULL
                WHERE m.${quoteIdent(reference.targetColumn)} IS NOT NULL
                  AND NOT ${found(`m.${quoteIdent(reference.legacyTargetColumn)}`)}
               RETURNING m.${STAGING_ROW} AS row, m.legacy_id, m.${quoteIdent(reference.legacyTargetColumn)} AS v)
             INSERT INTO migration_row_issues (run_id, legacy_table, legacy_id, row_number, column_name, severity, code, message, source_value)
             SELECT $1, $2, o.legacy_id, o.row, $3, 'warning', 'ORPHAN_REF',
                    $3 || ' ' || o.v || ' points at no row of ' || $4 || '; ' || $5 || ' is left empty and ' || $6 || ' keeps ' || o.v || '.', o.v::text
               FROM orphans o`,
            [runId, legacyTable, reference.legacyColumn, reference.referencedLegacyTable, reference.targetColumn, reference.legacyTargetColumn],
          )
        } else {
          // a legacy factory id inside factory_assignments: reported, kept (the Saddles mapping's rule)
          await client.query(
            `INSERT INTO migration_row_issues (run_id, legacy_table, legacy_id, row_number, column_name, severity, code, message, source_value)
             SELECT $1, $2, m.legacy_id, m.${STAGING_ROW}, $3, 'warning', 'ORPHAN_REF',
                    $3 || ' ' || x.v || ' points at no row of ' || $4 || '; ' || $5 || '.' || $6 || ' keeps ' || x.v || '.', x.v::text
               FROM ${mapped} m CROSS JOIN LATERAL (SELECT (m.${quoteIdent(reference.targetColumn)} ->> $6)::bigint AS v) x
              WHERE x.v IS NOT NULL AND NOT ${found('x.v')}`,
            [runId, legacyTable, reference.legacyColumn, reference.referencedLegacyTable, reference.targetColumn, reference.legacyTargetColumn],
          )
        }
      }
      // Statistics for the preview, the import and the reconciliation (as the validation pass gathers them).
      const analyzed = [...contractColumns(mapping.targetTable).filter((c) => c.dataType !== 'jsonb').map((c) => quoteIdent(c.name)), STAGING_ROW]
      await client.query('SET LOCAL default_statistics_target = 10')
      await client.query(`ANALYZE ${mapped} (${analyzed.join(', ')})`)
      await refreshIssueCounts(client, runId, legacyTable)
      const share = stagedRows > 0 ? Math.round((options.milliseconds * (state?.rowsStaged ?? 0)) / stagedRows) : 0
      const { rows } = await client.query<{ rows_staged: number; mapped: number; counts_by_rule: Record<string, number>; warning_count: number; error_count: number }>(
        `UPDATE migration_run_tables SET state = 'validated', import_time = $3, rows_rejected = rows_staged - (SELECT count(*) FROM ${mapped})::int,
                timings = timings || jsonb_build_object('validate', $4::int), updated_at = now()
          WHERE run_id = $1 AND legacy_table = $2
          RETURNING rows_staged, rows_staged - rows_rejected AS mapped, counts_by_rule, warning_count, error_count`,
        [runId, legacyTable, options.importTime, share + Math.round(performance.now() - started)],
      )
      await client.query('COMMIT')
      const r = rows[0]
      results.set(legacyTable, {
        legacyTable,
        rows: r.rows_staged,
        rowsMapped: r.mapped,
        rowsRejected: r.rows_staged - r.mapped,
        warnings: r.warning_count,
        errors: r.error_count,
        countsByRule: r.counts_by_rule as Partial<Record<RuleCode, number>>,
        missingColumns: mapping.legacyColumns.filter((c) => !(options.columns.get(legacyTable) ?? []).includes(c)),
        milliseconds: share,
      })
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      client.release(true)
      throw error
    }
    client.release()
  }
  return results
}

/**
 * A row whose ID an earlier imported (mapped) row of the table has: out of the mapped rows, its
 * own issues replaced by DUPLICATE_ID. $1 run, $2 legacy table, $3 the reader's rule codes (kept).
 */
function repeatedIdsSql(staged: string, mapped: string): string {
  return `WITH victims AS (
      SELECT s.${STAGING_ROW} AS row, s._legacy_id AS id FROM ${staged} s
       WHERE s._legacy_id IS NOT NULL AND EXISTS (SELECT 1 FROM ${mapped} m WHERE m.legacy_id = s._legacy_id AND m.${STAGING_ROW} < s.${STAGING_ROW})),
    unmapped AS (DELETE FROM ${mapped} m USING victims v WHERE m.${STAGING_ROW} = v.row),
    forgotten AS (DELETE FROM migration_row_issues i USING victims v
                   WHERE i.run_id = $1 AND i.legacy_table = $2 AND i.row_number = v.row AND i.code <> ALL($3::text[]))
    INSERT INTO migration_row_issues (run_id, legacy_table, legacy_id, row_number, column_name, severity, code, message, source_value)
    SELECT $1, $2, CASE WHEN v.id BETWEEN -2147483648 AND 2147483647 THEN v.id END, v.row, 'ID', 'error', 'DUPLICATE_ID',
           'ID ' || v.id || ' appears again: an earlier row of this table has the same ID; this later row is rejected and kept in staging.', v.id::text
      FROM victims v`
}
