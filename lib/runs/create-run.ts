import type { DatabaseClients } from '@/lib/db/prisma'

export interface CreateRunOptions {
  db: DatabaseClients
  fileName: string
  sizeBytes?: number | null
  uploadedBy?: string | null
}

/** A new migration run for one dump; staging fills it (lib/staging/stage-run.ts). */
export async function createRun({ db, fileName, sizeBytes, uploadedBy }: CreateRunOptions): Promise<{ id: string }> {
  return db.prisma.migrationRun.create({
    data: {
      fileName: runLabel(fileName),
      sizeBytes: sizeBytes == null ? null : BigInt(sizeBytes),
      uploadedBy: uploadedBy ?? null,
      status: 'created',
    },
    select: { id: true },
  })
}

/** The longest label kept, in characters (a browser sends names of any length). */
export const MAX_LABEL_CHARS = 255

/**
 * An uploaded name as the run's label: only a label, never a path (the stored file is named by the
 * run id, lib/upload/upload-paths.ts). Its base name, without control characters (PostgreSQL text
 * cannot hold NUL; a newline or an escape has no business in a list of runs), at most 255
 * characters; "dump.sql" when nothing is left.
 */
export function runLabel(fileName: string): string {
  const base = (fileName.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim()
  return [...base].slice(0, MAX_LABEL_CHARS).join('') || 'dump.sql'
}
