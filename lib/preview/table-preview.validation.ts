import { z } from 'zod'

// The preview's query as it travels in the page URL (?page=2&severity=error&sort=-ID&jump=42):
// parsed once here, by the page and by tests alike. Column names are checked against the table's
// real columns by getTablePreview, never trusted.

export const PAGE_SIZES = [25, 50, 100, 200] as const

export const tablePreviewInput = z.object({
  /** 1-based, as people count pages */
  page: z.coerce.number().int().min(1).max(10_000_000).catch(1).default(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(50)
    .default(50),
  severity: z.enum(['error', 'warning']).optional().catch(undefined),
  code: z
    .string()
    .regex(/^[A-Z0-9_]{1,40}$/)
    .optional()
    .catch(undefined),
  /** a legacy column: rows with an issue in it */
  column: z.string().max(64).optional().catch(undefined),
  /** `_row` (dump order, default), `ID`, or a legacy column; `-` in front: descending */
  sort: z.string().max(65).optional().catch(undefined),
  /** a legacy id to find */
  jump: z.coerce.number().int().min(-2147483648).max(2147483647).optional().catch(undefined),
  view: z.enum(['both', 'legacy', 'target']).catch('both').default('both'),
})
export type TablePreviewInput = z.infer<typeof tablePreviewInput>

/** URL search params (first value of each) → input. */
export function parsePreviewParams(params: Record<string, string | string[] | undefined>): TablePreviewInput {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]).filter(([, v]) => v !== undefined && v !== ''))
  return tablePreviewInput.parse(flat)
}
