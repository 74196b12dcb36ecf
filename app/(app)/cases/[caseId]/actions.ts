"use server";

import { formAction } from "@/lib/actions/run-form-action";
import { addNote } from "@/lib/cases/add-note";
import { changeProsecutionStatus } from "@/lib/cases/change-prosecution-status";
import { advanceEnrollment, referToProgram } from "@/lib/programs/enrollments";
import { EnrollmentStepInput, ReferInput } from "@/lib/validation/enrollment";
import { NoteInput } from "@/lib/validation/note";
import { StatusChangeInput } from "@/lib/validation/prosecution";
import { updatePerson } from "@/lib/cases/update-person";
import { addHouseholdMember } from "@/lib/cases/add-household-member";
import { AddHouseholdMemberInput, RemoveHouseholdMemberInput } from "@/lib/validation/household";
import { AliasInput, PersonEditInput, RemoveAliasInput } from "@/lib/validation/person";
import { removeAlias, saveAlias } from "@/lib/cases/aliases";
import { removeHouseholdMember } from "@/lib/cases/remove-household-member";
import { recordCaseReview } from "@/lib/cases/record-case-review";
import { CaseReviewInput } from "@/lib/validation/case-review";
import { recordFollowUp } from "@/lib/cases/record-follow-up";
import { FollowUpInput } from "@/lib/validation/follow-up";
import { recordRequirementsReview } from "@/lib/cases/record-requirements-review";
import { RequirementsReviewInput } from "@/lib/validation/requirements-review";
import { withdrawChangeRequest } from "@/lib/cases/change-requests";
import { changeRequestRefusal } from "@/lib/access/hold-change";
import { WithdrawChangeInput } from "@/lib/validation/change-request";
import { requestTransfer } from "@/lib/transfers/request-transfer";
import { withdrawTransfer } from "@/lib/transfers/decide-transfer";
import { transferRefusal } from "@/lib/transfers/transfer-refusals";
import { RequestTransferInput, WithdrawTransferInput } from "@/lib/validation/transfer";
import { noteSaveFragments } from "./case-fragments";

// Server actions are public endpoints: each one signs the caller in fresh, parses its input, and
// leaves authorization to the domain function, which decides on the stored case. The case id
// names only the page to refresh.
const casePath = (form: Record<string, string>) => `/cases/${form.caseId ?? ""}`;

export const changeProsecutionStatusAction = formAction({
  name: "changeProsecutionStatusAction",
  schema: StatusChangeInput,
  run: changeProsecutionStatus,
  path: casePath,
  success: (result) => (result.held ? "changeAwaitsConfirmation" : "statusChanged"),
  refusal: changeRequestRefusal,
});

export const referToProgramAction = formAction({
  name: "referToProgramAction",
  schema: ReferInput,
  run: referToProgram,
  path: casePath,
  success: (referral) => (referral.full ? "referredToFullProgram" : "referred"),
});

export const advanceEnrollmentAction = formAction({
  name: "advanceEnrollmentAction",
  schema: EnrollmentStepInput,
  run: advanceEnrollment,
  path: casePath,
  success: "enrollmentUpdated",
});

// A note moves no version another form carries: its save answers with the notes and the history only.
export const addNoteAction = formAction({
  name: "addNoteAction",
  schema: NoteInput,
  run: addNote,
  path: casePath,
  answer: noteSaveFragments,
  success: "noteAdded",
});

export const updatePersonAction = formAction({
  name: "updatePersonAction",
  schema: PersonEditInput,
  run: updatePerson,
  path: casePath,
  success: (result) => (result.held ? "caseStatusAwaitsConfirmation" : "personUpdated"),
  refusal: changeRequestRefusal,
});

export const addHouseholdMemberAction = formAction({
  name: "addHouseholdMemberAction",
  schema: AddHouseholdMemberInput,
  run: addHouseholdMember,
  path: casePath,
  success: "memberAdded",
});

export const saveAliasAction = formAction({
  name: "saveAliasAction",
  schema: AliasInput,
  run: saveAlias,
  path: casePath,
  success: "aliasSaved",
});

export const removeAliasAction = formAction({
  name: "removeAliasAction",
  schema: RemoveAliasInput,
  run: removeAlias,
  path: casePath,
  success: "aliasRemoved",
});

export const removeHouseholdMemberAction = formAction({
  name: "removeHouseholdMemberAction",
  schema: RemoveHouseholdMemberInput,
  run: removeHouseholdMember,
  path: casePath,
  success: (result) => (result.held ? "changeAwaitsConfirmation" : "memberRemoved"),
  refusal: changeRequestRefusal,
});

export const recordCaseReviewAction = formAction({
  name: "recordCaseReviewAction",
  schema: CaseReviewInput,
  run: recordCaseReview,
  path: casePath,
  success: "caseReviewed",
});

export const recordFollowUpAction = formAction({
  name: "recordFollowUpAction",
  schema: FollowUpInput,
  run: recordFollowUp,
  path: casePath,
  success: "followUpRecorded",
});

export const recordRequirementsReviewAction = formAction({
  name: "recordRequirementsReviewAction",
  schema: RequirementsReviewInput,
  run: recordRequirementsReview,
  path: casePath,
  success: "requirementsReviewed",
});

export const withdrawChangeRequestAction = formAction({
  name: "withdrawChangeRequestAction",
  schema: WithdrawChangeInput,
  run: withdrawChangeRequest,
  path: casePath,
  success: "changeWithdrawn",
  refusal: changeRequestRefusal,
});

export const requestTransferAction = formAction({
  name: "requestTransferAction",
  schema: RequestTransferInput,
  run: requestTransfer,
  path: casePath,
  success: "transferRequested",
  refusal: transferRefusal,
});

export const withdrawTransferAction = formAction({
  name: "withdrawTransferAction",
  schema: WithdrawTransferInput,
  run: withdrawTransfer,
  path: casePath,
  success: "transferWithdrawn",
  refusal: transferRefusal,
});
