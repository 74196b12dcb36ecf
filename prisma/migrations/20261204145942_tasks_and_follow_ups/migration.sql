-- CreateEnum
CREATE TYPE "FollowUpOutcome" AS ENUM ('STABLE', 'NEEDS_SUPPORT', 'REFERRED_AGAIN', 'NOT_REACHED', 'CONCERN_RAISED');

-- CreateEnum
CREATE TYPE "TaskState" AS ENUM ('OPEN', 'DONE', 'NO_LONGER_NEEDED');

-- CreateTable
CREATE TABLE "follow_up" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "enrollment_id" UUID NOT NULL,
    "after_months" INTEGER NOT NULL,
    "followed_up_on" DATE NOT NULL,
    "outcome" "FollowUpOutcome" NOT NULL,
    "note" TEXT NOT NULL,
    "recorded_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "follow_up_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "due_key" TEXT NOT NULL,
    "due_on" DATE NOT NULL,
    "responsible_id" UUID,
    "state" "TaskState" NOT NULL DEFAULT 'OPEN',
    "closed_by" TEXT,
    "closed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "task_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "follow_up_person_id_idx" ON "follow_up"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "follow_up_enrollment_id_after_months_key" ON "follow_up"("enrollment_id", "after_months");

-- CreateIndex
CREATE INDEX "task_responsible_id_state_due_on_idx" ON "task"("responsible_id", "state", "due_on");

-- CreateIndex
CREATE INDEX "task_state_due_on_idx" ON "task"("state", "due_on");

-- CreateIndex
CREATE UNIQUE INDEX "task_person_id_due_key_key" ON "task"("person_id", "due_key");

-- AddForeignKey
ALTER TABLE "follow_up" ADD CONSTRAINT "follow_up_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_up" ADD CONSTRAINT "follow_up_enrollment_id_fkey" FOREIGN KEY ("enrollment_id") REFERENCES "enrollment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_up" ADD CONSTRAINT "follow_up_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_responsible_id_fkey" FOREIGN KEY ("responsible_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Written by hand: an open task has no closing; a closed one says what closed it and when.
ALTER TABLE "task" ADD CONSTRAINT "task_closing_check" CHECK (("state" = 'OPEN') = ("closed_by" IS NULL AND "closed_at" IS NULL));
ALTER TABLE "follow_up" ADD CONSTRAINT "follow_up_after_months_check" CHECK ("after_months" BETWEEN 1 AND 60);
