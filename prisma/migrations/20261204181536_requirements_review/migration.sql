-- CreateTable
CREATE TABLE "requirements_review" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "reviewed_on" DATE NOT NULL,
    "age_category" "AgeCategory" NOT NULL,
    "note" TEXT NOT NULL,
    "reviewed_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "requirements_review_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "requirements_review_person_id_reviewed_on_idx" ON "requirements_review"("person_id", "reviewed_on");

-- AddForeignKey
ALTER TABLE "requirements_review" ADD CONSTRAINT "requirements_review_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requirements_review" ADD CONSTRAINT "requirements_review_reviewed_by_id_fkey" FOREIGN KEY ("reviewed_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand: the category reviewed is the adult one a person comes to at 18, never a minor's.
ALTER TABLE "requirements_review" ADD CONSTRAINT "requirements_review_age_category_check" CHECK ("age_category" <> 'MINOR');
