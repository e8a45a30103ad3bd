import { createHash } from 'node:crypto'
import type { DatabaseClients } from '@/lib/db/prisma'
import { isDumpError, readDump } from '@/lib/dump'
import type { DumpInfo } from '@/lib/dump/types'
import { loadLegacyContract } from '@/lib/legacy/legacy-contract'
import { mappingFor } from '@/lib/mappings'
import { compareWithContract, type SchemaDrift } from './compare-with-contract'
import { stageDump, type StagingResult } from './stage-dump'
import { stagingSchemaFor } from './staging-names'

export interface StageRunOptions {
  db: DatabaseClients
  runId: string
  source: AsyncIterable<Uint8Array>
  onProgress?: (info: DumpInfo) => void
}

export interface StageRunResult {
  staging: StagingResult
  drift: SchemaDrift
  sha256: string
  sourceBytes: number
}

/** How many reader warnings the run keeps in its report (all are counted). */
const KEPT_READER_WARNINGS = 200

/**
 * Stages one run's dump: streams it through the reader into the run's staging schema, compares
 * what it found with the legacy contract, and records it all on the run. A dump that fails (not a
 * dump, truncated, damaged gzip) leaves no staging schema and a failed run with the reason.
 */
export async function stageRun({ db, runId, source, onProgress }: StageRunOptions): Promise<StageRunResult> {
  const { prisma, pool } = db
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

  const client = await pool.connect()
  let staging: StagingResult
  try {
    const events = readDump(hashed())
    staging = await stageDump({ client, schema, events, info: () => events.info, onProgress: saveProgress, runId })
  } catch (error) {
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

  const contract = await loadLegacyContract()
  const drift = compareWithContract(
    contract,
    staging.tables.map((t) => t.definition),
  )
  const sha256 = hash.digest('hex')
  const staged = new Map(staging.tables.map((t) => [t.name, t]))
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
        sha256,
        sizeBytes: BigInt(sourceBytes),
        progressBytes: BigInt(sourceBytes),
        driftReport: {
          ...drift,
          views: staging.views,
          readerWarningCount: staging.warningCount,
          readerWarnings: staging.warnings.slice(0, KEPT_READER_WARNINGS).map((w) => ({ ...w })),
          valuesWithNul: Object.fromEntries(staging.tables.filter((t) => t.valuesWithNul).map((t) => [t.name, t.valuesWithNul])),
          rowsWithoutId: Object.fromEntries(staging.tables.filter((t) => t.rowsWithoutId).map((t) => [t.name, t.rowsWithoutId])),
        },
      },
    }),
  ])
  return { staging, drift, sha256, sourceBytes }
}
