// The first load of an empty target table without its secondary indexes and foreign keys.
//
// Keeping 6–17 b-trees and up to 6 foreign-key triggers up to date row by row is most of what an
// import costs: order_lines (611,208 rows, 6 secondary indexes, 3 foreign keys) took 17.0 s to
// INSERT … SELECT with everything in place, 3.0 s with only its primary key and unique keys, and
// 1.9 s more to build the six indexes and validate the three foreign keys afterwards (bench
// database, 2026-11-25). pg_restore loads data the same way for the same reason.
//
// What is deferred: non-unique indexes, the primary key (a b-tree of random uuids, the costliest
// to keep), the table's own foreign keys, and the foreign keys of other tables that reference it
// (they depend on its primary key; those tables hold no row pointing here, since this one is
// empty). What stays: every other unique index — ON CONFLICT (legacy_id) needs that one, and a
// unique violation must still name its row while it is written. The definitions come from the
// catalog (pg_get_indexdef, pg_get_constraintdef) with their names, so the table is rebuilt
// exactly as the migrations made it; rebuilding the primary key checks that the ids are unique.
//
// Crash safety: the drop commits together with the definitions, which are written into the
// table's resume cursor (migration_run_tables.resume_cursor); whoever next touches the table —
// the resumed import when it finishes, a fresh import, a roll-back — restores them first. The
// restore is idempotent (a definition whose object exists again is skipped).

import type { ClientBase } from 'pg'
import { quoteIdent } from '@/lib/staging/staging-names'

export interface DeferredDefinition {
  kind: 'index' | 'primary_key' | 'foreign_key'
  /** the table it belongs to (a referencing table's foreign key belongs to that table) */
  table: string
  /** a foreign key's referenced table */
  references?: string | null
  /** the index's or constraint's name */
  name: string
  /** the statement that recreates it */
  sql: string
}

/** Restored in this order: indexes, the primary key, then the foreign keys (which need it); dropped in reverse. */
const RESTORE_ORDER: Record<DeferredDefinition['kind'], number> = { index: 0, primary_key: 1, foreign_key: 2 }

function inRestoreOrder(a: DeferredDefinition, b: DeferredDefinition): number {
  return RESTORE_ORDER[a.kind] - RESTORE_ORDER[b.kind] || a.table.localeCompare(b.table) || a.name.localeCompare(b.name)
}

/** Imports of fewer rows than this keep their indexes: rebuilding them would cost more than it saves. */
export const BULK_LOAD_MIN_ROWS = 20_000

/** True when the target table holds no row at all (from any run): only then is a bulk load safe to start. */
export async function targetIsEmpty(client: ClientBase, targetTable: string): Promise<boolean> {
  const { rows } = await client.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM ${quoteIdent(targetTable)}) AS empty`)
  return rows[0].empty
}

/** What a bulk load of `targetTable` drops, as statements that recreate it, in restore order. */
export async function deferrableDefinitions(client: ClientBase, targetTable: string): Promise<DeferredDefinition[]> {
  const { rows } = await client.query<DeferredDefinition>(
    `SELECT 'index' AS kind, x.indrelid::regclass::text AS table, NULL AS references, i.relname AS name, pg_get_indexdef(x.indexrelid) AS sql
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = to_regclass($1) AND NOT x.indisunique AND NOT x.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
     UNION ALL
     SELECT CASE c.contype WHEN 'p' THEN 'primary_key' ELSE 'foreign_key' END, c.conrelid::regclass::text,
            CASE c.contype WHEN 'f' THEN c.confrelid::regclass::text END, c.conname,
            format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
       FROM pg_constraint c
      WHERE (c.conrelid = to_regclass($1) AND c.contype IN ('p', 'f')) OR (c.confrelid = to_regclass($1) AND c.contype = 'f')`,
    [quoteIdent(targetTable)],
  )
  return rows.sort(inRestoreOrder)
}

/** Drops what `definitions` name, foreign keys first (inside the caller's transaction, which also stores them). */
export async function dropDeferred(client: ClientBase, definitions: readonly DeferredDefinition[]): Promise<void> {
  for (const definition of [...definitions].sort(inRestoreOrder).reverse()) {
    if (definition.kind === 'index') await client.query(`DROP INDEX ${quoteIdent(definition.name)}`)
    else await client.query(`ALTER TABLE ${definition.table} DROP CONSTRAINT ${quoteIdent(definition.name)}`)
  }
}

/**
 * Recreates what a bulk load dropped; a definition whose object is back already is skipped.
 * Indexes first, then the primary key, then the foreign keys: validating a foreign key is one
 * join, whatever indexes the table has. Returns how many were recreated.
 */
export async function restoreDeferred(client: ClientBase, definitions: readonly DeferredDefinition[]): Promise<number> {
  let restored = 0
  for (const definition of [...definitions].sort(inRestoreOrder)) {
    const exists =
      definition.kind === 'index'
        ? await client.query('SELECT 1 FROM pg_class WHERE oid = to_regclass($1)', [quoteIdent(definition.name)])
        : await client.query('SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass($1) AND conname = $2', [definition.table, definition.name])
    if (exists.rowCount) continue
    await client.query(definition.sql)
    restored += 1
  }
  return restored
}

/**
 * Changing a table's definition (dropping or adding its keys and indexes) locks the tables the
 * changes touch — the table, those its foreign keys reference, those whose foreign keys reference
 * it — and only one import changes definitions at a time (a transaction-level advisory lock).
 * Callers take this FIRST in their transaction, before any row of migration_run_tables: an import
 * committing a batch holds its tables and then updates its own row there, so a transaction that
 * held those rows while waiting for the tables would deadlock with it.
 */
export async function lockForDefinitionChanges(client: ClientBase, targetTable: string, definitions: readonly DeferredDefinition[]): Promise<void> {
  const tables = new Set([quoteIdent(targetTable)])
  for (const d of definitions) {
    tables.add(d.table)
    if (d.references) tables.add(d.references)
  }
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('ordermys-migrate:table-definitions'))`)
  await client.query(`LOCK TABLE ${[...tables].sort().join(', ')} IN ACCESS EXCLUSIVE MODE`)
}
