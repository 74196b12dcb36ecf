-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "failure_locks" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "locked_until" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "session" ADD COLUMN     "failures_to_tell" INTEGER;

-- Until now only failures set locked_at; from here on it means a lock by an administrator's hand.
-- Existing failure locks become time-limited ones that run out 15 minutes after they began.
UPDATE "app_user"
SET "locked_until" = "locked_at" + INTERVAL '15 minutes', "failure_locks" = 1, "locked_at" = NULL
WHERE "locked_at" IS NOT NULL;
