import type { Metadata } from 'next'
import Link from 'next/link'
import type { ReactNode } from 'react'
import { currentAccount } from './_auth/session'
import { signOutAction } from './login/actions'
import './globals.css'

export const metadata: Metadata = {
  title: 'ordermys-migrate',
  description: 'Move the legacy order system into PostgreSQL, table by table, and prove nothing was lost.',
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Who is signed in, for the bar only: every page checks its own access (a layout is not
  // re-rendered on every navigation, so it cannot be the gate).
  const account = await currentAccount()
  return (
    <html lang="en">
      <body>
        <a href="#main" className="visually-hidden">
          Skip to content
        </a>
        <header className="topbar">
          <Link href="/" className="brand">
            ordermys-migrate
          </Link>
          {account ? (
            <>
              <nav aria-label="Main">
                <Link href="/">Runs</Link>
                <Link href="/browse">Browse data</Link>
                <Link href="/audit">Audit</Link>
                {account.role === 'operator' ? <Link href="/accounts">Accounts</Link> : null}
              </nav>
              <div className="account" aria-label="Signed in">
                <span data-testid="signed-in-as">{account.name}</span>{' '}
                <span className="badge neutral" data-testid="signed-in-role">
                  {account.role}
                </span>
                <form action={signOutAction}>
                  <button type="submit" className="btn small">
                    Sign out
                  </button>
                </form>
              </div>
            </>
          ) : null}
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  )
}
