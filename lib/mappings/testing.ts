// Helpers for the mapping tests (not used by the pipeline).

import type { SqlValue } from '@/lib/dump/types'
import { stableUuid } from '@/lib/convert/stable-uuid'
import type { z } from 'zod'
import { type LegacyRow, type MappedRow, type Mapping, type RowIssue, type TargetRowBase, mapRow } from './define-mapping'
import { createMappingContext } from './mapping-context'

export const IMPORT_TIME = new Date('2025-06-01T12:00:00.000Z')

/** A context where the listed legacy ids exist: `{ Saddles: [1, 2] }`. */
export function contextWith(existing: Record<string, number[]> = {}) {
  return createMappingContext({
    importTime: IMPORT_TIME,
    existingIds: new Map(Object.entries(existing).map(([table, ids]) => [table, new Set(ids)])),
  })
}

/** Map `raw` (a complete valid row merged with `overrides`) in a context where `existing` ids exist. */
export function mapWith<S extends z.ZodObject, T extends TargetRowBase>(
  mapping: Mapping<S, T>,
  raw: Record<string, SqlValue | undefined>,
  existing: Record<string, number[]> = {},
): MappedRow<T> {
  return mapRow(mapping, raw as LegacyRow, contextWith(existing))
}

/** `code@column` of every issue, in order: compact to compare in tables. */
export function issueKeys(issues: RowIssue[]): string[] {
  return issues.map((i) => (i.column === null ? i.code : `${i.code}@${i.column}`))
}

export const uuid = stableUuid

/** The same row as the staging area gives it: every non-NULL value as text. */
export function asStagedText(raw: Record<string, SqlValue | undefined>): Record<string, SqlValue | undefined> {
  const out: Record<string, SqlValue | undefined> = {}
  for (const [key, value] of Object.entries(raw)) {
    out[key] = value === null || value === undefined || typeof value === 'string' || value instanceof Uint8Array ? value : String(value)
  }
  return out
}

/** Legacy ids that exist in the mapping tests' imaginary dump; anything else is an orphan. */
export const EXISTING: Record<string, number[]> = {
  UserTypes: [1, 2, 3, 4, 5],
  Credentials: [1, 2, 3],
  Factories: [1, 2, 3, 4],
  FactoryEmployees: [1],
  Fitters: [1, 2],
  Customers: [1, 2],
  Brands: [1, 2],
  Saddles: [1, 2],
  LeatherTypes: [1, 2],
  SaddleLeathers: [1],
  Options: [1, 2],
  OptionsItems: [1, 2, 3],
  SaddleOptionsItems: [1],
  Presets: [1],
  PresetsItems: [1],
  Statuses: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  Orders: [1, 2],
}
