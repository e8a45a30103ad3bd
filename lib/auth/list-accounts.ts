import type { DatabaseClients } from '@/lib/db/prisma'
import { toAccount, type Account } from './account'

export interface AccountListing extends Account {
  createdAt: string
  disabledAt: string | null
  /** email of the operator who created it; null for the first account */
  createdByEmail: string | null
}

/** Every account, active ones first, then by email (a handful: no paging). */
export async function listAccounts({ db }: { db: DatabaseClients }): Promise<AccountListing[]> {
  const rows = await db.prisma.operatorAccount.findMany({ orderBy: [{ email: 'asc' }] })
  const emailOf = new Map(rows.map((r) => [r.id, r.email]))
  return rows
    .map((row) => ({
      ...toAccount(row),
      createdAt: row.createdAt.toISOString(),
      disabledAt: row.disabledAt?.toISOString() ?? null,
      createdByEmail: row.createdBy ? (emailOf.get(row.createdBy) ?? null) : null,
    }))
    .sort((a, b) => Number(a.disabledAt !== null) - Number(b.disabledAt !== null))
}
