import "server-only";
import type { CurrentUser } from "../auth/current-user";
import { recordDenial } from "../audit/record-denial";
import { canAtAll } from "../policy/can";
import { notFound } from "../errors/domain-error";

/**
 * Every administration function starts here. To anyone else the administration looks absent,
 * and the attempt is audited.
 */
export async function requireAdministrator(user: CurrentUser, entity: { entityType: string; entityId: string | null }): Promise<void> {
  if (canAtAll(user, "admin.manage")) return;
  await recordDenial(user, "admin.manage", entity);
  throw notFound();
}
