import { z } from "zod";
import { commaList, IsoDate } from "./fields";

/** The legal bases a transfer may rest on; "other" says its own in words. */
export const TRANSFER_BASES = ["RELOCATION", "COURT_DECISION", "PROGRAM_AVAILABILITY", "OTHER"] as const;
export type TransferBasis = (typeof TRANSFER_BASES)[number];

/** More household members than any family holds: a bound on what a form may ask the database for. */
const MAX_MEMBERS = 30;

/**
 * A transfer as the sending region asks for it: the person (with the version seen), the region it
 * goes to, the legal basis (with words when "other"), the day it takes effect, and the household
 * members moving too, each of whom gets a request of the same group.
 */
export const RequestTransferInput = z
  .object({
    caseId: z.uuid({ error: "required" }),
    version: z.coerce.number({ error: "required" }).int().min(1),
    toRegionId: z.uuid({ error: "required" }),
    basis: z.enum(TRANSFER_BASES, { error: "required" }),
    basisText: z.string().trim().max(500, { error: "tooLong" }).default(""),
    effectiveDate: IsoDate,
    members: commaList().pipe(z.array(z.uuid({ error: "invalid" })).max(MAX_MEMBERS, { error: "tooManyMembers" })),
  })
  .superRefine((input, ctx) => {
    if (input.basis === "OTHER" && input.basisText.length < 3) ctx.addIssue({ code: "custom", path: ["basisText"], message: "required" });
  });
export type RequestTransferInput = z.infer<typeof RequestTransferInput>;

/**
 * A transfer as each member's request holds it: parsed again when it is accepted, so a stored
 * payload that is not exactly this is never applied.
 */
export const HeldTransfer = z.object({
  fromRegionId: z.uuid(),
  toRegionId: z.uuid(),
  basis: z.enum(TRANSFER_BASES),
  basisText: z.string().max(500),
  effectiveDate: IsoDate,
});
export type HeldTransfer = z.infer<typeof HeldTransfer>;

/** A transfer is decided or withdrawn as a whole: its group names it. */
const GroupRef = { groupId: z.uuid({ error: "required" }) };

/** The requester takes the whole transfer back; the case names only the page to refresh. */
export const WithdrawTransferInput = z.object({ ...GroupRef, caseId: z.uuid({ error: "required" }) });
export type WithdrawTransferInput = z.infer<typeof WithdrawTransferInput>;

/** A supervisor of the receiving region accepts, naming the caseworker who takes the cases there. */
export const AcceptTransferInput = z.object({
  ...GroupRef,
  caseworkerId: z.uuid({ error: "required" }),
  comment: z.string().trim().max(2000, { error: "tooLong" }).default(""),
});
export type AcceptTransferInput = z.infer<typeof AcceptTransferInput>;

/** A supervisor of the receiving region rejects, and says why. */
export const RejectTransferInput = z.object({
  ...GroupRef,
  comment: z.string().trim().min(3, { error: "required" }).max(2000, { error: "tooLong" }),
});
export type RejectTransferInput = z.infer<typeof RejectTransferInput>;
