-- DropIndex
DROP INDEX "person_return_date_idx";

-- CreateIndex
CREATE INDEX "person_region_id_case_number_idx" ON "person"("region_id", "case_number");

-- CreateIndex
CREATE INDEX "person_return_date_case_number_idx" ON "person"("return_date" DESC, "case_number");

-- CreateIndex
CREATE INDEX "person_family_name_latin_given_name_latin_id_idx" ON "person"("family_name_latin", "given_name_latin", "id");

-- CreateIndex
CREATE INDEX "person_region_id_return_date_case_number_idx" ON "person"("region_id", "return_date" DESC, "case_number");

-- CreateIndex
CREATE INDEX "person_region_id_family_name_latin_given_name_latin_id_idx" ON "person"("region_id", "family_name_latin", "given_name_latin", "id");
