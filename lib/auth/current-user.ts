import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { env } from "../env";
import { sessionCookieName } from "./options";
import { loadSessionUser, type CurrentUser } from "./session-store";

export type { CurrentUser };

/** The signed-in user for this request, or null. Deduplicated per request by React's cache. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const raw = (await cookies()).get(sessionCookieName())?.value;
  if (!raw) return null;
  let sessionId: unknown;
  try {
    sessionId = (await decode({ token: raw, secret: env().NEXTAUTH_SECRET }))?.sid;
  } catch {
    // A cookie that does not decrypt with our secret is treated as no cookie at all.
    return null;
  }
  return typeof sessionId === "string" ? loadSessionUser(sessionId) : null;
});

export const PASSWORD_CHANGE_PATH = "/account/password";

/**
 * Returns the signed-in user or ends the request with a redirect to the sign-in page. An
 * account that must replace its password can do nothing else until it has: every page and
 * action passes through here, so the rule holds for direct posts as much as for clicks.
 */
export async function requireUser(options: { pendingPasswordChange?: "allow" } = {}): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (user.mustChangePassword && options.pendingPasswordChange !== "allow") redirect(PASSWORD_CHANGE_PATH);
  return user;
}
