-- AlterTable
ALTER TABLE "migration_run_tables" ADD COLUMN     "ids_ascending" BOOLEAN NOT NULL DEFAULT false;
