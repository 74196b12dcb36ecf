-- CreateEnum
CREATE TYPE "ChangeRequestKind" AS ENUM ('PROSECUTION_STATUS', 'CASE_STATUS');

-- CreateEnum
CREATE TYPE "ChangeRequestState" AS ENUM ('PENDING', 'CONFIRMED', 'REJECTED', 'WITHDRAWN', 'SUPERSEDED');

-- CreateTable
CREATE TABLE "change_request" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "kind" "ChangeRequestKind" NOT NULL,
    "payload" JSONB NOT NULL,
    "base_version" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "requested_by_id" UUID NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "suggested_confirmer_id" UUID,
    "state" "ChangeRequestState" NOT NULL DEFAULT 'PENDING',
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "decision_comment" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "change_request_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "change_request_person_id_state_idx" ON "change_request"("person_id", "state");

-- CreateIndex
CREATE INDEX "change_request_state_requested_at_idx" ON "change_request"("state", "requested_at");

-- AddForeignKey
ALTER TABLE "change_request" ADD CONSTRAINT "change_request_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_request" ADD CONSTRAINT "change_request_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_request" ADD CONSTRAINT "change_request_suggested_confirmer_id_fkey" FOREIGN KEY ("suggested_confirmer_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_request" ADD CONSTRAINT "change_request_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Added by hand (the schema cannot express these).
-- Four eyes held by the database, not only the app: a request is confirmed or rejected by
-- someone other than its requester, and withdrawn only by its requester.
ALTER TABLE "change_request" ADD CONSTRAINT "change_request_decided_by_another"
  CHECK ("state" NOT IN ('CONFIRMED', 'REJECTED') OR ("decided_by_id" IS NOT NULL AND "decided_by_id" <> "requested_by_id"));
ALTER TABLE "change_request" ADD CONSTRAINT "change_request_withdrawn_by_requester"
  CHECK ("state" <> 'WITHDRAWN' OR "decided_by_id" = "requested_by_id");
-- A pending request has no decision yet; every other state has its moment.
ALTER TABLE "change_request" ADD CONSTRAINT "change_request_decided_when_not_pending"
  CHECK (("state" = 'PENDING') = ("decided_at" IS NULL));

-- At most one pending request per case and kind: two held changes of one status would each be
-- confirmed against the same version, and only the first could ever apply.
CREATE UNIQUE INDEX "change_request_one_pending" ON "change_request"("person_id", "kind") WHERE "state" = 'PENDING';
