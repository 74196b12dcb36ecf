"use server";

import { formAction } from "@/lib/actions/run-form-action";
import { runBulkReview, type BulkOutcome } from "@/lib/review/bulk";
import type { ActionState } from "@/lib/validation/action-state";
import { BulkReviewInput } from "@/lib/validation/review-actions";
import { confirmChangeRequest, rejectChangeRequest } from "@/lib/cases/change-requests";
import { changeRequestRefusal } from "@/lib/access/hold-change";
import { ConfirmChangeInput, RejectChangeInput } from "@/lib/validation/change-request";
import { acceptTransfer, rejectTransfer } from "@/lib/transfers/decide-transfer";
import { transferRefusal } from "@/lib/transfers/transfer-refusals";
import { AcceptTransferInput, RejectTransferInput } from "@/lib/validation/transfer";

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

export const confirmChangeRequestAction = formAction({
  name: "confirmChangeRequestAction",
  schema: ConfirmChangeInput,
  run: confirmChangeRequest,
  path: "/review",
  success: "changeConfirmed",
  refusal: changeRequestRefusal,
});

export const rejectChangeRequestAction = formAction({
  name: "rejectChangeRequestAction",
  schema: RejectChangeInput,
  run: rejectChangeRequest,
  path: "/review",
  success: "changeRejected",
  refusal: changeRequestRefusal,
});

export const acceptTransferAction = formAction({
  name: "acceptTransferAction",
  schema: AcceptTransferInput,
  run: acceptTransfer,
  path: "/review",
  success: "transferAccepted",
  refusal: transferRefusal,
});

export const rejectTransferAction = formAction({
  name: "rejectTransferAction",
  schema: RejectTransferInput,
  run: rejectTransfer,
  path: "/review",
  success: "transferRejected",
  refusal: transferRefusal,
});
