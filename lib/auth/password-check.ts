import "server-only";
import { getDb } from "../db/client";
import { FieldProblems } from "../errors/field-problems";
import type { CurrentUser } from "./session-store";
import { verifyPassword } from "./password";
import { FAILURE_LOCK_SELECT, recordFailedSignIn } from "./sign-in";
import { isFailureLocked } from "./session-rules";

export type RequestContext = { ipAddress: string | null; userAgent: string | null };

/**
 * The signed-in user proves their password again before a change that would hand the account
 * over (a new password, the second factor off). A session left open or stolen must not turn
 * into a way to guess it: each wrong answer is audited and counts towards the same failure lock
 * as sign-in, and while that lock runs no password is checked at all. The session itself goes
 * on, since the failures may be a stranger's.
 */
export async function proveCurrentPassword(
  user: CurrentUser,
  password: string,
  check: "password_change" | "second_factor_removal",
  context: RequestContext,
  now = new Date(),
) {
  const db = getDb();
  const account = await db.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { ...FAILURE_LOCK_SELECT, passwordHash: true, email: true, name: true, totpEnabledAt: true },
  });
  const locked = isFailureLocked(account, now);
  if (!locked && (await verifyPassword(account.passwordHash, password))) return account;
  await db.$transaction((tx) =>
    recordFailedSignIn(tx, { email: account.email, user: account, cause: locked ? "locked" : "wrong_password", context, now, check }),
  );
  throw new FieldProblems([{ field: "currentPassword", message: locked ? "lockedForNow" : "wrongPassword" }]);
}
