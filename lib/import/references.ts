// The legacy references of a mapped table as the import needs them: which uuid column holds the
// new foreign key, which column keeps the legacy value, which legacy column it came from (for the
// ORPHAN_REF issue) and which legacy table it points at. Declared once, for the reconciliation
// and the import, in lib/reconcile/reconcile-specs.ts (checked there against every mapping, and
// in import-table.real-dump.test.ts against the database's foreign keys); the import works in SQL
// over the mapped rows and cannot run the mappings' ctx.ref.
//
// Only pairs: Saddles' factories are legacy ids inside factory_assignments (jsonb), with no uuid
// to resolve, so Saddles → Factories is a dependency (import order) without a reference here.

import { mappingFor } from '@/lib/mappings'
import { REFERENCES } from '@/lib/reconcile/reconcile-specs'

export interface Reference {
  /** the legacy column of the source row: 'CustomerID' */
  sourceColumn: string
  /** target uuid column: 'customer_id' */
  column: string
  /** target column keeping the legacy value: 'legacy_customer_id' (orders: the plan's names) */
  legacyColumn: string
  /** the referenced legacy table: 'Customers' */
  legacyTable: string
}

const byTable = new Map<string, Reference[]>()
for (const spec of REFERENCES) {
  if (spec.kind !== 'pair') continue
  const list = byTable.get(spec.legacyTable) ?? []
  list.push({ sourceColumn: spec.legacyColumn, column: spec.targetColumn, legacyColumn: spec.legacyTargetColumn, legacyTable: spec.referencedLegacyTable })
  byTable.set(spec.legacyTable, list)
}

/** The reference pairs of a mapped legacy table (none for a table that references nothing). */
export function referencesOf(legacyTable: string): readonly Reference[] {
  return byTable.get(legacyTable) ?? []
}

/** The target table a reference points into: `customers` for a reference to Customers. */
export function referencedTargetTable(reference: Reference): string {
  const mapping = mappingFor(reference.legacyTable)
  if (!mapping) throw new Error(`${reference.legacyTable} is not a mapped legacy table`)
  return mapping.targetTable
}
