import { listAccounts } from '@/lib/auth/list-accounts'
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password'
import { getDatabase } from '@/lib/db/prisma'
import { requireReader } from '../_auth/session'
import { ActionButton } from '../_components/action-button'
import { formatDateTime } from '../_components/format'
import { createAccountAction, disableAccountAction } from './actions'
import { CreateAccountForm } from './create-account-form'

export const dynamic = 'force-dynamic'

/** Operators create accounts and disable them (the actions refuse a viewer on the server too). */
export default async function AccountsPage() {
  const me = await requireReader()
  if (me.role !== 'operator') {
    return (
      <>
        <h1>Accounts</h1>
        <p role="alert" className="alert info">
          Only operators manage accounts. Your account ({me.name}) is a viewer.
        </p>
      </>
    )
  }
  const accounts = await listAccounts({ db: getDatabase() })
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Accounts</h1>
          <div className="sub">Operators upload, import, roll back, reconcile, download and manage accounts; viewers read every page.</div>
        </div>
      </div>
      <section className="card" aria-labelledby="new-account-heading">
        <h2 id="new-account-heading">New account</h2>
        <CreateAccountForm action={createAccountAction} minLength={MIN_PASSWORD_LENGTH} />
      </section>
      <section aria-labelledby="accounts-heading">
        <h2 id="accounts-heading">All accounts</h2>
        <div className="table-scroll">
          <table className="data" aria-label="Accounts">
            <thead>
              <tr>
                <th>Email</th>
                <th>Role</th>
                <th>State</th>
                <th>Created</th>
                <th>Created by</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id}>
                  <td>{a.email}</td>
                  <td>{a.role}</td>
                  <td>{a.disabledAt ? <span className="badge error">disabled {formatDateTime(a.disabledAt)}</span> : <span className="badge ok">active</span>}</td>
                  <td>{formatDateTime(a.createdAt)}</td>
                  <td>{a.createdByEmail ?? <span className="muted">first account</span>}</td>
                  <td className="right">
                    {a.disabledAt || a.id === me.id ? null : (
                      <ActionButton
                        action={disableAccountAction}
                        input={{ accountId: a.id }}
                        label="Disable…"
                        variant="danger"
                        small
                        confirm={{
                          title: `Disable ${a.email}?`,
                          body: <p>They are signed out now and cannot sign in again. Their entries in the audit trail stay.</p>,
                          confirmLabel: 'Disable account',
                          danger: true,
                        }}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  )
}
