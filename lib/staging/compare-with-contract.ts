import type { TableDef } from '@/lib/dump/types'

export interface SchemaDrift {
  /** contract tables the dump does not contain */
  missingTables: string[]
  /** dump tables the contract does not know: staged and reported, never fatal */
  extraTables: string[]
  extraColumns: { table: string; column: string }[]
  missingColumns: { table: string; column: string }[]
}

/**
 * Compares the tables a dump defines with the legacy contract (lib/legacy/ordermys-schema.sql).
 * Names compare exactly: MySQL on Linux is case-sensitive for table names, and so is the contract.
 */
export function compareWithContract(contract: TableDef[], dump: TableDef[]): SchemaDrift {
  const contractByName = new Map(contract.map((t) => [t.name, t]))
  const dumpByName = new Map(dump.map((t) => [t.name, t]))
  const drift: SchemaDrift = { missingTables: [], extraTables: [], extraColumns: [], missingColumns: [] }
  for (const table of contract) if (!dumpByName.has(table.name)) drift.missingTables.push(table.name)
  for (const table of dump) {
    const expected = contractByName.get(table.name)
    if (!expected) {
      drift.extraTables.push(table.name)
      continue
    }
    const expectedColumns = new Set(expected.columns.map((c) => c.name))
    const actualColumns = new Set(table.columns.map((c) => c.name))
    for (const c of table.columns) if (!expectedColumns.has(c.name)) drift.extraColumns.push({ table: table.name, column: c.name })
    for (const c of expected.columns) if (!actualColumns.has(c.name)) drift.missingColumns.push({ table: table.name, column: c.name })
  }
  return drift
}

export function hasDrift(drift: SchemaDrift): boolean {
  return (
    drift.missingTables.length + drift.extraTables.length + drift.extraColumns.length + drift.missingColumns.length > 0
  )
}
