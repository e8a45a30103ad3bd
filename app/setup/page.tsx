import Link from 'next/link'
import { bootstrapAdmin } from '@/lib/auth/bootstrap-admin'
import { hasAccounts } from '@/lib/auth/has-accounts'
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password'
import { getDatabase } from '@/lib/db/prisma'
import { SetupForm } from './setup-form'

export const dynamic = 'force-dynamic'

/** Open only while no account exists (the action checks again, in a transaction). */
export default async function SetupPage() {
  const db = getDatabase()
  await bootstrapAdmin({ db, env: process.env })
  if (await hasAccounts({ db })) {
    return (
      <section className="card auth-card" aria-labelledby="setup-heading">
        <h1 id="setup-heading">Set up</h1>
        <p role="alert" className="alert info">
          The app is set up already: <Link href="/login">sign in</Link> with an existing account. New accounts are created by an operator on the
          Accounts page.
        </p>
      </section>
    )
  }
  return (
    <section className="card auth-card" aria-labelledby="setup-heading">
      <h1 id="setup-heading">Set up: the first account</h1>
      <p className="muted small">
        No account exists yet. This one will be an <strong>operator</strong>: it can upload, import and roll back, and create further accounts.
        This page closes once it exists. (With <code>ADMIN_EMAIL</code> and <code>ADMIN_PASSWORD</code> set, the app creates it at start instead.)
      </p>
      <SetupForm minLength={MIN_PASSWORD_LENGTH} />
    </section>
  )
}
