'use server'

import { headers } from 'next/headers'
import { revalidatePath } from 'next/cache'
import { operatorAction } from '@/lib/actions/operator-action'
import { createAccountInput, disableAccountInput } from '@/lib/auth/account.validation'
import { createAccount } from '@/lib/auth/create-account'
import { disableAccount } from '@/lib/auth/disable-account'

const create = operatorAction(
  { name: 'createAccount', input: createAccountInput },
  async ({ email, role, password }, { db, operator }) => {
    const account = await createAccount({ db, email, role, password, createdBy: operator.id })
    revalidatePath('/accounts')
    return account
  },
  (_input, account) => ({ type: 'account.created', data: { email: account.email, role: account.role, accountId: account.id } }),
)

const disable = operatorAction(
  { name: 'disableAccount', input: disableAccountInput },
  async ({ accountId }, { db, operator }) => {
    const account = await disableAccount({ db, accountId, by: operator.id })
    revalidatePath('/accounts')
    return account
  },
  (_input, account) => ({ type: 'account.disabled', data: { email: account.email, role: account.role, accountId: account.id } }),
)

export async function createAccountAction(input: unknown) {
  return create(input, await headers())
}

export async function disableAccountAction(input: unknown) {
  return disable(input, await headers())
}
