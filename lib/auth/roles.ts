// Two roles (issue 6): an operator changes data (upload, import, roll back, restart staging or
// validation, reconcile, downloads) and manages accounts; a viewer reads the pages.

export const roles = ['operator', 'viewer'] as const

export type Role = (typeof roles)[number]

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value)
}
