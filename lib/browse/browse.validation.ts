import { z } from 'zod'

export const BROWSE_KINDS = ['customers', 'orders', 'fitters', 'models'] as const
export type BrowseKind = (typeof BROWSE_KINDS)[number]

export const browseSearchInput = z.object({
  kind: z.enum(BROWSE_KINDS).catch('orders').default('orders'),
  q: z.string().trim().max(200).catch('').default(''),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
})
export type BrowseSearchInput = z.infer<typeof browseSearchInput>

export const recordRefInput = z.object({
  kind: z.enum(BROWSE_KINDS),
  id: z.uuid(),
})
export type RecordRefInput = z.infer<typeof recordRefInput>
