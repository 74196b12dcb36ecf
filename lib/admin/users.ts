import "server-only";
import { getDb, type Tx } from "../db/client";
import type { Role } from "../db/generated/enums";
import type { JsonValue } from "../audit/canonical-json";
import { changedFields } from "../audit/changed-fields";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import { hashPassword } from "../auth/password";
import { passwordProblem } from "../validation/password-policy";
import { clearSecondFactor } from "../auth/second-factor";
import { isFailureLocked } from "../auth/session-rules";
import { DomainError, notFound } from "../errors/domain-error";
import { FieldProblems } from "../errors/field-problems";
import type { AccountCommandInput, CreateUserInput, SetTemporaryPasswordInput, UpdateUserInput } from "../validation/account";
import { requireAdministrator } from "./require-administrator";
import { lockState, unlockedState } from "./unlock-account";

export type UserSummary = {
  id: string;
  email: string;
  name: string;
  role: Role;
  regionIds: string[];
  active: boolean;
  /** Locked by an administrator's hand, until unlocked. */
  locked: boolean;
  /** End of a failure lock still running, else null. */
  lockedUntil: string | null;
  mustChangePassword: boolean;
  secondFactor: boolean;
  openSessions: number;
  lastSignInAt: string | null;
  version: number;
};

const SUMMARY_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  lockedAt: true,
  lockedUntil: true,
  mustChangePassword: true,
  totpEnabledAt: true,
  version: true,
  regions: { select: { regionId: true } },
  sessions: { orderBy: { createdAt: "desc" as const }, take: 1, select: { createdAt: true } },
  _count: { select: { sessions: { where: { endedAt: null } } } },
};

type SummaryRow = {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  lockedAt: Date | null;
  lockedUntil: Date | null;
  mustChangePassword: boolean;
  totpEnabledAt: Date | null;
  version: number;
  regions: { regionId: string }[];
  sessions: { createdAt: Date }[];
  _count: { sessions: number };
};

function toSummary(row: SummaryRow): UserSummary {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    regionIds: row.regions.map((r) => r.regionId),
    active: row.active,
    locked: row.lockedAt !== null,
    lockedUntil: isFailureLocked(row, new Date()) ? (row.lockedUntil?.toISOString() ?? null) : null,
    mustChangePassword: row.mustChangePassword,
    secondFactor: row.totpEnabledAt !== null,
    // Open sessions past their idle or absolute limit are closed lazily; this count may include them.
    openSessions: row._count.sessions,
    lastSignInAt: row.sessions[0]?.createdAt.toISOString() ?? null,
    version: row.version,
  };
}

/** Every account, for the administrator; no case content is reachable from here. */
export async function listUsers(user: CurrentUser): Promise<UserSummary[]> {
  await requireAdministrator(user, { entityType: "user", entityId: null });
  const rows = await getDb().user.findMany({ orderBy: [{ active: "desc" }, { role: "asc" }, { email: "asc" }], select: SUMMARY_SELECT });
  return rows.map(toSummary);
}

export async function getUser(user: CurrentUser, userId: string): Promise<UserSummary> {
  await requireAdministrator(user, { entityType: "user", entityId: userId });
  const row = await getDb().user.findUnique({ where: { id: userId }, select: SUMMARY_SELECT });
  if (!row) throw notFound();
  return toSummary(row);
}

/**
 * A caseworker works in exactly one region and a supervisor in at least one (docs/domain.md, "Account");
 * auditors and administrators see by role, not by region, so they hold none.
 */
async function checkRegions(tx: Tx, role: Role, regionIds: string[]): Promise<string[]> {
  if (role === "AUDITOR" || role === "ADMINISTRATOR") return [];
  if (role === "CASEWORKER" && regionIds.length !== 1) throw new FieldProblems([{ field: "regionIds", message: "oneRegion" }]);
  if (role === "SUPERVISOR" && regionIds.length === 0) throw new FieldProblems([{ field: "regionIds", message: "someRegion" }]);
  const found = await tx.region.count({ where: { id: { in: regionIds }, active: true } });
  if (found !== regionIds.length) throw new FieldProblems([{ field: "regionIds", message: "invalid" }]);
  return regionIds;
}

