"use server";

import { formAction } from "@/lib/actions/run-form-action";
import { runBulkReview, type BulkOutcome } from "@/lib/review/bulk";
import type { ActionState } from "@/lib/validation/action-state";
import { BulkReviewInput } from "@/lib/validation/review-actions";

/** A bulk action's result: the usual form state, and what happened to each selected person. */
export type BulkState = ActionState & { outcomes?: BulkOutcome[] };

export const bulkReviewAction = formAction({
  name: "bulkReviewAction",
  schema: BulkReviewInput,
  run: runBulkReview,
  path: "/review",
  success: "bulkDone",
  extra: (outcomes): { outcomes?: BulkOutcome[] } => ({ outcomes }),
});
