// What a validation pass of one table needs, made once, and what it does to each staged row: the
// mapping (with the mapping context: the import time, the referenced tables' ids), the link to the
// new system's users (Credentials), the repeated IDs, and the operator's decisions. Shared by the
// whole-table pass (validate-table.ts) and by the pass over the few rows a decision changes
// (revalidate-rows.ts), so that both give exactly the same rows and issues.

import type { DatabaseClients } from '@/lib/db/prisma'
import type { SqlValue } from '@/lib/dump/types'
import { AppError } from '@/lib/errors'
import { applyDecisions, decisionsForRow, indexDecisions, type DecidedIssue, type TableDecisions } from '@/lib/decisions/apply-decisions'
import { loadTableDecisions, resolveKeeps, type StoredDecision } from '@/lib/decisions/load-table-decisions'
import { rowFingerprint } from '@/lib/decisions/row-fingerprint'
import { createMappingContext, mapRow, mappingFor, ruleSeverity, type Mapping, type MappingContext, type RowIssue } from '@/lib/mappings'
import type { CopyBinaryField, CopyBinaryValue } from '@/lib/staging/copy-binary-reader'
import { STAGING_EXACT, STAGING_ROW, quoteIdent, stagedTable } from '@/lib/staging/staging-names'
import { createUserLinker, loadExistingUsers } from './link-existing-users'
import { contractColumns, targetValueWriter, type TargetColumn, type TargetValueWriter } from './target-columns'

/** One staged row as validation leaves it. */
export interface ValidatedRow {
  rowNumber: number
  legacyId: number | null
  /** the row as it will be written (decisions applied), or null: rejected or excluded */
  target: Record<string, unknown> | null
  issues: DecidedIssue[]
  /** target columns a decision gave their value */
  decidedColumns: string[]
  /** the decisions that changed or answered something on the row */
  decisions: string[]
  /** an existing user of the new system the row is linked to (users only) */
  linkId: string | null
}

export interface TableValidator {
  mapping: Mapping
  legacyTable: string
  stagingSchema: string
  importTime: Date
  targetColumns: TargetColumn[]
  writers: TargetValueWriter[]
  /** the mapped table has the link column (users) */
  linked: boolean
  /** the dump's columns of the table (column → binary) */
  stagedColumns: ReadonlyMap<string, boolean>
  /** the mapping's columns the staged table has, in the order they are selected */
  readColumns: string[]
  /** the contract's columns the dump's table lacks */
  missingColumns: string[]
  /** the binary COPY field kinds of `selectSql` */
  fieldKinds: CopyBinaryField[]
  /** the staged rows, in dump order; `where` restricts them (`_row = ANY(…)`) */
  selectSql(where?: string): string
  /** the next staged row (fields as `selectSql` reads them), in dump order */
  validate(fields: CopyBinaryValue[]): ValidatedRow
  /** what the pass made of each decision: stale ones, with why, and row digests newly learnt */
  decisionOutcome(): { stale: { id: string; reason: string }[]; fingerprints: Map<string, string> }
}

export interface CreateTableValidatorOptions {
  db: DatabaseClients
  runId: string
  legacyTable: string
  /** the contract's "else the import time"; default: the one the table was validated with, else now */
  importTime?: Date
  /**
   * Only these legacy IDs will be validated (a pass over the rows a decision changed): the repeated
   * IDs are then those among the rows given, which must include every row of each such ID.
   */
  subset?: boolean
}

