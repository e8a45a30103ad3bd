-- AlterTable
ALTER TABLE "migration_row_issues" ADD COLUMN     "decision_id" UUID;

-- AlterTable
ALTER TABLE "migration_run_tables" ADD COLUMN     "decided_since_import" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "import_time" TIMESTAMPTZ(6);

-- CreateTable
CREATE TABLE "migration_decisions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "run_id" UUID NOT NULL,
    "legacy_table" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "legacy_id" INTEGER,
    "row_number" INTEGER,
    "rule" TEXT,
    "target_column" TEXT,
    "value" JSONB,
    "reason" TEXT,
    "source_fingerprint" TEXT,
    "effect" JSONB,
    "rows" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'active',
    "stale_reason" TEXT,
    "taken_from" UUID,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undone_by" TEXT,
    "undone_at" TIMESTAMPTZ(6),

    CONSTRAINT "migration_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "migration_decisions_run_id_legacy_table_status_idx" ON "migration_decisions"("run_id", "legacy_table", "status");

-- CreateIndex
CREATE INDEX "migration_decisions_run_id_created_at_idx" ON "migration_decisions"("run_id", "created_at");

-- AddForeignKey
ALTER TABLE "migration_decisions" ADD CONSTRAINT "migration_decisions_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "migration_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
