-- AlterEnum
ALTER TYPE "ChangeRequestKind" ADD VALUE 'TRANSFER';

-- AlterEnum
ALTER TYPE "EnrollmentStatus" ADD VALUE 'TRANSFERRED';

-- AlterTable
ALTER TABLE "change_request" ADD COLUMN     "group_id" UUID,
ADD COLUMN     "to_region_id" UUID;

-- CreateIndex
CREATE INDEX "change_request_to_region_id_state_idx" ON "change_request"("to_region_id", "state");

-- CreateIndex
CREATE INDEX "change_request_group_id_idx" ON "change_request"("group_id");

-- AddForeignKey
ALTER TABLE "change_request" ADD CONSTRAINT "change_request_to_region_id_fkey" FOREIGN KEY ("to_region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Added by hand (the schema cannot express it). A transfer, and only a transfer, names the
-- receiving region and the group of household members moving together (docs/decisions/020).
-- Compared as text: a value added to an enum cannot be used in the transaction that adds it.
ALTER TABLE "change_request" ADD CONSTRAINT "change_request_transfer_has_destination"
  CHECK ((("kind"::text = 'TRANSFER') = ("to_region_id" IS NOT NULL)) AND (("to_region_id" IS NULL) = ("group_id" IS NULL)));