export async function createTableValidator(options: CreateTableValidatorOptions): Promise<TableValidator> {
  const { db, runId, legacyTable } = options
  const mapping = mappingFor(legacyTable)
  if (!mapping) throw new AppError('NOT_FOUND', `${legacyTable} is not a table the migration maps (schema drift is only staged)`)
  const run = await db.prisma.migrationRun.findUnique({ where: { id: runId } })
  if (!run?.stagingSchema) throw new AppError('NOT_FOUND', `Run ${runId} has no staged dump`)
  const schema = run.stagingSchema
  const stagedColumns = await loadStagedColumns(db, schema, legacyTable)
  if (!stagedColumns) throw new AppError('NOT_FOUND', `The dump of run ${runId} has no table ${legacyTable}`)
  const state = await db.prisma.migrationRunTable.findUnique({ where: { runId_legacyTable: { runId, legacyTable } }, select: { idsAscending: true, importTime: true } })
  const importTime = options.importTime ?? state?.importTime ?? new Date()

  const context = createMappingContext({ importTime, existingIds: await loadExistingIds(db, schema, mapping.dependsOn) })
  const targetColumns = contractColumns(mapping.targetTable)
  // Legacy users are linked to the new system's users by e-mail (link-existing-users.ts).
  const linkUser = mapping.targetTable === 'users'
    ? createUserLinker(await loadExistingUsers(db.pool, db.targetSchema, (id) => context.uuidFor(legacyTable, id)))
    : null
  const readColumns = mapping.legacyColumns.filter((c) => stagedColumns.has(c))

  // The operator's decisions: keeps tied to their rows first (a later dump numbers rows differently).
  const stored = await loadTableDecisions(db.pool, runId, legacyTable)
  const keeps = await resolveKeeps(db.pool, schema, legacyTable, stored.filter((d) => d.action === 'keep'))
  const decisions = indexDecisions(stored.filter((d) => d.action !== 'keep' || keeps.kept.has(d.legacyId!)))
  const rowDecisionIds = new Set(stored.filter((d) => d.legacyId !== null && d.action !== 'keep').map((d) => d.legacyId!))

  // Only ids that occur more than once need remembering (a set of every id would grow with the
  // table); none does when staging saw them ascending.
  const repeated = options.subset ? null : state?.idsAscending ? new Set<number>() : await loadRepeatedIds(db, schema, legacyTable)
  const seenIds = new Set<number>()
  const outcome = new DecisionOutcome(stored, options.subset === true)
  const selected = [STAGING_ROW, STAGING_EXACT, ...readColumns.map(quoteIdent)].join(', ')

  return {
    mapping,
    legacyTable,
    stagingSchema: schema,
    importTime,
    targetColumns,
    writers: targetColumns.map((c) => targetValueWriter(c.dataType)),
    linked: linkUser !== null,
    stagedColumns,
    readColumns,
    missingColumns: mapping.legacyColumns.filter((c) => !stagedColumns.has(c)),
    fieldKinds: ['int8', 'jsonb', ...readColumns.map((c): CopyBinaryField => (stagedColumns.get(c) ? 'bytea' : 'text'))],
    selectSql: (where) => `SELECT ${selected} FROM ${stagedTable(schema, legacyTable)}${where ? ` WHERE ${where}` : ''} ORDER BY ${STAGING_ROW}`,
    validate(fields) {
      const rowNumber = fields[0] as number
      const raw = legacyRowOf(fields, readColumns)
      const legacyId = integerId(raw.ID)
      const out: ValidatedRow = { rowNumber, legacyId, target: null, issues: [], decidedColumns: [], decisions: [], linkId: null }

      // A row-scope decision holds while the row is the one it was made on.
      let fingerprint: string | null = null
      const current = (): string => (fingerprint ??= rowFingerprint(raw, mapping.legacyColumns))
      const decided = legacyId !== null && rowDecisionIds.has(legacyId) ? outcome.check(legacyId, current) : null

      // A repeated ID: the first row is imported, the later ones rejected — unless a keep decision chose one.
      const keep = legacyId === null ? undefined : keeps.kept.get(legacyId)
      const tracked = legacyId !== null && (repeated === null || repeated.has(legacyId) || keep !== undefined)
      if (keep !== undefined && rowNumber !== keep.rowNumber) {
        out.issues = [duplicateIdIssue(legacyId!, keep.rowNumber, keep.decision.id)]
        return out
      }
      if (keep === undefined && tracked && seenIds.has(legacyId!)) {
        out.issues = [duplicateIdIssue(legacyId!, null, null)]
        return out
      }
      const mapped = mapRow(mapping, raw, context as MappingContext) as { target: Record<string, unknown> | null; issues: RowIssue[] }
      if (tracked && mapped.target) seenIds.add(legacyId!)
      if (keep !== undefined && mapped.target) out.decisions.push(keep.decision.id)

      let linkId: string | null = null
      if (linkUser && mapped.target) {
        const link = linkUser(mapped.target.legacyId as number, mapped.target.email as string | null)
        if (link.issue) mapped.issues.push(link.issue)
        linkId = link.linkId
      }
      const applicable = decisions.size === 0 ? [] : decisionsForRow(decisions, legacyId, mapped.issues).filter((d) => d.legacyId === null || decided?.has(d.id))
      const result = applyDecisions(mapped, raw, applicable)
      out.target = result.target
      out.issues = result.issues
      out.decidedColumns = result.decidedColumns
      out.decisions.push(...result.applied)
      out.linkId = result.separate ? null : linkId
      return out
    },
    decisionOutcome: () => outcome.result(keeps.stale),
  }
}

/**
 * Which row-scope decisions hold, row by row: one made on other source values than this row's is
 * stale; one without (the decisions file) learns this row's digest. A decision whose ID no row of
 * the dump has is stale too (found at the end).
 */
class DecisionOutcome {
  private readonly byLegacyId = new Map<number, StoredDecision[]>()
  private readonly matched = new Set<string>()
  private readonly mismatched = new Set<string>()
  private readonly learnt = new Map<string, string>()

  private readonly checked = new Set<string>()

  /** `subset`: only some rows are validated; a decision none of them concerns says nothing about the dump */
  constructor(
    private readonly decisions: readonly StoredDecision[],
    private readonly subset: boolean,
  ) {
    for (const d of decisions) {
      if (d.legacyId === null || d.action === 'keep') continue
      this.byLegacyId.set(d.legacyId, [...(this.byLegacyId.get(d.legacyId) ?? []), d])
    }
  }

