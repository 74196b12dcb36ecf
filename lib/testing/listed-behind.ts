import type { CurrentUser } from "../auth/session-store";
import { listCases } from "../cases/registry";
import type { Count } from "../dashboard/dashboard";
import { RegistryQuery } from "../validation/registry";

/** What the registry lists behind a dashboard count's link, for the same viewer. */
export async function listedBehind(user: CurrentUser, count: Count): Promise<number> {
  const params = Object.fromEntries(new URL(count.href, "http://x").searchParams);
  return (await listCases(user, RegistryQuery.parse(params))).total;
}
