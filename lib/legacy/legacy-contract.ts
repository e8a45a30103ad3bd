import path from 'node:path'
import { openDumpFile, readDump } from '@/lib/dump'
import type { TableDef } from '@/lib/dump/types'
import { projectRoot } from '@/lib/db/paths'

// The legacy schema of the contract (a copy of shared/legacy/ordermys-schema.sql), read with our own
// dump reader: the same parser that reads a dump tells what a dump should hold.

let cached: Promise<TableDef[]> | null = null

export function legacySchemaPath(): string {
  return path.join(projectRoot(), 'lib', 'legacy', 'ordermys-schema.sql')
}

export function loadLegacyContract(): Promise<TableDef[]> {
  cached ??= (async () => {
    const tables: TableDef[] = []
    for await (const event of readDump(openDumpFile(legacySchemaPath()))) {
      if (event.kind === 'table') tables.push(event.table)
    }
    return tables
  })()
  return cached
}
