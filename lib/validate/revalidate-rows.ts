// The rows a decision concerns, validated again at once (a decision made, or undone): the same
// mapping and decisions as the whole-table pass (table-validator.ts), over those rows only — every
// row of the legacy IDs named, every row that reports one of the rules named, and every row that
// shares an ID with one of those (which of a repeated ID is imported depends on all of them). Their
// mapped rows and issues are replaced, the table's counts follow, and the decisions learn what they
// did. Under the table's import lock, like a validation.

import { to as copyTo } from 'pg-copy-streams'
import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { lockTable } from '@/lib/import/table-lock'
import { refreshIssueCounts } from '@/lib/import/run-table-state'
import { READER_RULE_CODES, type RuleCode } from '@/lib/mappings'
import { CopyBinaryBuffer } from '@/lib/staging/copy-binary'
import { readCopyBinaryRows } from '@/lib/staging/copy-binary-reader'
import { escapeCopyText } from '@/lib/staging/copy-text'
import { CopySink } from '@/lib/staging/copy-sink'
import { STAGING_ROW, mappedTableName, stagedTable } from '@/lib/staging/staging-names'
import { COPY_ISSUES_SQL, copyMappedRowsSql, issueCopyFields, recordDecisionOutcome, writeMappedRow } from './mapped-rows'
import { createTableValidator } from './table-validator'
import { validateTable } from './validate-table'

export interface RevalidateRowsOptions {
  db: DatabaseClients
  runId: string
  legacyTable: string
  /** every row with one of these legacy IDs */
  legacyIds?: readonly number[]
  /** every row that reports one of these rules */
  rules?: readonly RuleCode[]
}

export async function revalidateRows(options: RevalidateRowsOptions): Promise<{ rows: number }> {
  const { db, runId, legacyTable } = options
  const run = await db.prisma.migrationRun.findUnique({ where: { id: runId }, select: { stagingSchema: true } })
  if (!run?.stagingSchema) throw new AppError('NOT_FOUND', `Run ${runId} has no staged dump`)
  const state = await db.prisma.migrationRunTable.findUnique({ where: { runId_legacyTable: { runId, legacyTable } } })
  if (!state || state.state === 'staged' || state.state === 'missing') throw new AppError('CONFLICT', `${legacyTable} is not validated yet: validate it first`)
  if (legacyTable === 'Credentials') {
    // Which legacy user is linked to which existing user depends on every row before it (the first
    // to match claims it): the whole table, small as it is, is validated again.
    const result = await validateTable({ db, runId, legacyTable, importTime: state.importTime ?? undefined })
    await markDecidedSinceImport(db, runId, legacyTable, state.state)
    return { rows: result.rows }
  }

  const schema = run.stagingSchema
  const staged = stagedTable(schema, legacyTable)
  const { rows: affected } = await db.pool.query<{ row: string }>(
    `WITH named AS (
       SELECT _row FROM ${staged} WHERE _legacy_id = ANY($1::bigint[])
       UNION SELECT row_number FROM migration_row_issues WHERE run_id = $2 AND legacy_table = $3 AND code = ANY($4::text[]))
     SELECT s._row::text AS row FROM ${staged} s
      WHERE s._row IN (SELECT _row FROM named)
         OR s._legacy_id IN (SELECT x._legacy_id FROM ${staged} x JOIN named n ON n._row = x._row WHERE x._legacy_id IS NOT NULL)
      ORDER BY s._row`,
    [options.legacyIds ?? [], runId, legacyTable, options.rules ?? []],
  )
  const rowNumbers = affected.map((r) => Number(r.row))
  if (rowNumbers.length === 0) return { rows: 0 }

  const validator = await createTableValidator({ db, runId, legacyTable, importTime: state.importTime ?? undefined, subset: true })
  const mappedTable = stagedTable(schema, mappedTableName(validator.mapping.targetTable))
  const lock = await lockTable(db.pool, { runId, legacyTable, targetTable: validator.mapping.targetTable, refusedEvent: 'table.validation_refused' })
  let broken = false
  try {
    const mappedWriter = await db.pool.connect()
    const issueWriter = await db.pool.connect()
    let mappedCopy: CopySink<CopyBinaryBuffer> | null = null
    let issueCopy: CopySink | null = null
    const inList = `ARRAY[${rowNumbers.join(',')}]::bigint[]`
    try {
      await mappedWriter.query('BEGIN')
      await issueWriter.query('BEGIN')
      await mappedWriter.query(`DELETE FROM ${mappedTable} WHERE ${STAGING_ROW} = ANY(${inList})`)
      await issueWriter.query('DELETE FROM migration_row_issues WHERE run_id = $1 AND legacy_table = $2 AND row_number = ANY($3::int[]) AND code <> ALL($4::text[])', [
        runId,
        legacyTable,
        rowNumbers,
        READER_RULE_CODES,
      ])
      mappedCopy = new CopySink(mappedWriter, copyMappedRowsSql(mappedTable, validator, { freeze: false }), new CopyBinaryBuffer())
      issueCopy = new CopySink(issueWriter, COPY_ISSUES_SQL)
      const runField = escapeCopyText(runId)
      const tableField = escapeCopyText(legacyTable)
      const stream = lock.client.query(copyTo(`COPY (${validator.selectSql(`${STAGING_ROW} = ANY(${inList})`)}) TO STDOUT (FORMAT binary)`))
      for await (const batch of readCopyBinaryRows(stream, validator.fieldKinds)) {
        for (const fields of batch) {
          const row = validator.validate(fields)
          if (row.target) {
            writeMappedRow(mappedCopy.rows, validator, row)
            const written = mappedCopy.written()
            if (written) await written
          }
          for (const issue of row.issues) {
            const written = issueCopy.push(issueCopyFields(runField, tableField, row, issue))
            if (written) await written
          }
        }
      }
      await mappedCopy.end()
      await issueCopy.end()
      await mappedWriter.query('COMMIT')
      await issueWriter.query('COMMIT')
    } catch (error) {
      broken = true
      const reason = error instanceof Error ? error : new Error(String(error))
      await (mappedCopy as CopySink<CopyBinaryBuffer> | null)?.abort(reason)
      await (issueCopy as CopySink | null)?.abort(reason)
      await mappedWriter.query('ROLLBACK').catch(() => undefined)
      await issueWriter.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      mappedWriter.release(broken)
      issueWriter.release(broken)
    }
    await recordDecisionOutcome(db.pool, { runId, legacyTable, mappedTable, outcome: validator.decisionOutcome(), rescan: true })
    await refreshIssueCounts(db.pool, runId, legacyTable)
    await db.pool.query(
      `UPDATE migration_run_tables SET rows_rejected = rows_staged - (SELECT count(*) FROM ${mappedTable})::int, updated_at = now() WHERE run_id = $1 AND legacy_table = $2`,
      [runId, legacyTable],
    )
    await markDecidedSinceImport(db, runId, legacyTable, state.state)
  } finally {
    await lock.release(broken)
  }
  return { rows: rowNumbers.length }
}

/** An imported table whose mapped rows a decision changed: importing it again writes them. */
async function markDecidedSinceImport(db: DatabaseClients, runId: string, legacyTable: string, state: string): Promise<void> {
  if (state !== 'imported') return
  await db.prisma.migrationRunTable.update({ where: { runId_legacyTable: { runId, legacyTable } }, data: { decidedSinceImport: true } })
}
