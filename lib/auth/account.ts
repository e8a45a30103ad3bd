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
  // Roles are written only through createAccount (zod enum); anything else found is read-only.
  return { id: row.id, email: row.email, role: isRole(row.role) ? row.role : 'viewer' }
}
