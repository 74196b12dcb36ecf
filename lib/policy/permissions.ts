import type { Role } from "../db/generated/enums";

/**
 * Every action the app knows, as data (docs/domain.md, "Roles and reach"). The access matrix test
 * is generated from this list, so a new action cannot ship without a row in it.
 */
export const ACTIONS = [
  "case.view",
  "case.create",
  "case.edit",
  "case.assign",
  "change.request",
  "change.confirm",
  "transfer.request",
  "transfer.receive",
  "review.view",
  "dashboard.view",
  "export.history",
  "audit.read",
  "admin.manage",
  "import.run",
  "task.view",
  "requirements.review",
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * How far an allowed action reaches: the user's own cases, their regions' cases, all cases,
 * or "system": things that are no case at all (accounts, reference data, account events).
 */
export type Reach = "own" | "regions" | "all" | "system" | "none";

// Fails closed: a role or action missing here has no access.
const MATRIX: Record<Role, Partial<Record<Action, Reach>>> = {
  CASEWORKER: {
    "case.view": "own",
    "case.create": "regions",
    "case.edit": "own",
    "change.request": "own",
    "transfer.request": "own",
    "review.view": "own",
    "dashboard.view": "own",
    "audit.read": "own",
    // Only the tasks they are responsible for, which are those of their own cases (lib/task-store/task-lists.ts).
    "task.view": "own",
  },
  SUPERVISOR: {
    "case.view": "regions",
    "case.create": "regions",
    "case.edit": "regions",
    "case.assign": "regions",
    "change.request": "regions",
    // Never their own request: the domain function and a database constraint refuse that (docs/decisions/016).
    "change.confirm": "regions",
    "transfer.request": "regions",
    // Reached through the receiving region of a pending transfer, never the person's own (lib/policy/transfer-scope.ts).
    "transfer.receive": "regions",
    "review.view": "regions",
    "dashboard.view": "regions",
    "export.history": "regions",
    "audit.read": "regions",
    // Rows are refused unless their region is one of the supervisor's (docs/import.md).
    "import.run": "regions",
    // Their regions' tasks, those of cases with no caseworker included: they are responsible for those.
    "task.view": "regions",
    // Which programs a person requires is the supervisors' to decide, so the review before a minor's
    // 18th birthday is theirs too; the caseworker reads it in the case's history.
    "requirements.review": "regions",
  },
  AUDITOR: {
    "case.view": "all",
    "review.view": "all",
    "dashboard.view": "all",
    "export.history": "all",
    "audit.read": "all",
    // Read only: an auditor sees whether work is done on time and never does it.
    "task.view": "all",
  },
  ADMINISTRATOR: {
    // Account and sign-in events only: this role never reaches a case chain.
    "audit.read": "system",
    "admin.manage": "system",
  },
};

export function reachOf(role: Role, action: Action): Reach {
  return MATRIX[role]?.[action] ?? "none";
}
