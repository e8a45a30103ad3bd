import type { Role } from './roles'
import { isRole } from './roles'

/** An account as the app uses it (never with its password hash). */
export interface Account {
  id: string
  email: string
  role: Role
}

/** The row fields an Account is read from. */
export function toAccount(row: { id: string; email: string; role: string }): Account {
  // The database refuses other roles (CHECK constraint); a surprise here is read-only.
  return { id: row.id, email: row.email, role: isRole(row.role) ? row.role : 'viewer' }
}
