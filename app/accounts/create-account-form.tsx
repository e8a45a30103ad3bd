'use client'

import { useRef, useState, useTransition } from 'react'
import type { ActionResult } from '@/lib/actions/operator-action'
import type { Account } from '@/lib/auth/account'

export function CreateAccountForm({ action, minLength }: { action: (input: unknown) => Promise<ActionResult<Account>>; minLength: number }) {
  const form = useRef<HTMLFormElement>(null)
  const [pending, startTransition] = useTransition()
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null)
  const submit = (data: FormData) => {
    startTransition(async () => {
      const outcome = await action({ email: data.get('email'), role: data.get('role'), password: data.get('password') })
      if (outcome.ok) {
        setResult({ ok: true, message: `Created ${outcome.data.email} (${outcome.data.role}). Give them the password by a safe way.` })
        form.current?.reset()
      } else {
        setResult({ ok: false, message: outcome.message })
      }
    })
  }
  return (
    <form ref={form} action={submit} className="stack" aria-label="Create an account">
      <div className="row" style={{ alignItems: 'flex-end' }}>
        <label className="field">
          Email
          <input type="email" name="email" required autoComplete="off" />
        </label>
        <label className="field">
          Role
          <select name="role" defaultValue="viewer">
            <option value="viewer">viewer (reads)</option>
            <option value="operator">operator (changes data, manages accounts)</option>
          </select>
        </label>
        <label className="field">
          Initial password (at least {minLength} characters)
          <input type="password" name="password" required minLength={minLength} autoComplete="new-password" />
        </label>
        <button type="submit" className="btn primary" disabled={pending}>
          {pending ? 'Creating…' : 'Create account'}
        </button>
      </div>
      {result ? (
        <p role={result.ok ? 'status' : 'alert'} className={`alert small ${result.ok ? 'ok' : 'error'}`}>
          {result.message}
        </p>
      ) : null}
    </form>
  )
}
