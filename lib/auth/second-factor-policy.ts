import { z } from "zod";
import { settingValue, type AnyTx } from "../db/sql";
import { Role } from "../db/generated/enums";

/** The setting that lists the roles whose users must sign in with a second factor. */
export const SECOND_FACTOR_SETTING = "auth.secondFactorRequiredRoles";
const RoleList = z.array(z.enum(Role));

/** Read on each request, like every authority: a change applies at everyone's next click. */
export async function rolesRequiringSecondFactor(tx?: AnyTx): Promise<Role[]> {
  return secondFactorRolesOf(await settingValue(tx, SECOND_FACTOR_SETTING));
}

/** The roles a stored value of the setting lists; none while it is unset. */
export function secondFactorRolesOf(stored: unknown): Role[] {
  const parsed = RoleList.safeParse(stored ?? []);
  // An unreadable value requires nothing rather than lock every account out; the administration
  // screen shows what it read, where it can be saved again.
  return parsed.success ? parsed.data : [];
}