function checkPassword(password: string, account: { email: string; name: string }, field: string) {
  const problem = passwordProblem(password, [account.email, account.name]);
  if (problem) throw new FieldProblems([{ field, message: problem }]);
}

/** A new account with a temporary password, which its owner must replace at first sign-in. */
export async function createUser(user: CurrentUser, input: CreateUserInput): Promise<{ id: string }> {
  await requireAdministrator(user, { entityType: "user", entityId: null });
  checkPassword(input.temporaryPassword, input, "temporaryPassword");
  const passwordHash = await hashPassword(input.temporaryPassword);
  return getDb().$transaction(async (tx) => {
    const regionIds = await checkRegions(tx, input.role, input.regionIds);
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } }))
      throw new FieldProblems([{ field: "email", message: "emailTaken" }]);
    const created = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        role: input.role,
        passwordHash,
        mustChangePassword: true,
        regions: { create: regionIds.map((regionId) => ({ regionId })) },
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "account.created",
      entityType: "user",
      entityId: created.id,
      after: { email: input.email, name: input.name, role: input.role, regionIds, mustChangePassword: true },
    });
    return created;
  });
}

/** Loads the target account for a change made from the version the administrator saw. */
async function lockedTarget(tx: Tx, userId: string, version: number) {
  const target = await tx.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      active: true,
      lockedAt: true,
      lockedUntil: true,
      mustChangePassword: true,
      totpEnabledAt: true,
      version: true,
      regions: { select: { regionId: true } },
    },
  });
  if (!target) throw notFound();
  if (target.version !== version) throw new DomainError("conflict", "stale");
  return target;
}

async function bumpVersion(tx: Tx, userId: string, version: number, data: Parameters<Tx["user"]["updateMany"]>[0]["data"]) {
  const updated = await tx.user.updateMany({ where: { id: userId, version }, data: { ...data, version: { increment: 1 } } });
  if (updated.count !== 1) throw new DomainError("conflict", "stale");
}

async function endOpenSessions(tx: Tx, userId: string, reason: string): Promise<number> {
  const ended = await tx.session.updateMany({ where: { userId, endedAt: null }, data: { endedAt: new Date(), endReason: reason } });
  return ended.count;
}

/**
 * Name, e-mail, role and regions. No one changes their own role (a lone administrator must not
 * lock the product out of administration, nor grant themselves case access), and a caseworker
 * keeps the role and regions of their assigned cases until a supervisor reassigns them.
 */
export async function updateUser(user: CurrentUser, input: UpdateUserInput): Promise<void> {
  await requireAdministrator(user, { entityType: "user", entityId: input.userId });
  await getDb().$transaction(async (tx) => {
    const target = await lockedTarget(tx, input.userId, input.version);
    if (target.id === user.id && input.role !== target.role) throw new FieldProblems([{ field: "role", message: "ownRole" }]);
    const regionIds = await checkRegions(tx, input.role, input.regionIds);
    if (input.email !== target.email && (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } }))) {
      throw new FieldProblems([{ field: "email", message: "emailTaken" }]);
    }
    if (target.role === "CASEWORKER") {
      const stranded = await tx.person.count({
        where: { caseworkerId: target.id, ...(input.role === "CASEWORKER" ? { regionId: { notIn: regionIds } } : {}) },
      });
      if (stranded > 0) throw new FieldProblems([{ field: input.role === "CASEWORKER" ? "regionIds" : "role", message: "reassignFirst" }]);
    }

    const diff = changedFields(
      { email: target.email, name: target.name, role: target.role, regionIds: target.regions.map((r) => r.regionId).sort() },
      { email: input.email, name: input.name, role: input.role, regionIds: [...regionIds].sort() },
    );
    if (diff.changed.length === 0) return;

    await bumpVersion(tx, target.id, target.version, { email: input.email, name: input.name, role: input.role });
    if (diff.changed.includes("regionIds")) {
      await tx.userRegion.deleteMany({ where: { userId: target.id } });
      await tx.userRegion.createMany({ data: regionIds.map((regionId) => ({ userId: target.id, regionId })) });
    }
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "account.updated",
      entityType: "user",
      entityId: target.id,
      before: diff.before,
      after: diff.after,
    });
  });
}

/**
 * The one-button account changes, each with the administrator's reason. Deactivation also ends
 * every session, and loadSessionUser refuses an inactive account anyway, so it takes effect on
 * the user's very next request.
 */
