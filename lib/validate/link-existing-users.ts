// Legacy users merge into the users the new system already has (the migration plan: "merge into
// the existing User system"). A Credentials row whose e-mail matches, case-insensitively, one
// existing `users` row without legacy_id is linked to it: the import gives that row the legacy id
// and the legacy halves, and leaves its own id and values as they are, instead of inserting a
// second user. References to the legacy user then resolve to that row (the import resolves every
// reference by legacy id). A user linked by an earlier import stays linked: its legacy_id is the
// legacy user's, its id not the one derived from it.

import type { ClientBase, Pool } from 'pg'
import { quoteIdent } from '@/lib/staging/staging-names'
import type { RowIssue } from '@/lib/mappings'
import { ruleSeverity } from '@/lib/mappings/rule-codes'

/** What the target's users table holds that legacy users may be linked to. */
export interface ExistingUsers {
  /** lower-cased e-mail → ids of the rows without legacy_id that have it */
  byEmail: ReadonlyMap<string, readonly string[]>
  /** legacy id → id of rows linked by an earlier import (their id is not the derived one) */
  linked: ReadonlyMap<number, string>
}

export const NO_EXISTING_USERS: ExistingUsers = { byEmail: new Map(), linked: new Map() }

/**
 * The users of the new system, from the target schema's `users` table; none when it lacks the
 * columns to match on (no table, no e-mail). `derivedId` is the id the import would give a legacy id.
 */
export async function loadExistingUsers(db: Pool | ClientBase, targetSchema: string, derivedId: (legacyId: number) => string): Promise<ExistingUsers> {
  const { rows: columns } = await db.query<{ name: string }>(
    `SELECT a.attname AS name FROM pg_attribute a
      WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped AND a.attname IN ('id', 'email', 'legacy_id')`,
    [`${quoteIdent(targetSchema)}.users`],
  )
  const has = new Set(columns.map((c) => c.name))
  if (!has.has('id') || !has.has('email')) return NO_EXISTING_USERS
  const table = `${quoteIdent(targetSchema)}.users`
  const byEmail = new Map<string, string[]>()
  const linked = new Map<number, string>()
  const { rows } = await db.query<{ id: string; email: string | null; legacy_id: number | null }>(
    `SELECT id::text AS id, lower(email::text) AS email, ${has.has('legacy_id') ? 'legacy_id::int' : 'NULL::int'} AS legacy_id FROM ${table}
      WHERE ${has.has('legacy_id') ? 'legacy_id IS NOT NULL OR ' : ''}email IS NOT NULL`,
  )
  for (const row of rows) {
    if (row.legacy_id === null) {
      if (row.email) byEmail.set(row.email, [...(byEmail.get(row.email) ?? []), row.id])
    } else if (row.id !== derivedId(row.legacy_id)) {
      linked.set(row.legacy_id, row.id)
    }
  }
  return { byEmail, linked }
}

export interface UserLink {
  /** the existing row the legacy user is linked to, or null (inserted as a user of its own) */
  linkId: string | null
  issue: RowIssue | null
}

/**
 * Links mapped users to existing ones, row after row in dump order: an existing user is claimed by
 * the first legacy user that matches it. Pure but for that memory.
 */
export function createUserLinker(existing: ExistingUsers): (legacyId: number, email: string | null) => UserLink {
  const claimed = new Map<string, number>()
  for (const [legacyId, id] of existing.linked) claimed.set(id, legacyId)
  return (legacyId, email) => {
    const earlier = existing.linked.get(legacyId)
    if (earlier !== undefined) {
      return { linkId: earlier, issue: linkedIssue(`Legacy user ${legacyId} was linked to the existing user ${earlier} by an earlier import`, earlier) }
    }
    const key = email?.trim().toLowerCase()
    if (!key) return { linkId: null, issue: null }
    const candidates = existing.byEmail.get(key) ?? []
    if (candidates.length === 0) return { linkId: null, issue: null }
    if (candidates.length > 1) {
      return { linkId: null, issue: notLinkedIssue(email!, `${candidates.length} existing users of the new system have it (${candidates.join(', ')})`) }
    }
    const [id] = candidates
    const owner = claimed.get(id)
    if (owner !== undefined && owner !== legacyId) {
      return { linkId: null, issue: notLinkedIssue(email!, `the existing user ${id} that has it is linked to legacy user ${owner} already`) }
    }
    claimed.set(id, legacyId)
    return { linkId: id, issue: linkedIssue(`Email '${email}' matches the existing user ${id} of the new system (it has no legacy_id)`, id) }
  }
}

function linkedIssue(why: string, id: string): RowIssue {
  return {
    severity: ruleSeverity('USER_LINKED'),
    code: 'USER_LINKED',
    column: 'Email',
    message: `${why}: the legacy user is linked to it — that user gets this legacy_id and legacy_role_id, and keeps its own id and values — instead of being inserted.`,
    value: id,
  }
}

function notLinkedIssue(email: string, why: string): RowIssue {
  return {
    severity: ruleSeverity('USER_NOT_LINKED'),
    code: 'USER_NOT_LINKED',
    column: 'Email',
    message: `Email '${email}' matches, but ${why}: imported as a user of its own.`,
    value: email,
  }
}
