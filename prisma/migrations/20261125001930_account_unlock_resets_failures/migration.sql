-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "failures_reset_at" TIMESTAMPTZ(3);
