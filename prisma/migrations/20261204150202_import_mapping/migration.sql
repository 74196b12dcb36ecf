-- CreateTable
CREATE TABLE "import_mapping" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "region_id" UUID NOT NULL,
    "mapping" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_by_id" UUID NOT NULL,
    "updated_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "import_mapping_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "import_mapping_region_id_name_key" ON "import_mapping"("region_id", "name");

-- AddForeignKey
ALTER TABLE "import_mapping" ADD CONSTRAINT "import_mapping_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_mapping" ADD CONSTRAINT "import_mapping_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_mapping" ADD CONSTRAINT "import_mapping_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A name is something a person typed and picks from a list: never empty, never a page long.
ALTER TABLE "import_mapping" ADD CONSTRAINT "import_mapping_name_check" CHECK (length(btrim("name")) BETWEEN 1 AND 100);
-- The document is an object of the format lib/import/mapping.ts declares; zod judges the rest.
ALTER TABLE "import_mapping" ADD CONSTRAINT "import_mapping_mapping_check" CHECK (jsonb_typeof("mapping") = 'object');
ALTER TABLE "import_mapping" ADD CONSTRAINT "import_mapping_version_check" CHECK ("version" >= 1);
