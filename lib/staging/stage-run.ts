import { createHash } from 'node:crypto'
import type { DatabaseClients } from '@/lib/db/prisma'
import { isDumpError, readDump } from '@/lib/dump'
import type { DumpInfo, TableDef } from '@/lib/dump/types'
import type { Prisma } from '@/lib/generated/prisma/client'
import { loadLegacyContract } from '@/lib/legacy/legacy-contract'
import { mappingFor } from '@/lib/mappings'
import { compareWithContract, type SchemaDrift } from './compare-with-contract'
import { stageDump, type StagedDatabase, type StagingResult } from './stage-dump'
import { stagingSchemaFor } from './staging-names'
import { finishValidationAfterStaging } from '@/lib/validate/validate-after-staging'
import type { ValidationResult } from '@/lib/validate/validate-table'
import { ValidationWhileStaging, type PassOutcome } from '@/lib/validate/validate-while-staging'

export interface StageRunOptions {
  db: DatabaseClients
  runId: string
  source: AsyncIterable<Uint8Array>
  onProgress?: (info: DumpInfo) => void
  /** the database to migrate of a dump of several (the command line's --database); default: chooseDatabase */
  database?: string
  /**
   * Validate the contract tables in the same pass (lib/validate/validate-while-staging.ts): each
   * row is mapped as it is staged (default true). false leaves every table staged, for the
   * validation pass.
   */
  validate?: boolean
  /** the contract's "else the import time" of that validation; default now */
  importTime?: Date
}

export interface StageRunResult {
  staging: StagingResult
  /** the drift of the database migrated; null while the operator has to choose one */
  drift: SchemaDrift | null
  /** the tables validated in the staging pass, with their results (the others are left staged) */
  validated: Map<string, ValidationResult>
  sha256: string
  sourceBytes: number
}

/** How many reader warnings the run keeps in its report (all are counted). */
const KEPT_READER_WARNINGS = 200

/** A database of the dump as the run records it (migration_runs.drift_report.databases): enough to choose it later. */
export interface RecordedDatabase {
  name: string | null
  system: boolean
  schema: string | null
  views: string[]
  tables: { name: string; columns: string[]; rows: number; idsAscending: boolean; rowsWithoutId: number; valuesWithNul: number }[]
}

/**
 * Stages one run's dump: streams it through the reader into the run's staging schema (each
 * database of a dump of several into its own), compares the database migrated with the legacy
 * contract, and records it all on the run. A dump that fails (not a dump, truncated, damaged gzip)
 * leaves no staging schema and a failed run with the reason. A dump of several databases none of
 * which is the obvious one leaves the run `choosing`: chooseStagedDatabase finishes it.
 */
