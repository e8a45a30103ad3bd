-- CreateTable
CREATE TABLE "migration_runs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "file_name" TEXT NOT NULL,
    "size_bytes" BIGINT,
    "sha256" TEXT,
    "uploaded_by" TEXT,
    "status" TEXT NOT NULL DEFAULT 'created',
    "progress_bytes" BIGINT NOT NULL DEFAULT 0,
    "error_code" TEXT,
    "error_message" TEXT,
    "staging_schema" TEXT,
    "drift_report" JSONB,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(6),
    "finished_at" TIMESTAMPTZ(6),

    CONSTRAINT "migration_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "migration_run_tables" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "run_id" UUID NOT NULL,
    "legacy_table" TEXT NOT NULL,
    "target_table" TEXT,
    "state" TEXT NOT NULL DEFAULT 'staged',
    "rows_staged" INTEGER NOT NULL DEFAULT 0,
    "ids_ascending" BOOLEAN NOT NULL DEFAULT false,
    "counts_by_rule" JSONB NOT NULL DEFAULT '{}',
    "warning_count" INTEGER NOT NULL DEFAULT 0,
    "error_count" INTEGER NOT NULL DEFAULT 0,
    "rows_imported" INTEGER NOT NULL DEFAULT 0,
    "rows_rejected" INTEGER NOT NULL DEFAULT 0,
    "last_committed_batch" INTEGER,
    "resume_cursor" JSONB,
    "timings" JSONB NOT NULL DEFAULT '{}',
    "error_code" TEXT,
    "error_message" TEXT,
    "started_at" TIMESTAMPTZ(6),
    "finished_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "migration_run_tables_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "migration_row_issues" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "legacy_table" TEXT NOT NULL,
    "legacy_id" INTEGER,
    "row_number" INTEGER,
    "column_name" TEXT,
    "severity" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "source_value" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "migration_row_issues_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "migration_events" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID,
    "legacy_table" TEXT,
    "type" TEXT NOT NULL,
    "actor" TEXT,
    "data" JSONB,
    "ip_address" TEXT,
    "user_agent" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "migration_events_pkey" PRIMARY KEY ("id")
);

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

-- CreateTable
CREATE TABLE "migration_target_tables" (
    "table_name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT,

    CONSTRAINT "migration_target_tables_pkey" PRIMARY KEY ("table_name")
);

-- CreateTable
CREATE TABLE "operator_accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabled_at" TIMESTAMPTZ(6),

    CONSTRAINT "operator_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "operator_sessions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "token_hash" TEXT NOT NULL,
    "account_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "ip_address" TEXT,
    "user_agent" TEXT,

    CONSTRAINT "operator_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_attempts" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ip_address" TEXT,
    "succeeded" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "migration_runs_staging_schema_key" ON "migration_runs"("staging_schema");

-- CreateIndex
CREATE INDEX "migration_runs_created_at_idx" ON "migration_runs"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "migration_run_tables_run_id_legacy_table_key" ON "migration_run_tables"("run_id", "legacy_table");

-- CreateIndex
CREATE INDEX "migration_row_issues_run_id_legacy_table_id_idx" ON "migration_row_issues"("run_id", "legacy_table", "id");

-- CreateIndex
CREATE INDEX "migration_row_issues_run_id_legacy_table_severity_id_idx" ON "migration_row_issues"("run_id", "legacy_table", "severity", "id");

-- CreateIndex
CREATE INDEX "migration_row_issues_run_id_legacy_table_code_id_idx" ON "migration_row_issues"("run_id", "legacy_table", "code", "id");

-- CreateIndex
CREATE INDEX "migration_row_issues_run_id_legacy_table_column_name_id_idx" ON "migration_row_issues"("run_id", "legacy_table", "column_name", "id");

-- CreateIndex
CREATE INDEX "migration_row_issues_run_id_legacy_table_legacy_id_idx" ON "migration_row_issues"("run_id", "legacy_table", "legacy_id");

-- CreateIndex
CREATE INDEX "migration_row_issues_run_id_legacy_table_row_number_idx" ON "migration_row_issues"("run_id", "legacy_table", "row_number");

-- CreateIndex
CREATE INDEX "migration_events_run_id_created_at_idx" ON "migration_events"("run_id", "created_at");

-- CreateIndex
CREATE INDEX "migration_events_created_at_idx" ON "migration_events"("created_at");

-- CreateIndex
CREATE INDEX "migration_events_type_created_at_idx" ON "migration_events"("type", "created_at");

-- CreateIndex
CREATE INDEX "migration_reconciliations_run_id_created_at_idx" ON "migration_reconciliations"("run_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "operator_accounts_email_key" ON "operator_accounts"("email");

-- CreateIndex
CREATE UNIQUE INDEX "operator_sessions_token_hash_key" ON "operator_sessions"("token_hash");

-- CreateIndex
CREATE INDEX "operator_sessions_account_id_idx" ON "operator_sessions"("account_id");

-- CreateIndex
CREATE INDEX "operator_sessions_expires_at_idx" ON "operator_sessions"("expires_at");

-- CreateIndex
CREATE INDEX "login_attempts_email_created_at_idx" ON "login_attempts"("email", "created_at");

-- CreateIndex
CREATE INDEX "login_attempts_ip_address_created_at_idx" ON "login_attempts"("ip_address", "created_at");

-- CreateIndex
CREATE INDEX "login_attempts_created_at_idx" ON "login_attempts"("created_at");

-- AddForeignKey
ALTER TABLE "migration_run_tables" ADD CONSTRAINT "migration_run_tables_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "migration_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "migration_row_issues" ADD CONSTRAINT "migration_row_issues_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "migration_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "migration_events" ADD CONSTRAINT "migration_events_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "migration_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "migration_reconciliations" ADD CONSTRAINT "migration_reconciliations_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "migration_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operator_sessions" ADD CONSTRAINT "operator_sessions_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "operator_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
