-- AlterTable
ALTER TABLE "users" ALTER COLUMN "password_hash" DROP NOT NULL,
ALTER COLUMN "password_algo" DROP NOT NULL;

-- CreateTable
CREATE TABLE "migration_reconciliations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "run_id" UUID NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "report" JSONB NOT NULL,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "migration_reconciliations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "migration_reconciliations_run_id_created_at_idx" ON "migration_reconciliations"("run_id", "created_at");

-- CreateIndex
CREATE INDEX "migration_row_issues_run_id_legacy_table_row_number_idx" ON "migration_row_issues"("run_id", "legacy_table", "row_number");

-- AddForeignKey
ALTER TABLE "migration_reconciliations" ADD CONSTRAINT "migration_reconciliations_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "migration_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
