// mapRow parses a legacy row with the columns' own parse functions, not through the zod object
// (five times faster, see columns.ts). The zod schema is the declaration: both must agree on every
// input, valid or not, down to the issue messages.

import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { LEGACY_FIXTURE_ROWS } from '@/lib/testing/legacy-fixture'
import { legacyTable } from '@/lib/testing/legacy-schema'
import { parseRowDirect, parseRowWithZod } from './define-mapping'
import { mappings } from './index'
import { asStagedText } from './testing'

const anyLegacyValue = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(''),
  fc.integer(),
  fc.integer({ min: -3, max: 3 }),
  fc.bigInt(),
  fc.double(),
  fc.stringMatching(/^-?\d{1,12}(\.\d{1,4})?$/),
  fc.constantFrom('0000-00-00 00:00:00', '2012-03-04 05:06:07', '2015-02-29 00:00:00', '2012-00-00 00:00:00', 'abc', '1e3', '0x1'),
  fc.string(),
  fc.uint8Array({ maxLength: 8 }),
)

describe.each(mappings.map((m) => ({ mapping: m, table: m.legacyTable })))('$table', ({ mapping, table }) => {
  it('uses the direct path (every column is a columns.ts schema)', () => {
    expect(mapping.columnParsers?.map(([c]) => c)).toEqual(mapping.legacyColumns)
  })

  it('parses the fixture rows the same both ways', () => {
    const columns = legacyTable(table).columns
    for (const row of LEGACY_FIXTURE_ROWS[table as keyof typeof LEGACY_FIXTURE_ROWS]) {
      const raw = Object.fromEntries(columns.map((c, i) => [c.name, row[i]]))
      expect(parseRowDirect(mapping, raw)).toEqual(parseRowWithZod(mapping, raw))
      expect(parseRowDirect(mapping, asStagedText(raw))).toEqual(parseRowWithZod(mapping, asStagedText(raw)))
    }
  })

  it('parses any values the same both ways', () => {
    const row = fc.record(Object.fromEntries(mapping.legacyColumns.map((c) => [c, anyLegacyValue])), { requiredKeys: [] })
    fc.assert(
      fc.property(row, (raw) => {
        expect(parseRowDirect(mapping, raw as never)).toEqual(parseRowWithZod(mapping, raw as never))
      }),
      { numRuns: 200 },
    )
  })
})
