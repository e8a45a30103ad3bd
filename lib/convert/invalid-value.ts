// A converter's way to say "this value cannot be stored in the target column's type".
// Returned, never thrown: a bad value is data (the row is rejected with this reason), not an exception.
// Allocated only on failure, so the happy path of a converter returns the plain value.

export class InvalidValue {
  /** `reason` completes a sentence that starts with the column and its value: "is not an integer". */
  constructor(readonly reason: string) {}
}

export function isInvalid(value: unknown): value is InvalidValue {
  return value instanceof InvalidValue
}
