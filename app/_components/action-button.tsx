'use client'

import { useRouter } from 'next/navigation'
import { useId, useRef, useState, useTransition, type ReactNode } from 'react'
import type { ActionResult } from '@/lib/actions/operator-action'

export interface ConfirmSpec {
  title: string
  body: ReactNode
  confirmLabel: string
  danger?: boolean
}

export interface ActionButtonProps<T> {
  action: (input: unknown) => Promise<ActionResult<T>>
  input: unknown
  label: string
  pendingLabel?: string
  variant?: 'primary' | 'danger' | 'default'
  small?: boolean
  disabled?: boolean
  /** a reason shown beside a disabled button */
  disabledReason?: ReactNode
  /** ask first, in a modal dialog that says what will happen */
  confirm?: ConfirmSpec
  /** where to go after success (default: refresh this page) */
  redirectTo?: string
}

/** A button that runs one server action, then refreshes; its error (an AppError message) shows beside it. */
export function ActionButton<T>({ action, input, label, pendingLabel, variant = 'default', small, disabled, disabledReason, confirm, redirectTo }: ActionButtonProps<T>) {
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [error, setError] = useState<string | null>(null)
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()

  const run = () => {
    setError(null)
    startTransition(async () => {
      const result = await action(input)
      if (!result.ok) {
        setError(result.message)
        return
      }
      dialog.current?.close()
      if (redirectTo) router.push(redirectTo)
      else router.refresh()
    })
  }

  const className = `btn${variant === 'primary' ? ' primary' : variant === 'danger' ? ' danger' : ''}${small ? ' small' : ''}`
  return (
    <span className="action">
      <button type="button" className={className} disabled={disabled || pending} onClick={confirm ? () => dialog.current?.showModal() : run}>
        {pending && !confirm ? (pendingLabel ?? 'Working…') : label}
      </button>
      {disabled && disabledReason ? <span className="muted small"> {disabledReason}</span> : null}
      {error && !confirm ? (
        <span role="alert" className="alert error small" style={{ display: 'block', marginTop: 8 }}>
          {error}
        </span>
      ) : null}
      {confirm ? (
        <dialog ref={dialog} aria-labelledby={titleId}>
          <h2 id={titleId}>{confirm.title}</h2>
          <div>{confirm.body}</div>
          {error ? (
            <p role="alert" className="alert error small">
              {error}
            </p>
          ) : null}
          <div className="actions">
            <button type="button" className="btn" onClick={() => dialog.current?.close()} disabled={pending}>
              Cancel
            </button>
            <button type="button" className={`btn ${confirm.danger ? 'danger solid' : 'primary'}`} onClick={run} disabled={pending} autoFocus>
              {pending ? (pendingLabel ?? 'Working…') : confirm.confirmLabel}
            </button>
          </div>
        </dialog>
      ) : null}
    </span>
  )
}