  /** The ids of the decisions that hold for this row. */
  check(legacyId: number, fingerprint: () => string): Set<string> {
    const holding = new Set<string>()
    for (const d of this.byLegacyId.get(legacyId) ?? []) {
      this.checked.add(d.id)
      if (d.sourceFingerprint === null) {
        if (!this.learnt.has(d.id)) this.learnt.set(d.id, fingerprint())
        holding.add(d.id)
        this.matched.add(d.id)
      } else if (d.sourceFingerprint === fingerprint()) {
        holding.add(d.id)
        this.matched.add(d.id)
      } else {
        this.mismatched.add(d.id)
      }
    }
    return holding
  }

  result(staleKeeps: readonly { decision: StoredDecision; reason: string }[]): { stale: { id: string; reason: string }[]; fingerprints: Map<string, string> } {
    const stale = staleKeeps.map((s) => ({ id: s.decision.id, reason: s.reason }))
    for (const list of this.byLegacyId.values()) {
      for (const d of list) {
        if (this.matched.has(d.id) || (this.subset && !this.checked.has(d.id))) continue
        stale.push({
          id: d.id,
          reason: this.mismatched.has(d.id)
            ? `the row with ID ${d.legacyId} has other source values than the row it was made on`
            : `there is no row with ID ${d.legacyId} in this dump`,
        })
      }
    }
    return { stale, fingerprints: this.learnt }
  }
}

async function loadStagedColumns(db: DatabaseClients, schema: string, table: string): Promise<Map<string, boolean> | null> {
  const result = await db.pool.query<{ column_name: string; data_type: string }>(
    `select column_name, data_type from information_schema.columns where table_schema = $1 and table_name = $2`,
    [schema, table],
  )
  if (result.rows.length === 0) return null
  return new Map(result.rows.map((r) => [r.column_name, r.data_type === 'bytea']))
}

/**
 * The integer ids that occur on more than one staged row; null when some row's ID was staged
 * without an integer (`_legacy_id` NULL, e.g. quoted in the dump): then every id is tracked.
 */
async function loadRepeatedIds(db: DatabaseClients, schema: string, table: string): Promise<Set<number> | null> {
  const { rows } = await db.pool.query<{ id: string | null }>(
    `SELECT _legacy_id::text AS id FROM ${stagedTable(schema, table)} GROUP BY _legacy_id HAVING count(*) > 1 OR _legacy_id IS NULL`,
  )
  if (rows.some((r) => r.id === null)) return null
  return new Set(rows.map((r) => Number(r.id)))
}

/** The legacy ids present in each referenced staged table: what `ctx.exists` answers from. */
async function loadExistingIds(db: DatabaseClients, schema: string, tables: readonly string[]): Promise<Map<string, Set<number>>> {
  const existing = new Map<string, Set<number>>()
  for (const table of tables) {
    const exists = await db.pool.query(`select to_regclass($1) as t`, [stagedTable(schema, table)])
    if (!exists.rows[0].t) continue // a missing table: every reference to it is an orphan
    const result = await db.pool.query({ text: `select _legacy_id from ${stagedTable(schema, table)} where _legacy_id is not null`, rowMode: 'array' })
    existing.set(table, new Set(result.rows.map((r: string[]) => Number(r[0]))))
  }
  return existing
}

/** A staged row as the mapping reads it: text columns as strings, binary ones as bytes. */
function legacyRowOf(fields: CopyBinaryValue[], columns: string[]): Record<string, SqlValue> {
  const row: Record<string, SqlValue> = {}
  for (let i = 0; i < columns.length; i++) row[columns[i]] = fields[i + 2] as string | Buffer | null
  const exact = fields[1] as string | null
  if (exact !== null) {
    // Values that held NUL were staged without it; the mapping sees them exactly as the dump had them.
    for (const [column, hex] of Object.entries(JSON.parse(exact) as Record<string, string>)) {
      if (column in row) row[column] = Buffer.from(hex, 'hex').toString('utf8')
    }
  }
  return row
}

function integerId(value: SqlValue | undefined): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value)
  return null
}

function duplicateIdIssue(id: number, keptRow: number | null, decisionId: string | null): DecidedIssue {
  const issue: DecidedIssue = {
    severity: ruleSeverity('DUPLICATE_ID'),
    code: 'DUPLICATE_ID',
    column: 'ID',
    message:
      keptRow === null
        ? `ID ${id} appears again: an earlier row of this table has the same ID; this later row is rejected and kept in staging.`
        : `ID ${id} appears on several rows: the operator chose row ${keptRow} to be imported; this row is rejected and kept in staging.`,
    value: String(id),
  }
  if (decisionId !== null) issue.decisionId = decisionId
  return issue
}

/** The table names a pass of the whole table with these decisions in force. */
export type { TableDecisions }
