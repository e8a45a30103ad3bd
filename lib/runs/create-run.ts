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
      // Only the base name is kept: an uploaded name is a label, never a path.
      fileName: fileName.split(/[\\/]/).pop() || 'dump.sql',
      sizeBytes: sizeBytes == null ? null : BigInt(sizeBytes),
      uploadedBy: uploadedBy ?? null,
      status: 'created',
    },
    select: { id: true },
  })
}
