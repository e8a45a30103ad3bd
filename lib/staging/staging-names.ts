// Staged raw rows live in one PostgreSQL schema per run, one table per dump table, named exactly
// as in the dump. Identifiers come from the dump, so they are always quoted, never interpolated raw.

export function quoteIdent(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"'
}

export function stagingSchemaFor(runId: string): string {
  return 'staging_' + runId.replaceAll('-', '').slice(0, 16).toLowerCase()
}

/** The schema of the N-th database (N ≥ 2) of a dump of several: `staging_<run>_d<N>`. */
export function databaseSchemaFor(schema: string, n: number): string {
  return `${schema}_d${n}`
}

export function stagedTable(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`
}

/** Bookkeeping columns of every staging table, before the dump's own columns. */
export const STAGING_ROW = '_row' // 1-based position of the row in its table in the dump
export const STAGING_LEGACY_ID = '_legacy_id' // the row's `ID` when it is an integer, for lookups
export const STAGING_EXACT = '_exact' // {column: hex of UTF-8 bytes} for values PostgreSQL text cannot hold (NUL)

/** The mapped rows of a legacy table (the rows as they will be written), beside the staged rows. */
export function mappedTableName(targetTable: string): string {
  return `mapped__${targetTable}`
}

/**
 * A mapped row's link to an existing target row of the new system (users matched by e-mail): the
 * import gives that row the legacy id instead of inserting this one.
 */
export const MAPPED_LINK_ID = '_link_id'

/** A mapped row's target columns that a decision gave their value (comma-separated), or NULL. */
export const MAPPED_DECIDED = '_decided'
/** The decisions (ids, comma-separated) that changed or answered something on a mapped row, or NULL. */
export const MAPPED_DECISIONS = '_decisions'
