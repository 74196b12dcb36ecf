import "server-only";
import type { CurrentUser } from "../auth/current-user";
import { countRequestsToConfirm } from "../cases/change-requests";
import { countTransfersToReceive } from "./transfer-views";

/**
 * What waits for this user's decision on the "To confirm" tab: held changes of their regions and
 * transfers into them, a family's transfer counted once. The home page, the dashboard and the tab
 * show this one figure, each a link to the list.
 */
export async function countDecisionsWaiting(user: CurrentUser): Promise<number> {
  const [changes, transfers] = await Promise.all([countRequestsToConfirm(user), countTransfersToReceive(user)]);
  return changes + transfers;
}
