// tinyint(1) flags (Deleted, Active, IsUrgent, Confirmed). The PHP application tested them for
// truthiness, so any non-zero value meant "yes"; values other than 0 and 1 are still reported.

/** 0 → false, anything else → true (PHP truthiness). */
export function flagToBoolean(flag: number): boolean {
  return flag !== 0
}

/** Whether the flag holds one of the two values the legacy app wrote. */
export function isCanonicalFlag(flag: number): boolean {
  return flag === 0 || flag === 1
}
