import type { DatabaseClients } from '@/lib/db/prisma'
import { AppError } from '@/lib/errors'
import { toAccount, type Account } from './account'
import { forgetAccount } from './session-cache'

export interface DisableAccountOptions {
  db: DatabaseClients
  accountId: string
  /** the operator disabling it */
  by: string
  now?: Date
}

/**
 * Disables an account: it cannot sign in anymore and its sessions end now. An operator cannot
 * disable their own account, so at least one operator always remains.
 */
export async function disableAccount({ db, accountId, by, now = new Date() }: DisableAccountOptions): Promise<Account> {
  if (accountId === by) throw new AppError('CONFLICT', 'You cannot disable your own account.')
  const disabled = await db.prisma.$transaction(async (tx) => {
    const row = await tx.operatorAccount.findUnique({ where: { id: accountId } })
    if (!row) throw new AppError('NOT_FOUND', 'There is no such account.')
    if (row.disabledAt) throw new AppError('CONFLICT', `${row.email} is disabled already.`)
    await tx.operatorAccount.update({ where: { id: accountId }, data: { disabledAt: now } })
    await tx.operatorSession.deleteMany({ where: { accountId } })
    return toAccount(row)
  })
  forgetAccount(accountId)
  return disabled
}
