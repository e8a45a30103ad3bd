-- CreateTable
CREATE TABLE "roles" (
    "id" UUID NOT NULL,
    "legacy_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "code" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "roles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "legacy_id" INTEGER NOT NULL,
    "username" TEXT NOT NULL,
    "email" TEXT,
    "role_id" UUID,
    "legacy_role_id" INTEGER,
    "password_hash" TEXT NOT NULL,
    "password_algo" TEXT NOT NULL,
    "must_reset_password" BOOLEAN NOT NULL DEFAULT false,
    "last_login_at" TIMESTAMPTZ(6),
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "suppliers" (
    "id" UUID NOT NULL,
    "legacy_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "region" TEXT,
    "email" TEXT,
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suppliers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "supplier_employees" (
    "id" UUID NOT NULL,
    "legacy_id" INTEGER NOT NULL,
    "supplier_id" UUID,
    "legacy_supplier_id" INTEGER,
    "user_id" UUID,
    "legacy_user_id" INTEGER,
    "name" TEXT NOT NULL,
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "supplier_employees_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fitters" (
    "id" UUID NOT NULL,
    "legacy_id" INTEGER NOT NULL,
    "user_id" UUID,
    "legacy_user_id" INTEGER,
    "name" TEXT NOT NULL,
    "address" TEXT,
    "city" TEXT,
    "state" TEXT,
    "zipcode" TEXT,
    "country" TEXT,
    "phone" TEXT,
    "cellphone" TEXT,
    "email" TEXT,
    "currency" TEXT,
    "region" TEXT,
    "specializations" JSONB NOT NULL DEFAULT '[]',
    "certifications" JSONB NOT NULL DEFAULT '[]',
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fitters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customers" (
    "id" UUID NOT NULL,
    "legacy_id" INTEGER NOT NULL,
    "fitter_id" UUID,
    "legacy_fitter_id" INTEGER,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "address" TEXT,
    "city" TEXT,
    "state" TEXT,
    "zipcode" TEXT,
    "country" TEXT,
    "phone" TEXT,
    "cellphone" TEXT,
    "horse_name" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "brands" (
    "id" UUID NOT NULL,
    "legacy_id" INTEGER NOT NULL,
    "brand_name" TEXT NOT NULL,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "brands_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "models" (
    "id" UUID NOT NULL,
    "legacy_id" INTEGER NOT NULL,
    "brand_id" UUID,
    "legacy_brand_id" INTEGER,
    "model_name" TEXT NOT NULL,
    "type" TEXT,
    "factory_assignments" JSONB NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "models_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "leather_types" (
    "id" UUID NOT NULL,
    "legacy_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "leather_types_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "products" (
    "id" UUID NOT NULL,
    "legacy_id" INTEGER NOT NULL,
    "model_id" UUID,
    "legacy_model_id" INTEGER,
    "leather_type_id" UUID,
    "legacy_leather_type_id" INTEGER,
    "price" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "products_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "options" (
    "id" UUID NOT NULL,
    "legacy_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "options_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "option_items" (
    "id" UUID NOT NULL,
    "legacy_id" INTEGER NOT NULL,
    "option_id" UUID,
    "legacy_option_id" INTEGER,
    "name" TEXT NOT NULL,
    "price" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "option_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_option_items" (
    "id" UUID NOT NULL,
    "legacy_id" INTEGER NOT NULL,
    "model_id" UUID,
    "legacy_model_id" INTEGER,
    "option_id" UUID,
    "legacy_option_id" INTEGER,
    "option_item_id" UUID,
    "legacy_option_item_id" INTEGER,
    "price" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_option_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "presets" (
    "id" UUID NOT NULL,
    "legacy_id" INTEGER NOT NULL,
    "model_id" UUID,
    "legacy_model_id" INTEGER,
    "name" TEXT NOT NULL,
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "presets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "preset_items" (
    "id" UUID NOT NULL,
    "legacy_id" INTEGER NOT NULL,
    "preset_id" UUID,
    "legacy_preset_id" INTEGER,
    "option_id" UUID,
    "legacy_option_id" INTEGER,
    "option_item_id" UUID,
    "legacy_option_item_id" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "preset_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_statuses" (
    "id" UUID NOT NULL,
    "legacy_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_statuses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "orders" (
    "id" UUID NOT NULL,
    "legacy_id" INTEGER NOT NULL,
    "order_number" TEXT NOT NULL,
    "customer_id" UUID,
    "legacy_customer_id" INTEGER,
    "fitter_id" UUID,
    "legacy_fitter_id" INTEGER,
    "model_id" UUID,
    "legacy_saddle_id" INTEGER,
    "leather_type_id" UUID,
    "legacy_leather_id" INTEGER,
    "supplier_id" UUID,
    "legacy_factory_id" INTEGER,
    "status_id" UUID,
    "legacy_status_id" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "saddle_specifications" JSONB,
    "legacy_order_data" TEXT,
    "special_instructions" TEXT,
    "serial_number" TEXT,
    "currency" TEXT,
    "price_saddle" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "price_options" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "price_shipping" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "total_amount" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "deposit_paid" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "balance_owing" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "is_urgent" BOOLEAN NOT NULL DEFAULT false,
    "deleted_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_lines" (
    "id" UUID NOT NULL,
    "legacy_id" INTEGER NOT NULL,
    "order_id" UUID,
    "legacy_order_id" INTEGER,
    "option_id" UUID,
    "legacy_option_id" INTEGER,
    "option_item_id" UUID,
    "legacy_option_item_id" INTEGER,
    "description" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "price" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "client_confirmations" (
    "id" UUID NOT NULL,
    "legacy_id" INTEGER NOT NULL,
    "order_id" UUID,
    "legacy_order_id" INTEGER,
    "token" TEXT NOT NULL,
    "confirmed" BOOLEAN NOT NULL DEFAULT false,
    "confirmed_at" TIMESTAMPTZ(6),
    "ip" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "client_confirmations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "db_change_logs" (
    "id" UUID NOT NULL,
    "legacy_id" INTEGER NOT NULL,
    "user_id" UUID,
    "legacy_user_id" INTEGER,
    "occurred_at" TIMESTAMPTZ(6),
    "table_name" TEXT NOT NULL,
    "record_id" INTEGER,
    "operation" TEXT NOT NULL,
    "query" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "db_change_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "activity_logs" (
    "id" UUID NOT NULL,
    "legacy_id" INTEGER NOT NULL,
    "user_id" UUID,
    "legacy_user_id" INTEGER,
    "occurred_at" TIMESTAMPTZ(6),
    "action" TEXT NOT NULL,
    "details" TEXT,
    "ip" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "activity_logs_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE UNIQUE INDEX "roles_legacy_id_key" ON "roles"("legacy_id");

-- CreateIndex
CREATE UNIQUE INDEX "users_legacy_id_key" ON "users"("legacy_id");

-- CreateIndex
CREATE INDEX "users_role_id_idx" ON "users"("role_id");

-- CreateIndex
CREATE INDEX "users_legacy_role_id_idx" ON "users"("legacy_role_id");

-- CreateIndex
CREATE INDEX "users_username_idx" ON "users"("username");

-- CreateIndex
CREATE UNIQUE INDEX "suppliers_legacy_id_key" ON "suppliers"("legacy_id");

-- CreateIndex
CREATE UNIQUE INDEX "supplier_employees_legacy_id_key" ON "supplier_employees"("legacy_id");

-- CreateIndex
CREATE INDEX "supplier_employees_supplier_id_idx" ON "supplier_employees"("supplier_id");

-- CreateIndex
CREATE INDEX "supplier_employees_legacy_supplier_id_idx" ON "supplier_employees"("legacy_supplier_id");

-- CreateIndex
CREATE INDEX "supplier_employees_user_id_idx" ON "supplier_employees"("user_id");

-- CreateIndex
CREATE INDEX "supplier_employees_legacy_user_id_idx" ON "supplier_employees"("legacy_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "fitters_legacy_id_key" ON "fitters"("legacy_id");

-- CreateIndex
CREATE INDEX "fitters_user_id_idx" ON "fitters"("user_id");

-- CreateIndex
CREATE INDEX "fitters_legacy_user_id_idx" ON "fitters"("legacy_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "customers_legacy_id_key" ON "customers"("legacy_id");

-- CreateIndex
CREATE INDEX "customers_fitter_id_idx" ON "customers"("fitter_id");

-- CreateIndex
CREATE INDEX "customers_legacy_fitter_id_idx" ON "customers"("legacy_fitter_id");

-- CreateIndex
CREATE INDEX "customers_email_idx" ON "customers"("email");

-- CreateIndex
CREATE UNIQUE INDEX "brands_legacy_id_key" ON "brands"("legacy_id");

-- CreateIndex
CREATE UNIQUE INDEX "models_legacy_id_key" ON "models"("legacy_id");

-- CreateIndex
CREATE INDEX "models_brand_id_idx" ON "models"("brand_id");

-- CreateIndex
CREATE INDEX "models_legacy_brand_id_idx" ON "models"("legacy_brand_id");

-- CreateIndex
CREATE UNIQUE INDEX "leather_types_legacy_id_key" ON "leather_types"("legacy_id");

-- CreateIndex
CREATE UNIQUE INDEX "products_legacy_id_key" ON "products"("legacy_id");

-- CreateIndex
CREATE INDEX "products_model_id_idx" ON "products"("model_id");

-- CreateIndex
CREATE INDEX "products_legacy_model_id_idx" ON "products"("legacy_model_id");

-- CreateIndex
CREATE INDEX "products_leather_type_id_idx" ON "products"("leather_type_id");

-- CreateIndex
CREATE INDEX "products_legacy_leather_type_id_idx" ON "products"("legacy_leather_type_id");

-- CreateIndex
CREATE UNIQUE INDEX "options_legacy_id_key" ON "options"("legacy_id");

-- CreateIndex
CREATE UNIQUE INDEX "option_items_legacy_id_key" ON "option_items"("legacy_id");

-- CreateIndex
CREATE INDEX "option_items_option_id_idx" ON "option_items"("option_id");

-- CreateIndex
CREATE INDEX "option_items_legacy_option_id_idx" ON "option_items"("legacy_option_id");

-- CreateIndex
CREATE UNIQUE INDEX "model_option_items_legacy_id_key" ON "model_option_items"("legacy_id");

-- CreateIndex
CREATE INDEX "model_option_items_model_id_idx" ON "model_option_items"("model_id");

-- CreateIndex
CREATE INDEX "model_option_items_legacy_model_id_idx" ON "model_option_items"("legacy_model_id");

-- CreateIndex
CREATE INDEX "model_option_items_option_id_idx" ON "model_option_items"("option_id");

-- CreateIndex
CREATE INDEX "model_option_items_legacy_option_id_idx" ON "model_option_items"("legacy_option_id");

-- CreateIndex
CREATE INDEX "model_option_items_option_item_id_idx" ON "model_option_items"("option_item_id");

-- CreateIndex
CREATE INDEX "model_option_items_legacy_option_item_id_idx" ON "model_option_items"("legacy_option_item_id");

-- CreateIndex
CREATE UNIQUE INDEX "presets_legacy_id_key" ON "presets"("legacy_id");

-- CreateIndex
CREATE INDEX "presets_model_id_idx" ON "presets"("model_id");

-- CreateIndex
CREATE INDEX "presets_legacy_model_id_idx" ON "presets"("legacy_model_id");

-- CreateIndex
CREATE UNIQUE INDEX "preset_items_legacy_id_key" ON "preset_items"("legacy_id");

-- CreateIndex
CREATE INDEX "preset_items_preset_id_idx" ON "preset_items"("preset_id");

-- CreateIndex
CREATE INDEX "preset_items_legacy_preset_id_idx" ON "preset_items"("legacy_preset_id");

-- CreateIndex
CREATE INDEX "preset_items_option_id_idx" ON "preset_items"("option_id");

-- CreateIndex
CREATE INDEX "preset_items_legacy_option_id_idx" ON "preset_items"("legacy_option_id");

-- CreateIndex
CREATE INDEX "preset_items_option_item_id_idx" ON "preset_items"("option_item_id");

-- CreateIndex
CREATE INDEX "preset_items_legacy_option_item_id_idx" ON "preset_items"("legacy_option_item_id");

-- CreateIndex
CREATE UNIQUE INDEX "order_statuses_legacy_id_key" ON "order_statuses"("legacy_id");

-- CreateIndex
CREATE UNIQUE INDEX "orders_legacy_id_key" ON "orders"("legacy_id");

-- CreateIndex
CREATE UNIQUE INDEX "orders_order_number_key" ON "orders"("order_number");

-- CreateIndex
CREATE INDEX "orders_customer_id_idx" ON "orders"("customer_id");

-- CreateIndex
CREATE INDEX "orders_legacy_customer_id_idx" ON "orders"("legacy_customer_id");

-- CreateIndex
CREATE INDEX "orders_fitter_id_idx" ON "orders"("fitter_id");

-- CreateIndex
CREATE INDEX "orders_legacy_fitter_id_idx" ON "orders"("legacy_fitter_id");

-- CreateIndex
CREATE INDEX "orders_model_id_idx" ON "orders"("model_id");

-- CreateIndex
CREATE INDEX "orders_legacy_saddle_id_idx" ON "orders"("legacy_saddle_id");

-- CreateIndex
CREATE INDEX "orders_leather_type_id_idx" ON "orders"("leather_type_id");

-- CreateIndex
CREATE INDEX "orders_legacy_leather_id_idx" ON "orders"("legacy_leather_id");

-- CreateIndex
CREATE INDEX "orders_supplier_id_idx" ON "orders"("supplier_id");

-- CreateIndex
CREATE INDEX "orders_legacy_factory_id_idx" ON "orders"("legacy_factory_id");

-- CreateIndex
CREATE INDEX "orders_status_id_idx" ON "orders"("status_id");

-- CreateIndex
CREATE INDEX "orders_legacy_status_id_idx" ON "orders"("legacy_status_id");

-- CreateIndex
CREATE INDEX "orders_status_idx" ON "orders"("status");

-- CreateIndex
CREATE INDEX "orders_created_at_idx" ON "orders"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "order_lines_legacy_id_key" ON "order_lines"("legacy_id");

-- CreateIndex
CREATE INDEX "order_lines_order_id_idx" ON "order_lines"("order_id");

-- CreateIndex
CREATE INDEX "order_lines_legacy_order_id_idx" ON "order_lines"("legacy_order_id");

-- CreateIndex
CREATE INDEX "order_lines_option_id_idx" ON "order_lines"("option_id");

-- CreateIndex
CREATE INDEX "order_lines_legacy_option_id_idx" ON "order_lines"("legacy_option_id");

-- CreateIndex
CREATE INDEX "order_lines_option_item_id_idx" ON "order_lines"("option_item_id");

-- CreateIndex
CREATE INDEX "order_lines_legacy_option_item_id_idx" ON "order_lines"("legacy_option_item_id");

-- CreateIndex
CREATE UNIQUE INDEX "client_confirmations_legacy_id_key" ON "client_confirmations"("legacy_id");

-- CreateIndex
CREATE INDEX "client_confirmations_order_id_idx" ON "client_confirmations"("order_id");

-- CreateIndex
CREATE INDEX "client_confirmations_legacy_order_id_idx" ON "client_confirmations"("legacy_order_id");

-- CreateIndex
CREATE INDEX "client_confirmations_token_idx" ON "client_confirmations"("token");

-- CreateIndex
CREATE UNIQUE INDEX "db_change_logs_legacy_id_key" ON "db_change_logs"("legacy_id");

-- CreateIndex
CREATE INDEX "db_change_logs_user_id_idx" ON "db_change_logs"("user_id");

-- CreateIndex
CREATE INDEX "db_change_logs_legacy_user_id_idx" ON "db_change_logs"("legacy_user_id");

-- CreateIndex
CREATE INDEX "db_change_logs_occurred_at_idx" ON "db_change_logs"("occurred_at");

-- CreateIndex
CREATE INDEX "db_change_logs_table_name_record_id_idx" ON "db_change_logs"("table_name", "record_id");

-- CreateIndex
CREATE UNIQUE INDEX "activity_logs_legacy_id_key" ON "activity_logs"("legacy_id");

-- CreateIndex
CREATE INDEX "activity_logs_user_id_idx" ON "activity_logs"("user_id");

-- CreateIndex
CREATE INDEX "activity_logs_legacy_user_id_idx" ON "activity_logs"("legacy_user_id");

-- CreateIndex
CREATE INDEX "activity_logs_occurred_at_idx" ON "activity_logs"("occurred_at");

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
CREATE INDEX "migration_events_run_id_created_at_idx" ON "migration_events"("run_id", "created_at");

-- CreateIndex
CREATE INDEX "migration_events_created_at_idx" ON "migration_events"("created_at");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supplier_employees" ADD CONSTRAINT "supplier_employees_supplier_id_fkey" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "supplier_employees" ADD CONSTRAINT "supplier_employees_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fitters" ADD CONSTRAINT "fitters_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customers" ADD CONSTRAINT "customers_fitter_id_fkey" FOREIGN KEY ("fitter_id") REFERENCES "fitters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "models" ADD CONSTRAINT "models_brand_id_fkey" FOREIGN KEY ("brand_id") REFERENCES "brands"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "products" ADD CONSTRAINT "products_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "products" ADD CONSTRAINT "products_leather_type_id_fkey" FOREIGN KEY ("leather_type_id") REFERENCES "leather_types"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "option_items" ADD CONSTRAINT "option_items_option_id_fkey" FOREIGN KEY ("option_id") REFERENCES "options"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_option_items" ADD CONSTRAINT "model_option_items_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_option_items" ADD CONSTRAINT "model_option_items_option_id_fkey" FOREIGN KEY ("option_id") REFERENCES "options"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_option_items" ADD CONSTRAINT "model_option_items_option_item_id_fkey" FOREIGN KEY ("option_item_id") REFERENCES "option_items"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "presets" ADD CONSTRAINT "presets_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "preset_items" ADD CONSTRAINT "preset_items_preset_id_fkey" FOREIGN KEY ("preset_id") REFERENCES "presets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "preset_items" ADD CONSTRAINT "preset_items_option_id_fkey" FOREIGN KEY ("option_id") REFERENCES "options"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "preset_items" ADD CONSTRAINT "preset_items_option_item_id_fkey" FOREIGN KEY ("option_item_id") REFERENCES "option_items"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_fitter_id_fkey" FOREIGN KEY ("fitter_id") REFERENCES "fitters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_leather_type_id_fkey" FOREIGN KEY ("leather_type_id") REFERENCES "leather_types"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_supplier_id_fkey" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_status_id_fkey" FOREIGN KEY ("status_id") REFERENCES "order_statuses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_option_id_fkey" FOREIGN KEY ("option_id") REFERENCES "options"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_option_item_id_fkey" FOREIGN KEY ("option_item_id") REFERENCES "option_items"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_confirmations" ADD CONSTRAINT "client_confirmations_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "db_change_logs" ADD CONSTRAINT "db_change_logs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activity_logs" ADD CONSTRAINT "activity_logs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "migration_run_tables" ADD CONSTRAINT "migration_run_tables_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "migration_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "migration_row_issues" ADD CONSTRAINT "migration_row_issues_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "migration_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "migration_events" ADD CONSTRAINT "migration_events_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "migration_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;
