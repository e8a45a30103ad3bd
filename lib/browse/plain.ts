// Records leave lib/browse as plain JSON: dates as ISO text, money as its exact decimal text.

export function iso(value: Date | null | undefined): string | null {
  return value ? value.toISOString() : null
}

export function money(value: { toString(): string } | null | undefined): string | null {
  return value === null || value === undefined ? null : value.toString()
}
