import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { getDb, type Tx } from "../db/client";
import { env } from "../env";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import { DomainError } from "../errors/domain-error";
import { FieldProblems } from "../errors/field-problems";
import type { ConfirmEnrolmentInput, DisableSecondFactorInput, SecondFactorInput } from "../validation/account";
import type { CurrentUser } from "./session-store";
import { isFailureLocked } from "./session-rules";
import { FAILURE_LOCK_SELECT, clearFailureLocks, recordFailedSignIn } from "./sign-in";
import { proveCurrentPassword, type RequestContext } from "./password-check";
import { rolesRequiringSecondFactor } from "./second-factor-policy";
import { acceptedTotpStep, newTotpSecret, otpauthUri, toBase32 } from "./totp";
import { open, seal } from "./secret-box";

export const RECOVERY_CODE_COUNT = 10;

export type SecondFactorStatus =
  | { state: "off"; required: boolean }
  | { state: "enrolling"; required: boolean; secret: string; uri: string }
  | { state: "on"; required: boolean; enabledAt: string; recoveryCodesLeft: number };

const wrongCode = () => new FieldProblems([{ field: "code", message: "wrongCode" }]);

/** Recovery codes are random (50 bits each), so a fast hash is enough: no dictionary to walk. */
function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(normaliseRecoveryCode(code)).digest("hex");
}

function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "");
}

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const text = toBase32(randomBytes(7)).slice(0, 10).toLowerCase();
    return `${text.slice(0, 5)}-${text.slice(5)}`;
  });
}

/** Replaces the account's recovery codes; the plain codes are returned to be shown once and never stored. */
async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })) });
  return codes;
}

function openSecret(sealed: string | null): string | null {
  return sealed ? open(sealed, env().NEXTAUTH_SECRET) : null;
}

/** What the security page shows: off, half-way through enrolment (with the key), or on. */
export async function secondFactorStatus(user: CurrentUser): Promise<SecondFactorStatus> {
  const [account, required] = await Promise.all([
    getDb().user.findUniqueOrThrow({
      where: { id: user.id },
      select: { totpSecret: true, totpEnabledAt: true, _count: { select: { recoveryCodes: { where: { usedAt: null } } } } },
    }),
    rolesRequiringSecondFactor().then((roles) => roles.includes(user.role)),
  ]);
  if (account.totpEnabledAt)
    return { state: "on", required, enabledAt: account.totpEnabledAt.toISOString(), recoveryCodesLeft: account._count.recoveryCodes };
  const secret = openSecret(account.totpSecret);
  if (secret) return { state: "enrolling", required, secret, uri: otpauthUri(secret, user.email) };
  return { state: "off", required };
}

/** Creates a fresh key for the authenticator app; the second factor is not on until a code from it is confirmed. */
export async function startEnrolment(user: CurrentUser): Promise<void> {
  const sealed = seal(newTotpSecret(), env().NEXTAUTH_SECRET);
  await getDb().$transaction(async (tx) => {
    const started = await tx.user.updateMany({
      where: { id: user.id, totpEnabledAt: null },
      data: { totpSecret: sealed, totpLastStep: null },
    });
    if (started.count === 0) throw new DomainError("conflict", "second factor already on");
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "account.second_factor.enrolment_started",
      entityType: "user",
      entityId: user.id,
    });
  });
}

/** A code from the app proves it holds the key: the second factor goes on and the recovery codes are issued. */
export async function confirmEnrolment(user: CurrentUser, input: ConfirmEnrolmentInput, now = new Date()): Promise<string[]> {
  return getDb().$transaction(async (tx) => {
    const account = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecret: true, totpEnabledAt: true } });
    const secret = openSecret(account.totpSecret);
    if (account.totpEnabledAt || !secret) throw new DomainError("conflict", "no enrolment under way");
    const step = acceptedTotpStep(secret, input.code, now, null);
    if (step === null) throw wrongCode();
    // Conditional on the key just checked, so a second tab that restarted enrolment is not overwritten.
    const enabled = await tx.user.updateMany({
      where: { id: user.id, totpEnabledAt: null, totpSecret: account.totpSecret },
      data: { totpEnabledAt: now, totpLastStep: BigInt(step), version: { increment: 1 } },
    });
    if (enabled.count === 0) throw new DomainError("conflict", "enrolment changed meanwhile");
    const codes = await replaceRecoveryCodes(tx, user.id);
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "account.second_factor.enabled",
      entityType: "user",
      entityId: user.id,
      before: { secondFactor: false },
      after: { secondFactor: true },
      context: { recoveryCodesIssued: codes.length },
    });
    return codes;
  });
}

/**
 * New recovery codes, the old ones void; proven with a current authenticator code. Wrong codes
 * count towards the failure lock like at sign-in, and none is checked while it runs: otherwise a
 * session left open could guess six digits at leisure and walk away with working recovery codes.
 */
