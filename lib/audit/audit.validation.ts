import { z } from 'zod'

/** The audit page's query: ?type=auth.signed_in&run=<uuid>&before=<event id>; anything malformed is ignored. */
export const auditQueryInput = z.object({
  type: z.string().regex(/^[a-z_]+\.[a-z_]+$/).optional().catch(undefined),
  run: z.uuid().optional().catch(undefined),
  before: z.string().regex(/^\d{1,19}$/).optional().catch(undefined),
})
export type AuditQueryInput = z.infer<typeof auditQueryInput>
