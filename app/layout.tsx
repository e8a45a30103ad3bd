import type { Metadata } from 'next'
import Link from 'next/link'
import type { ReactNode } from 'react'
import './globals.css'

export const metadata: Metadata = {
  title: 'ordermys-migrate',
  description: 'Move the legacy order system into PostgreSQL, table by table, and prove nothing was lost.',
}

export default function RootLayout({ children }: { children: ReactNode }) {
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
          <nav aria-label="Main">
            <Link href="/">Runs</Link>
            <Link href="/browse">Browse data</Link>
          </nav>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  )
}
