import type { Prisma } from "../db/generated/client";
import { can, type Actor } from "./can";
import { reachOf } from "./permissions";

/**
 * A transfer is received by the region it goes to, not the one that holds the person: whether a
 * user may preview, accept or reject it is `transfer.receive` judged on the receiving region, with
 * no caseworker (the person has none there yet). The person's own region decides nothing here,
 * so a supervisor of the sending region is not a receiver of its own transfer.
 */
export function canReceiveTransfer(actor: Actor, transfer: { toRegionId: string }): boolean {
  return can(actor, "transfer.receive", { regionId: transfer.toRegionId, caseworkerId: null });
}

/**
 * The `where` fragment of the transfer requests a user may receive: the same rule as
 * `canReceiveTransfer`, in the query, so that no request of another region is read.
 */
export function transferReceiveWhere(actor: Actor): Prisma.ChangeRequestWhereInput {
  switch (reachOf(actor.role, "transfer.receive")) {
    case "all":
      return { kind: "TRANSFER" };
    case "regions":
      return { kind: "TRANSFER", toRegionId: { in: [...actor.regionIds] } };
    case "own":
    case "system":
    case "none":
      // Fails closed: a transfer has no caseworker in the receiving region, so "own" reaches nothing.
      return { id: { in: [] } };
  }
}
