// Records leave lib/browse as plain JSON: dates as ISO text, money as its exact decimal text.

export function iso(value: Date | null | undefined): string | null {
  return value ? value.toISOString() : null
}

/** numeric(12,2) as its exact text with both decimals ('2615.50'; Prisma's Decimal would print 2615.5). */
export function money(value: { toFixed(digits: number): string } | null | undefined): string | null {
  return value === null || value === undefined ? null : value.toFixed(2)
}
