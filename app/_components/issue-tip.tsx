'use client'

import { useId, useRef, type ReactNode } from 'react'

export interface TipIssue {
  column: string | null
  severity: 'error' | 'warning'
  code: string
  message: string
  sourceValue: string | null
}

/**
 * A marked cell that explains its problems on hover and on keyboard focus (Escape closes). The
 * explanation is a popover in the top layer, so the table's scrolling box never clips it.
 */
export function IssueTip({ issues, children, label }: { issues: TipIssue[]; children: ReactNode; label: string }) {
  const id = useId()
  const anchor = useRef<HTMLSpanElement>(null)
  const tip = useRef<HTMLSpanElement>(null)
  const severity = issues.some((i) => i.severity === 'error') ? 'error' : 'warning'

  const show = () => {
    const a = anchor.current
    const t = tip.current
    if (!a || !t) return
    t.showPopover?.()
    const rect = a.getBoundingClientRect()
    const width = t.offsetWidth
    const height = t.offsetHeight
    const left = Math.max(8, Math.min(rect.left, window.innerWidth - width - 8))
    const below = rect.bottom + 6
    const top = below + height > window.innerHeight - 8 ? Math.max(8, rect.top - height - 6) : below
    t.style.left = `${left}px`
    t.style.top = `${top}px`
  }
  const hide = () => {
    if (tip.current?.matches(':popover-open')) tip.current.hidePopover()
  }

  return (
    <span
      ref={anchor}
      className={`issue-cell ${severity}`}
      tabIndex={0}
      aria-label={label}
      aria-describedby={id}
      data-severity={severity}
      onMouseEnter={show}
      onMouseLeave={hide}
      onFocus={show}
      onBlur={hide}
      onKeyDown={(event) => {
        if (event.key === 'Escape') hide()
      }}
    >
      <span className="marker" aria-hidden="true">
        {severity === 'error' ? '✕' : '!'}
      </span>
      {children}
      <span ref={tip} id={id} popover="manual" role="tooltip" className="issue-tip">
        {issues.map((issue, i) => (
          <span key={i} className="tip-line">
            <strong>{issue.code}</strong> ({issue.severity}
            {issue.column ? ` in ${issue.column}` : ''}): {issue.message}
            {issue.sourceValue !== null && issue.sourceValue !== '' ? (
              <>
                {' '}
                Source value: <code>{issue.sourceValue}</code>
              </>
            ) : null}
          </span>
        ))}
      </span>
    </span>
  )
}
