import { z } from "zod";
import { settingValue, type AnyTx } from "../db/sql";
import { Role } from "../db/generated/enums";

/** The setting that lists the roles whose users must sign in with a second factor. */
export const SECOND_FACTOR_SETTING = "auth.secondFactorRequiredRoles";
const RoleList = z.array(z.enum(Role));

/** Read on each request, like every authority: a change applies at everyone's next click. */
export async function rolesRequiringSecondFactor(tx?: AnyTx): Promise<Role[]> {
  const parsed = RoleList.safeParse((await settingValue(tx, SECOND_FACTOR_SETTING)) ?? []);
  // An unreadable value requires nothing rather than lock every account out; the administration
  // screen shows what it read, where it can be saved again.
  return parsed.success ? parsed.data : [];
}
