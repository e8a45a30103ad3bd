// `...Time` INT columns hold UNIX seconds; 0 means "unknown" (or "never", for LastLogin and
// ConfirmTime) and becomes NULL.
//
// Whether a 0 is worth a warning depends on the column, so this converter does not decide it:
//   * LastLogin 0 = "never logged in", ConfirmTime 0 = "not confirmed": the legacy schema documents
//     0 as the normal "none", like a 0 reference → NULL without an issue (reconciliation can count
//     them from the staged values);
//   * OrderTime, ChangeTime, DBlog.Time: 0 is a gap in the data → the mapping warns (ZERO_DATE,
//     ORDER_TIME_MISSING) and says what it used instead.

/** UNIX seconds → Date (UTC); 0 → null. */
export function fromUnixSeconds(seconds: number): Date | null {
  return seconds === 0 ? null : new Date(seconds * 1000)
}

/** A Date as the operator reads it in messages: '2016-03-04 10:00:00 UTC'. */
export function formatUtc(date: Date): string {
  const iso = date.toISOString() // 2016-03-04T10:00:00.000Z
  const ms = iso.slice(20, 23)
  return iso.slice(0, 10) + ' ' + iso.slice(11, 19) + (ms === '000' ? '' : '.' + ms) + ' UTC'
}
