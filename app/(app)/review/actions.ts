"use server";

import { requireUser } from "@/lib/auth/current-user";
import { runFormAction } from "@/lib/actions/run-form-action";
import { runBulkReview, type BulkOutcome } from "@/lib/review/bulk";
import type { ActionState } from "@/lib/validation/action-state";
import { BulkReviewInput } from "@/lib/validation/review-actions";

/** A bulk action's result: the usual form state, and what happened to each selected person. */
export type BulkState = ActionState & { outcomes?: BulkOutcome[] };

export async function bulkReviewAction(_previous: BulkState, formData: FormData): Promise<BulkState> {
  const user = await requireUser();
  const done: { outcomes?: BulkOutcome[] } = {};
  const state = await runFormAction("bulkReviewAction", formData, BulkReviewInput, async (input) => (done.outcomes = await runBulkReview(user, input)), { path: "/review", success: "bulkDone" });
  return { ...state, outcomes: done.outcomes };
}
