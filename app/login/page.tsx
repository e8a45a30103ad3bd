import { redirect } from 'next/navigation'
import { bootstrapAdmin } from '@/lib/auth/bootstrap-admin'
import { hasAccounts } from '@/lib/auth/has-accounts'
import { getDatabase } from '@/lib/db/prisma'
import { currentAccount, safeNext } from '../_auth/session'
import { LoginForm } from './login-form'

export const dynamic = 'force-dynamic'

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const raw = (await searchParams).next
  const next = safeNext(Array.isArray(raw) ? raw[0] : raw)
  const db = getDatabase()
  await bootstrapAdmin({ db, env: process.env })
  // No account yet and none from ADMIN_EMAIL/ADMIN_PASSWORD: the first one is made on /setup.
  if (!(await hasAccounts({ db }))) redirect('/setup')
  if (await currentAccount()) redirect(next)
  return (
    <section className="card auth-card" aria-labelledby="login-heading">
      <h1 id="login-heading">Sign in</h1>
      <p className="muted small">The migration of the legacy order system is open to its operators and viewers only.</p>
      <LoginForm next={next} />
    </section>
  )
}
