// Soft delete: `Deleted = 1` becomes `deleted_at`, set to the row's own last change time where the
// table has one (only Orders has ChangeTime), else to the import time: the moment we know, at the
// latest, that the row was deleted.

/** deleted → lastChange ?? importTime; live → null. */
export function softDeletedAt(deleted: boolean, lastChange: Date | null, importTime: Date): Date | null {
  if (!deleted) return null
  return lastChange ?? importTime
}