export async function renewRecoveryCodes(
  user: CurrentUser,
  input: ConfirmEnrolmentInput,
  context: RequestContext,
  now = new Date(),
): Promise<string[]> {
  const db = getDb();
  const result = await db.$transaction(async (tx) => {
    const account = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: FAILURE_LOCK_SELECT });
    const locked = isFailureLocked(account, now);
    if (!locked && (await consumeTotp(tx, user.id, input.code, now))) {
      const codes = await replaceRecoveryCodes(tx, user.id);
      await recordAuditEvent(tx, {
        actor: auditActorOf(user),
        action: "account.second_factor.recovery_codes_renewed",
        entityType: "user",
        entityId: user.id,
        context: { recoveryCodesIssued: codes.length },
      });
      return codes;
    }
    await recordFailedSignIn(tx, {
      email: user.email,
      user: account,
      cause: locked ? "locked" : "wrong_second_factor",
      context,
      now,
      check: "recovery_codes_renewal",
    });
    return locked ? "locked" : "wrong";
  });
  if (result === "locked") throw new FieldProblems([{ field: "code", message: "lockedForNow" }]);
  if (result === "wrong") throw wrongCode();
  return result;
}

/**
 * Turns the second factor off, proven with the password; refused while the user's role requires
 * one. A wrong password counts towards the account's failure lock like one at sign-in.
 */
export async function disableSecondFactor(user: CurrentUser, input: DisableSecondFactorInput, context: RequestContext): Promise<void> {
  const db = getDb();
  const account = await proveCurrentPassword(user, input.currentPassword, "second_factor_removal", context);
  if ((await rolesRequiringSecondFactor()).includes(user.role))
    throw new FieldProblems([{ field: "currentPassword", message: "secondFactorRequired" }]);
  await db.$transaction(async (tx) => {
    await clearSecondFactor(tx, user.id, null);
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "account.second_factor.disabled",
      entityType: "user",
      entityId: user.id,
      before: { secondFactor: account.totpEnabledAt !== null },
      after: { secondFactor: false },
    });
  });
}

/**
 * Removes the key and the recovery codes: the user's own disable, and an administrator's reset
 * for someone who lost their phone (checked against the version the administrator saw).
 */
export async function clearSecondFactor(tx: Tx, userId: string, version: number | null): Promise<void> {
  const cleared = await tx.user.updateMany({
    where: { id: userId, ...(version === null ? {} : { version }) },
    data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, version: { increment: 1 } },
  });
  if (cleared.count !== 1) throw new DomainError("conflict", "stale");
  await tx.recoveryCode.deleteMany({ where: { userId } });
}

/**
 * Accepts a TOTP code at most once: the last accepted step moves forward in the same conditional
 * update that checks it, so two requests racing with one code cannot both pass.
 */
async function consumeTotp(tx: Tx, userId: string, code: string, now: Date): Promise<boolean> {
  const account = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { totpSecret: true, totpEnabledAt: true, totpLastStep: true },
  });
  const secret = openSecret(account.totpSecret);
  if (!account.totpEnabledAt || !secret) return false;
  const step = acceptedTotpStep(secret, code, now, account.totpLastStep === null ? null : Number(account.totpLastStep));
  if (step === null) return false;
  const moved = await tx.user.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: BigInt(step) } }] },
    data: { totpLastStep: BigInt(step) },
  });
  return moved.count === 1;
}

/** Spends one recovery code; the usedAt condition makes a code good for one sign-in only. */
async function consumeRecoveryCode(tx: Tx, userId: string, code: string, now: Date): Promise<boolean> {
  const used = await tx.recoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(code), usedAt: null },
    data: { usedAt: now },
  });
  return used.count === 1;
}

/**
 * The second step of signing in. A wrong code counts as a failed sign-in towards the failure
 * lock, exactly like a wrong password, and no code is checked while that lock runs, so the six
 * digits cannot be guessed at leisure.
 */
export async function completeSecondFactor(
  user: CurrentUser,
  input: SecondFactorInput,
  context: RequestContext,
  now = new Date(),
): Promise<void> {
  const db = getDb();
  const isTotp = /^\d{6}$/.test(input.code.replace(/\s/g, ""));
  const verdict = await db.$transaction(async (tx) => {
    const account = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: FAILURE_LOCK_SELECT });
    if (isFailureLocked(account, now)) {
      await recordFailedSignIn(tx, { email: user.email, user: account, cause: "locked", context, now });
      return "locked";
    }
    const ok = isTotp ? await consumeTotp(tx, user.id, input.code, now) : await consumeRecoveryCode(tx, user.id, input.code, now);
    if (!ok) return "wrong";
    const opened = await tx.session.updateMany({
      where: { id: user.sessionId, secondFactorPending: true, endedAt: null },
      data: { secondFactorPending: false },
    });
    if (opened.count === 0) throw new DomainError("conflict", "session no longer waiting for a code");
    const recoveryCodesLeft = isTotp ? null : await tx.recoveryCode.count({ where: { userId: user.id, usedAt: null } });
    await clearFailureLocks(tx, account);
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "auth.sign_in.succeeded",
      entityType: "session",
      entityId: user.sessionId,
      context: { ...context, secondFactor: isTotp ? "totp" : "recovery_code", recoveryCodesLeft },
    });
    return "accepted";
  });
  if (verdict === "accepted") return;
  // Returned rather than thrown inside the transaction, so the refused attempt's record commits.
  if (verdict === "locked") throw new FieldProblems([{ field: "code", message: "lockedForNow" }]);
  await db.$transaction(async (tx) => {
    const account = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: FAILURE_LOCK_SELECT });
    await recordFailedSignIn(tx, { email: user.email, user: account, cause: "wrong_second_factor", context, now });
  });
  throw wrongCode();
}
