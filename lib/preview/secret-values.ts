import { passwordAlgo } from '@/lib/convert/password-hash'

// Legacy password hashes never leave the server: the preview shows what kind of hash a value is
// (that is all the operator needs to decide), in the staged legacy column and in the mapped one.

const SECRET_LEGACY_COLUMNS: Readonly<Record<string, readonly string[]>> = { Credentials: ['Password'] }
const SECRET_TARGET_COLUMNS: Readonly<Record<string, readonly string[]>> = { users: ['password_hash'] }

export function isSecretLegacyColumn(legacyTable: string, column: string | null): boolean {
  return column !== null && (SECRET_LEGACY_COLUMNS[legacyTable]?.includes(column) ?? false)
}

export function isSecretTargetColumn(targetTable: string, column: string): boolean {
  return SECRET_TARGET_COLUMNS[targetTable]?.includes(column) ?? false
}

/** What a password value is, without the value: 'bcrypt', 'md5 — reset required', … */
export function describePasswordKind(value: string | null): string | null {
  if (value === null) return null
  const algo = passwordAlgo(value)
  if (algo === 'bcrypt') return 'bcrypt'
  if (algo === 'md5') return 'md5 — reset required'
  if (value === '') return 'empty — reset required'
  return 'unknown — not copied, reset required'
}