export async function runAccountCommand(user: CurrentUser, input: AccountCommandInput): Promise<void> {
  await requireAdministrator(user, { entityType: "user", entityId: input.userId });
  await getDb().$transaction(async (tx) => {
    const target = await lockedTarget(tx, input.userId, input.version);
    const audit = (action: string, before: JsonValue, after: JsonValue, context: JsonValue = null) =>
      recordAuditEvent(tx, {
        actor: auditActorOf(user),
        action,
        entityType: "user",
        entityId: target.id,
        reason: input.reason,
        before,
        after,
        context,
      });

    switch (input.command) {
      case "deactivate": {
        if (target.id === user.id) throw new FieldProblems([{ field: "command", message: "notYourself" }]);
        if (!target.active) return;
        await bumpVersion(tx, target.id, target.version, { active: false });
        const sessionsEnded = await endOpenSessions(tx, target.id, "deactivated");
        await audit("account.deactivated", { active: true }, { active: false }, { sessionsEnded });
        return;
      }
      case "reactivate": {
        if (target.active) return;
        await bumpVersion(tx, target.id, target.version, { active: true });
        await audit("account.reactivated", { active: false }, { active: true });
        return;
      }
      case "lock": {
        // Unlike a failure lock, a lock by hand is for an account thought to be in the wrong
        // hands: its sessions end now and loadSessionUser refuses it until an unlock.
        if (target.id === user.id) throw new FieldProblems([{ field: "command", message: "notYourself" }]);
        if (target.lockedAt) return;
        await bumpVersion(tx, target.id, target.version, { lockedAt: new Date() });
        const sessionsEnded = await endOpenSessions(tx, target.id, "locked");
        await audit("account.locked", { locked: false }, { locked: true }, { sessionsEnded });
        return;
      }
      case "unlock": {
        const now = new Date();
        if (!target.lockedAt && !isFailureLocked(target, now)) return;
        await bumpVersion(tx, target.id, target.version, unlockedState(now));
        await audit("account.unlocked", lockState(target), { lockedAt: null, lockedUntil: null });
        return;
      }
      case "endSessions": {
        const sessionsEnded = await endOpenSessions(tx, target.id, "ended_by_administrator");
        await audit("account.sessions_ended", null, null, { sessionsEnded });
        return;
      }
      case "resetSecondFactor": {
        // For a lost phone: the key and recovery codes go, and with them every session; a role
        // that requires a second factor enrols again at the next sign-in.
        if (!target.totpEnabledAt) return;
        await clearSecondFactor(tx, target.id, target.version);
        const sessionsEnded = await endOpenSessions(tx, target.id, "second_factor_reset");
        await audit("account.second_factor.reset", { secondFactor: true }, { secondFactor: false }, { sessionsEnded });
        return;
      }
      case "requirePasswordChange": {
        if (target.mustChangePassword) return;
        await bumpVersion(tx, target.id, target.version, { mustChangePassword: true });
        await audit("account.password_change_required", { mustChangePassword: false }, { mustChangePassword: true });
        return;
      }
    }
  });
}

/**
 * For a user who has forgotten their password: a temporary one, to be replaced at the next
 * sign-in. Open sessions end, so whoever might hold the old password is signed out too.
 */
export async function setTemporaryPassword(user: CurrentUser, input: SetTemporaryPasswordInput): Promise<void> {
  await requireAdministrator(user, { entityType: "user", entityId: input.userId });
  const account = await getDb().user.findUnique({ where: { id: input.userId }, select: { email: true, name: true } });
  if (!account) throw notFound();
  checkPassword(input.temporaryPassword, account, "temporaryPassword");
  const passwordHash = await hashPassword(input.temporaryPassword);
  await getDb().$transaction(async (tx) => {
    const target = await lockedTarget(tx, input.userId, input.version);
    await bumpVersion(tx, target.id, target.version, { passwordHash, mustChangePassword: true });
    const sessionsEnded = await endOpenSessions(tx, target.id, "password_reset");
    // The password itself, even hashed, never enters the log.
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "account.password_reset",
      entityType: "user",
      entityId: target.id,
      reason: input.reason,
      context: { sessionsEnded },
    });
  });
}
