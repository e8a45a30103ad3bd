// The MappingContext of a validation pass (and of tests): the import time, the stable ids, and the
// legacy ids present in the dump, from which references are resolved or found to be orphans.

import { stableUuid } from '@/lib/convert/stable-uuid'
import type { MappingContext } from './define-mapping'

export interface CreateMappingContextOptions {
  /** the time this import runs; used where the contract says "else the import time" */
  importTime: Date
  /**
   * legacy table name → the legacy ids of its rows that will be imported (the staged ids, minus the
   * rows the validation pass rejects if it wants references to them reported as orphans).
   * A table that is absent from the map has no rows: every reference to it is an orphan.
   */
  existingIds: ReadonlyMap<string, ReadonlySet<number>>
}

export function createMappingContext({ importTime, existingIds }: CreateMappingContextOptions): MappingContext {
  return {
    importTime,
    uuidFor: stableUuid,
    exists: (legacyTable, legacyId) => existingIds.get(legacyTable)?.has(legacyId) ?? false,
  }
}
