import "server-only";
import { getDb } from "../db/client";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import { FieldProblems } from "../errors/field-problems";
import type { ChangeOwnPasswordInput } from "../validation/account";
import type { CurrentUser } from "./session-store";
import type { RequestContext } from "./password-check";
import { hashPassword, verifyPassword } from "./password";
import { passwordProblem } from "../validation/password-policy";
import { proveCurrentPassword } from "./password-check";

/**
 * The signed-in user replaces their password, proving the current one first (a walked-away
 * session must not be enough to take the account over, nor to guess it: proveCurrentPassword).
 * Every other session of theirs ends.
 */
export async function changeOwnPassword(user: CurrentUser, input: ChangeOwnPasswordInput, context: RequestContext): Promise<void> {
  const db = getDb();
  const account = await proveCurrentPassword(user, input.currentPassword, "password_change", context);
  const problem = passwordProblem(input.newPassword, [account.email, account.name]);
  if (problem) throw new FieldProblems([{ field: "newPassword", message: problem }]);
  if (await verifyPassword(account.passwordHash, input.newPassword))
    throw new FieldProblems([{ field: "newPassword", message: "passwordUnchanged" }]);
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false, version: { increment: 1 } } });
    const others = await tx.session.updateMany({
      where: { userId: user.id, endedAt: null, id: { not: user.sessionId } },
      data: { endedAt: new Date(), endReason: "password_changed" },
    });
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "account.password_changed",
      entityType: "user",
      entityId: user.id,
      context: { otherSessionsEnded: others.count },
    });
  });
}
