-- CreateEnum
CREATE TYPE "ImportBatchState" AS ENUM ('PREVIEWED', 'COMMITTING', 'COMMITTED');

-- CreateEnum
CREATE TYPE "ImportRowOutcome" AS ENUM ('CREATED', 'LINKED', 'SKIPPED', 'ALREADY_IMPORTED', 'ERROR');

-- CreateTable
CREATE TABLE "import_batch" (
    "id" UUID NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "file_name" TEXT NOT NULL,
    "file_sha256" TEXT NOT NULL,
    "file_size" INTEGER NOT NULL,
    "file_bytes" BYTEA NOT NULL,
    "sheet" TEXT NOT NULL,
    "columns" JSONB NOT NULL,
    "mapping" JSONB,
    "region_ids" UUID[],
    "preview" JSONB NOT NULL,
    "state" "ImportBatchState" NOT NULL DEFAULT 'PREVIEWED',
    "decisions" JSONB,
    "alias_type" "AliasType",
    "reason" TEXT,
    "committed_at" TIMESTAMPTZ(3),
    "rows" INTEGER NOT NULL,
    "created" INTEGER NOT NULL DEFAULT 0,
    "linked" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "already_imported" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "import_batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_row" (
    "id" UUID NOT NULL,
    "batch_id" UUID NOT NULL,
    "file_sha256" TEXT NOT NULL,
    "sheet" TEXT NOT NULL,
    "row_number" INTEGER NOT NULL,
    "outcome" "ImportRowOutcome" NOT NULL,
    "person_id" UUID,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "import_row_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "import_batch_created_at_idx" ON "import_batch"("created_at");

-- CreateIndex
CREATE INDEX "import_batch_file_sha256_idx" ON "import_batch"("file_sha256");

-- CreateIndex
CREATE INDEX "import_row_file_sha256_sheet_row_number_idx" ON "import_row"("file_sha256", "sheet", "row_number");

-- CreateIndex
CREATE INDEX "import_row_person_id_idx" ON "import_row"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "import_row_batch_id_sheet_row_number_key" ON "import_row"("batch_id", "sheet", "row_number");

-- AddForeignKey
ALTER TABLE "import_batch" ADD CONSTRAINT "import_batch_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_row" ADD CONSTRAINT "import_row_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "import_batch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_row" ADD CONSTRAINT "import_row_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A row of a file is brought in once, whatever batch reads it again: the second import of the
-- same file finds each row here and writes nothing (docs/decisions/023).
CREATE UNIQUE INDEX "import_row_once_per_file" ON "import_row"("file_sha256", "sheet", "row_number") WHERE "outcome" IN ('CREATED', 'LINKED');

-- A row that became or joined a case names it; one that errored says why.
ALTER TABLE "import_row" ADD CONSTRAINT "import_row_case_named" CHECK ("outcome" NOT IN ('CREATED', 'LINKED', 'ALREADY_IMPORTED') OR "person_id" IS NOT NULL);
ALTER TABLE "import_row" ADD CONSTRAINT "import_row_error_named" CHECK (("outcome" = 'ERROR') = ("error" IS NOT NULL));
