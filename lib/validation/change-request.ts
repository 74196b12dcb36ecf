import { z } from "zod";
import { CaseStatus, ProsecutionStatus } from "../db/generated/enums";
import { IsoDate, optional } from "./fields";

/**
 * Who the requester would like to confirm a change that waits for a second person: optional, and
 * only a suggestion; any supervisor of the region who did not request it may decide.
 */
export const SuggestedConfirmer = optional(z.uuid({ error: "confirmerNotEligible" }));

/**
 * A prosecution status change as it is held in a change request: the parsed form of
 * StatusChangeInput without the case and version, which the request keeps in its own columns.
 * Parsed again when confirmed, so a stored payload that is not exactly this is never applied.
 */
export const HeldStatusChange = z.object({
  /** The status the change moves from: with the base version, what "Charged → Convicted" is read from. */
  from: z.enum(ProsecutionStatus),
  status: z.enum(ProsecutionStatus),
  effectiveDate: IsoDate,
  articles: z.array(z.string().max(500)).max(100),
  authority: z.string().max(300),
  sentenceMonths: z.number().int().min(1).max(600).optional(),
  reason: z.string().min(3).max(2000),
});
export type HeldStatusChange = z.infer<typeof HeldStatusChange>;

/** A case status change as it is held in a change request. */
export const HeldCaseStatus = z.object({ from: z.enum(CaseStatus), caseStatus: z.enum(CaseStatus) });
export type HeldCaseStatus = z.infer<typeof HeldCaseStatus>;

/** A program type marked "not required" for a minor, as it is held: the type, the listed reason and the comment. */
export const HeldNeedNotRequired = z.object({
  programTypeCode: z.string().min(1).max(40),
  reasonId: z.uuid(),
  comment: z.string().max(2000),
});
export type HeldNeedNotRequired = z.infer<typeof HeldNeedNotRequired>;

/**
 * A child's removal from a household, as it is held on the child's case: the household and its
 * version when asked (a removal changes the household, not the child, so the household moving on
 * supersedes the request too), and the member whose case page it was asked from.
 */
export const HeldHouseholdRemoval = z.object({
  householdId: z.uuid(),
  householdVersion: z.number().int().min(1),
  requestedFromCaseId: z.uuid(),
});
export type HeldHouseholdRemoval = z.infer<typeof HeldHouseholdRemoval>;

const RequestRef = {
  requestId: z.uuid({ error: "required" }),
  /** The request's version the user saw: a request decided or withdrawn since is refused, not decided twice. */
  version: z.coerce.number({ error: "required" }).int().min(1),
};

/** The requester takes their own pending request back. */
export const WithdrawChangeInput = z.object(RequestRef);
export type WithdrawChangeInput = z.infer<typeof WithdrawChangeInput>;

/** A second person confirms a pending request; a comment is optional. */
export const ConfirmChangeInput = z.object({
  ...RequestRef,
  comment: z.string().trim().max(2000, { error: "tooLong" }).default(""),
});
export type ConfirmChangeInput = z.infer<typeof ConfirmChangeInput>;

/** A second person rejects a pending request, and says why. */
export const RejectChangeInput = z.object({
  ...RequestRef,
  comment: z.string().trim().min(3, { error: "required" }).max(2000, { error: "tooLong" }),
});
export type RejectChangeInput = z.infer<typeof RejectChangeInput>;
