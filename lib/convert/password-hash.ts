// Credentials.Password: a bcrypt hash ($2y$…, from PHP's password_hash) or, for older accounts, an
// md5 hex digest. md5 accounts are imported with must_reset_password (the mapping warns
// MD5_PASSWORD). Anything else (empty, plain text, another digest) is not a hash we can verify: the
// mapping stores no hash, forces a reset and warns UNKNOWN_PASSWORD_HASH — without quoting the value,
// which may be a plain-text password.

export type PasswordAlgo = 'bcrypt' | 'md5'

const BCRYPT = /^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/
const MD5_HEX = /^[0-9a-fA-F]{32}$/

export function passwordAlgo(hash: string): PasswordAlgo | null {
  if (BCRYPT.test(hash)) return 'bcrypt'
  if (MD5_HEX.test(hash)) return 'md5'
  return null
}

/** What an unrecognised password value looks like, for the operator, without revealing it. */
export function describePasswordShape(value: string): string {
  if (value === '') return 'is empty'
  if (value.startsWith('$2')) return `looks like a damaged bcrypt hash (${value.length} characters)`
  if (/^[0-9a-fA-F]{40}$/.test(value)) return 'looks like a SHA-1 digest (40 hex characters)'
  if (/^[0-9a-fA-F]+$/.test(value)) return `is ${value.length} hex characters, not an md5 digest (32)`
  return `is not a bcrypt hash or an md5 digest (${value.length} characters; possibly plain text)`
}
