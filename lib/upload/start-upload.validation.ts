import { z } from 'zod'

/** The largest dump accepted (the production dump is ~355 MB; room for years of growth). */
export const MAX_UPLOAD_BYTES = 20 * 1024 ** 3

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
    .max(MAX_UPLOAD_BYTES, 'The file is larger than 20 GB'),
})
export type StartUploadInput = z.infer<typeof startUploadInput>
