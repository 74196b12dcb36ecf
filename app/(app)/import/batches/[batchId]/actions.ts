"use server";

import { formAction } from "@/lib/actions/run-form-action";
import { commitImportBatch } from "@/lib/import/commit-persons";
import { ImportCommitInput } from "@/lib/validation/import";

export const commitImportAction = formAction({
  name: "commitImportAction",
  schema: ImportCommitInput,
  run: commitImportBatch,
  path: (form) => `/import/batches/${form.batchId ?? ""}`,
  success: "importCommitted",
});
