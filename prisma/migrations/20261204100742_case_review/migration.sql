-- CreateTable
CREATE TABLE "case_review" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "reviewed_on" DATE NOT NULL,
    "risk_level" "RiskLevel" NOT NULL,
    "note" TEXT NOT NULL,
    "reviewed_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_review_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "case_review_person_id_reviewed_on_idx" ON "case_review"("person_id", "reviewed_on");

-- AddForeignKey
ALTER TABLE "case_review" ADD CONSTRAINT "case_review_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_review" ADD CONSTRAINT "case_review_reviewed_by_id_fkey" FOREIGN KEY ("reviewed_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
