const TONES: Record<string, 'ok' | 'warn' | 'error' | 'neutral'> = {
  completed: 'ok',
  imported: 'ok',
  validated: 'ok',
  staged: 'neutral',
  choosing: 'warn',
  uploading: 'neutral',
  created: 'neutral',
  staging: 'neutral',
  importing: 'neutral',
  validating: 'neutral',
  rolled_back: 'warn',
  missing: 'warn',
  pending: 'neutral',
  failed: 'error',
  cancelled: 'warn',
}

const LABELS: Record<string, string> = { rolled_back: 'rolled back', choosing: 'choose a database' }

export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  return (
    <span className={`badge ${TONES[status] ?? 'neutral'}`} data-testid={testId}>
      {LABELS[status] ?? status}
    </span>
  )
}
