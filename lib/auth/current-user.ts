import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { env } from "../env";
import { sessionCookieName } from "./options";
import { loadSession, type CurrentUser, type LoadedSession } from "./session-store";

export type { CurrentUser };

/** The signed-in session for this request, or null. Deduplicated per request by React's cache. */
export const getSignedInSession = cache(async (): Promise<LoadedSession | null> => {
  const raw = (await cookies()).get(sessionCookieName())?.value;
  if (!raw) return null;
  let sessionId: unknown;
  try {
    sessionId = (await decode({ token: raw, secret: env().NEXTAUTH_SECRET }))?.sid;
  } catch {
    // A cookie that does not decrypt with our secret is treated as no cookie at all.
    return null;
  }
  return typeof sessionId === "string" ? loadSession(sessionId) : null;
});

/** The signed-in user for this request, or null. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  return (await getSignedInSession())?.user ?? null;
}

export const PASSWORD_CHANGE_PATH = "/account/password";
export const SECOND_FACTOR_SETUP_PATH = "/account/security";
export const SECOND_FACTOR_PATH = "/login/code";

/** What an account still owes before it may do anything else, and the page that settles it. */
type Unfinished = "passwordChange" | "secondFactorSetup";

/**
 * Returns the signed-in user or ends the request with a redirect to the sign-in page. Every page
 * and action passes through here, so these hold for direct posts as much as for clicks: a session
 * still owing its second factor reaches nothing; an account that must replace its password, or
 * enrol a second factor its role requires, can do only that until it has.
 */
export async function requireUser(options: { allow?: readonly Unfinished[] } = {}): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (user.secondFactorPending) redirect(SECOND_FACTOR_PATH);
  const allow = options.allow ?? [];
  if (user.mustChangePassword && !allow.includes("passwordChange")) redirect(PASSWORD_CHANGE_PATH);
  if (user.secondFactorMissing && allow.length === 0) redirect(SECOND_FACTOR_SETUP_PATH);
  return user;
}
