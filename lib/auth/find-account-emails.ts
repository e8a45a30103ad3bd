import type { DatabaseClients } from '@/lib/db/prisma'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Emails of the accounts behind audit actors (an actor is an account id; rows written before
 * sign-in existed say "operator"). Pages show `emails.get(actor) ?? actor`.
 */
export async function findAccountEmails({ db, ids }: { db: DatabaseClients; ids: readonly (string | null | undefined)[] }): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === 'string' && UUID.test(id)))]
  if (wanted.length === 0) return new Map()
  const rows = await db.prisma.operatorAccount.findMany({ where: { id: { in: wanted } }, select: { id: true, email: true } })
  return new Map(rows.map((r) => [r.id, r.email]))
}
