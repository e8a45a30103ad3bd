import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { mappings } from '@/lib/mappings'

export interface ImportAllPlan {
  /** the tables an "import every ready table" imports, in dependency order, with the rows each writes */
  tables: { legacyTable: string; targetTable: string; rows: number; again: boolean }[]
  rows: number
}

/** States from which every-table import takes a table (an imported one only when a decision changed it since). */
const READY = new Set(['validated', 'rolled_back', 'failed'])

/**
 * What "Import every ready table" imports: each validated table of the run (and an imported one a
 * decision changed since), in dependency order; one that depends on a table it cannot import
 * (not validated, not in the plan) is refused in turn, naming it, while the others go on.
 */
export async function getImportAllPlan({ db, runId }: { db: DatabaseClients; runId: string }): Promise<ImportAllPlan> {
  const states = await db.prisma.migrationRunTable.findMany({ where: { runId } })
  if (states.length === 0) throw new AppError('NOT_FOUND', 'This run has no staged tables')
  const byTable = new Map(states.map((s) => [s.legacyTable, s]))
  const tables: ImportAllPlan['tables'] = []
  for (const mapping of mappings) {
    const s = byTable.get(mapping.legacyTable)
    if (!s) continue
    const again = s.state === 'imported' && s.decidedSinceImport
    if (!READY.has(s.state) && !again) continue
    tables.push({ legacyTable: mapping.legacyTable, targetTable: mapping.targetTable, rows: Math.max(0, s.rowsStaged - s.rowsRejected), again })
  }
  return { tables, rows: tables.reduce((n, t) => n + t.rows, 0) }
}
