import { percent } from './format'

export interface ProgressBarProps {
  label: string
  done: number
  total: number | null
  tone?: 'accent' | 'ok'
  /** no known total: an animated bar */
  indeterminate?: boolean
}

export function ProgressBar({ label, done, total, tone = 'accent', indeterminate = false }: ProgressBarProps) {
  const value = percent(done, total)
  return (
    <div
      className={`progress${tone === 'ok' ? ' ok' : ''}${indeterminate ? ' indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={indeterminate ? undefined : Math.round(value)}
    >
      <span style={{ width: `${value}%` }} />
    </div>
  )
}
