import { z } from 'zod'
import { DUMP_HEAD_BYTES } from '@/lib/dump/check-dump-head'
import { uploadSizeProblem } from './upload-limits'

export const startUploadInput = z.object({
  fileName: z
    .string()
    .trim()
    .min(1, 'The file has no name')
    .max(255, 'The file name is longer than 255 characters'),
  sizeBytes: z
    .number()
    .int()
    .positive('The file is empty')
    .superRefine((bytes, ctx) => {
      // the limit is read when the request comes (ORDERMYS_MAX_UPLOAD_BYTES), not when this loads
      const problem = uploadSizeProblem(bytes)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    }),
  /** the file's first bytes (at most DUMP_HEAD_BYTES), base64: a non-dump is refused before a run exists */
  head: z
    .base64()
    .max(Math.ceil(DUMP_HEAD_BYTES / 3) * 4, 'The head of the file is longer than 64 KiB')
    .optional(),
})
export type StartUploadInput = z.infer<typeof startUploadInput>
