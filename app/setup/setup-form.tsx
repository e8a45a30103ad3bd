'use client'

import { useActionState } from 'react'
import { FormSubmit } from '../_components/form-submit'
import { setUpAction, type SetupState } from './actions'

export function SetupForm({ minLength }: { minLength: number }) {
  const [state, action, pending] = useActionState<SetupState, FormData>(setUpAction, { email: '', message: null })
  return (
    <form action={action} className="stack auth-form" aria-label="Create the first account">
      <label className="field">
        Email
        <input type="email" name="email" autoComplete="username" required defaultValue={state.email} key={state.email} autoFocus />
      </label>
      <label className="field">
        Password (at least {minLength} characters)
        <input type="password" name="password" autoComplete="new-password" required minLength={minLength} />
      </label>
      <label className="field">
        The same password again
        <input type="password" name="confirm" autoComplete="new-password" required minLength={minLength} />
      </label>
      <FormSubmit message={state.message} pending={pending} label="Create the operator account" pendingLabel="Creating…" />
    </form>
  )
}
