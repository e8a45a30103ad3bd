import type { DatabaseClients } from '@/lib/db/prisma'

/** Whether any account exists (a disabled one too): the setup page is closed then. */
export async function hasAccounts({ db }: { db: DatabaseClients }): Promise<boolean> {
  return (await db.prisma.operatorAccount.findFirst({ select: { id: true } })) !== null
}
