-- CreateIndex
CREATE INDEX "person_birth_date_idx" ON "person"("birth_date");
