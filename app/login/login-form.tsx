'use client'

import { useActionState } from 'react'
import { FormSubmit } from '../_components/form-submit'
import { signInAction, type SignInState } from './actions'

export function LoginForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, { email: '', message: null })
  return (
    <form action={action} className="stack auth-form" aria-label="Sign in">
      <input type="hidden" name="next" value={next} />
      <label className="field">
        Email
        <input type="email" name="email" autoComplete="username" required defaultValue={state.email} key={state.email} autoFocus />
      </label>
      <label className="field">
        Password
        <input type="password" name="password" autoComplete="current-password" required />
      </label>
      <FormSubmit message={state.message} pending={pending} label="Sign in" pendingLabel="Signing in…" />
    </form>
  )
}
