import { DomainError } from "../errors/domain-error";

/**
 * Why a transfer could not be requested or decided, as the form says it: one already pending for
 * someone in the group, decided or withdrawn by someone else first, superseded because a member
 * changed since, one's own, or another's to withdraw. Each is a DomainError whose detail is also
 * its message key.
 */
export const TRANSFER_REFUSALS = [
  "transferPending",
  "transferAlreadyDecided",
  "transferSuperseded",
  "transferOwnRequest",
  "transferNotRequester",
] as const;
export type TransferRefusal = (typeof TRANSFER_REFUSALS)[number];

export const refusedTransfer = (why: TransferRefusal, kind: "conflict" | "forbidden" = "conflict") => new DomainError(kind, why);

/** The form's message for a refused transfer, or null for any other error. */
export function transferRefusal(error: unknown): { message: TransferRefusal } | null {
  if (!(error instanceof DomainError)) return null;
  const why = TRANSFER_REFUSALS.find((key) => key === error.message);
  return why ? { message: why } : null;
}