export async function stageRun({ db, runId, source, onProgress, database, validate = true, importTime = new Date() }: StageRunOptions): Promise<StageRunResult> {
  const { prisma, pool } = db
  const started = performance.now()
  const schema = stagingSchemaFor(runId)
  const hash = createHash('sha256')
  let sourceBytes = 0
  async function* hashed(): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      hash.update(chunk)
      sourceBytes += chunk.length
      yield chunk
    }
  }

  await prisma.migrationRun.update({
    where: { id: runId },
    data: { status: 'staging', stagingSchema: schema, startedAt: new Date(), errorCode: null, errorMessage: null },
  })

  let lastSaved = 0
  const saveProgress = (info: DumpInfo) => {
    onProgress?.(info)
    const now = Date.now()
    if (now - lastSaved < 1000) return
    lastSaved = now
    // Progress is best effort: a lost update only makes the bar lag.
    void prisma.migrationRun
      .update({ where: { id: runId }, data: { progressBytes: BigInt(info.sourceBytes) } })
      .catch(() => undefined)
  }

  const contract = await loadLegacyContract()
  const client = await pool.connect()
  let staging: StagingResult
  let pass: ValidationWhileStaging | null = null
  let passed: PassOutcome | null = null
  try {
    if (validate) pass = await ValidationWhileStaging.start({ db, runId, schema, importTime })
    const events = readDump(hashed())
    staging = await stageDump({
      client,
      schema,
      events,
      info: () => events.info,
      onProgress: saveProgress,
      runId,
      contractTables: new Set(contract.map((t) => t.name)),
      database,
      observer: pass ?? undefined,
    })
    passed = pass ? await pass.commit() : null
    if (pass?.failure) {
      // Recorded, not thrown: the tables are validated after staging, where the reason shows again.
      await prisma.migrationEvent.create({
        data: { runId, type: 'validation.pass_given_up', data: { message: pass.failure.message } },
      })
    }
  } catch (error) {
    await pass?.rollback(error)
    await prisma.migrationRun.update({
      where: { id: runId },
      data: {
        status: 'failed',
        stagingSchema: null,
        errorCode: isDumpError(error) ? error.code : 'STAGING_FAILED',
        errorMessage: error instanceof Error ? error.message : String(error),
        progressBytes: BigInt(sourceBytes),
        finishedAt: new Date(),
      },
    })
    throw error
  } finally {
    client.release()
  }

  const sha256 = hash.digest('hex')
  const report = {
    readerWarningCount: staging.warningCount,
    readerWarnings: staging.warnings.slice(0, KEPT_READER_WARNINGS).map((w) => ({ ...w })),
    databases: staging.databases.map(recordedDatabase),
    databaseChoice: staging.choice,
  }
  await prisma.migrationRun.update({ where: { id: runId }, data: { sha256, sizeBytes: BigInt(sourceBytes), progressBytes: BigInt(sourceBytes) } })
  if (!staging.choice.chosen) {
    // Nothing to validate until the operator names the database (the app's choice, --database).
    await prisma.migrationRun.update({ where: { id: runId }, data: { status: 'choosing', driftReport: report as unknown as Prisma.InputJsonValue } })
    return { staging, drift: null, sha256, sourceBytes, validated: new Map() }
  }
  // the database now in the run's schema; a dump without any table has none there
  const chosen = report.databases.find((d) => d.schema === schema) ?? { name: staging.choice.name, system: false, schema, views: [], tables: [] }
  const drift = await recordStagedDatabase(db, runId, chosen, report)
  // What validation needs other rows for: repeated IDs, orphans (set-based, after the pass).
  const validated =
    passed && passed.mapped.length > 0
      ? await finishValidationAfterStaging({
          db,
          runId,
          schema,
          tables: passed.mapped,
          importTime,
          milliseconds: Math.round(performance.now() - started),
          columns: new Map(chosen.tables.map((t) => [t.name, t.columns])),
        })
      : new Map<string, ValidationResult>()
  return { staging, drift, sha256, sourceBytes, validated }
}

function recordedDatabase(database: StagedDatabase): RecordedDatabase {
  return {
    name: database.name,
    system: database.system,
    schema: database.schema,
    views: database.views,
    tables: database.tables.map((t) => ({
      name: t.name,
      columns: t.definition.columns.map((c) => c.name),
      rows: t.rows,
      idsAscending: t.idsAscending,
      rowsWithoutId: t.rowsWithoutId,
      valuesWithNul: t.valuesWithNul,
    })),
  }
}

/**
 * The run's tables are those of `chosen` (now in the run's staging schema): compared with the
 * legacy contract, one migration_run_tables row per contract table and drift table, the drift and
 * the rest of `report` on the run, status staged.
 */
export async function recordStagedDatabase(db: DatabaseClients, runId: string, chosen: RecordedDatabase, report: object): Promise<SchemaDrift> {
  const { prisma } = db
  const contract = await loadLegacyContract()
  const drift = compareWithContract(
    contract,
    chosen.tables.map((t) => ({ name: t.name, columns: t.columns.map((name) => ({ name })) }) as TableDef),
  )
  const staged = new Map(chosen.tables.map((t) => [t.name, t]))
  const tableNames = [...contract.map((t) => t.name), ...drift.extraTables]
  await prisma.$transaction([
    prisma.migrationRunTable.deleteMany({ where: { runId } }),
    prisma.migrationRunTable.createMany({
      data: tableNames.map((legacyTable) => ({
        runId,
        legacyTable,
        targetTable: mappingFor(legacyTable)?.targetTable ?? null,
        state: staged.has(legacyTable) ? 'staged' : 'missing',
        rowsStaged: staged.get(legacyTable)?.rows ?? 0,
        idsAscending: staged.get(legacyTable)?.idsAscending ?? false,
      })),
    }),
    prisma.migrationRun.update({
      where: { id: runId },
      data: {
        status: 'staged',
        driftReport: {
          ...report,
          ...drift,
          database: chosen.name,
          views: chosen.views,
          valuesWithNul: Object.fromEntries(chosen.tables.filter((t) => t.valuesWithNul).map((t) => [t.name, t.valuesWithNul])),
          rowsWithoutId: Object.fromEntries(chosen.tables.filter((t) => t.rowsWithoutId).map((t) => [t.name, t.rowsWithoutId])),
        } as Prisma.InputJsonValue,
      },
    }),
  ])
  return drift
}
