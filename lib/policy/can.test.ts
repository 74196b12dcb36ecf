import { describe, expect, it } from "vitest";
import type { Role } from "../db/generated/enums";
import { ACTIONS, type Action } from "./permissions";
import { can, canAtAll, type Actor } from "./can";
import { caseScopeWhere } from "./case-scope";
import { canReceiveTransfer, transferReceiveWhere } from "./transfer-scope";

const ME = "00000000-0000-4000-8000-000000000001";
const OTHER = "00000000-0000-4000-8000-000000000002";
const MY_REGION = "10000000-0000-4000-8000-000000000001";
const OTHER_REGION = "10000000-0000-4000-8000-000000000002";

const actor = (role: Role): Actor => ({ id: ME, role, regionIds: [MY_REGION] });
const SCOPES = {
  assignedToMe: { regionId: MY_REGION, caseworkerId: ME },
  myRegion: { regionId: MY_REGION, caseworkerId: OTHER },
  otherRegion: { regionId: OTHER_REGION, caseworkerId: OTHER },
} as const;
type Scope = keyof typeof SCOPES;

// docs/domain.md, "Roles and reach", written out case by case: the scopes in which each role may act.
const EXPECTED: Record<Role, Partial<Record<Action, Scope[]>>> = {
  CASEWORKER: {
    "case.view": ["assignedToMe"],
    "case.create": ["assignedToMe", "myRegion"],
    "case.edit": ["assignedToMe"],
    "change.request": ["assignedToMe"],
    "transfer.request": ["assignedToMe"],
    "review.view": ["assignedToMe"],
    "dashboard.view": ["assignedToMe"],
    "audit.read": ["assignedToMe"],
    "task.view": ["assignedToMe"],
  },
  SUPERVISOR: {
    "case.view": ["assignedToMe", "myRegion"],
    "case.create": ["assignedToMe", "myRegion"],
    "case.edit": ["assignedToMe", "myRegion"],
    "case.assign": ["assignedToMe", "myRegion"],
    "change.request": ["assignedToMe", "myRegion"],
    "change.confirm": ["assignedToMe", "myRegion"],
    "transfer.request": ["assignedToMe", "myRegion"],
    // Judged on the receiving region of a transfer (lib/policy/transfer-scope.ts): "myRegion" is a transfer into it.
    "transfer.receive": ["assignedToMe", "myRegion"],
    "review.view": ["assignedToMe", "myRegion"],
    "dashboard.view": ["assignedToMe", "myRegion"],
    "export.history": ["assignedToMe", "myRegion"],
    "audit.read": ["assignedToMe", "myRegion"],
    "import.run": ["assignedToMe", "myRegion"],
    "task.view": ["assignedToMe", "myRegion"],
    "requirements.review": ["assignedToMe", "myRegion"],
  },
  AUDITOR: {
    "case.view": ["assignedToMe", "myRegion", "otherRegion"],
    "review.view": ["assignedToMe", "myRegion", "otherRegion"],
    "dashboard.view": ["assignedToMe", "myRegion", "otherRegion"],
    "export.history": ["assignedToMe", "myRegion", "otherRegion"],
    "audit.read": ["assignedToMe", "myRegion", "otherRegion"],
    "task.view": ["assignedToMe", "myRegion", "otherRegion"],
  },
  ADMINISTRATOR: {},
};

const ROLES = Object.keys(EXPECTED) as Role[];

describe("can: every role against every action in every scope", () => {
  for (const role of ROLES) {
    for (const action of ACTIONS) {
      for (const scope of Object.keys(SCOPES) as Scope[]) {
        const allowed = EXPECTED[role][action]?.includes(scope) ?? false;
        it(`${role} ${allowed ? "may" : "may not"} ${action} on a case ${scope}`, () => {
          expect(can(actor(role), action, SCOPES[scope])).toBe(allowed);
        });
      }
    }
  }
});

describe("caseScopeWhere matches can", () => {
  it("limits a caseworker to their own cases", () => {
    expect(caseScopeWhere(actor("CASEWORKER"), "case.view")).toEqual({ caseworkerId: ME });
  });
  it("limits a supervisor to their regions", () => {
    expect(caseScopeWhere(actor("SUPERVISOR"), "case.view")).toEqual({ regionId: { in: [MY_REGION] } });
  });
  it("gives the auditor every case to read", () => {
    expect(caseScopeWhere(actor("AUDITOR"), "case.view")).toEqual({});
  });
  it("gives the administrator no case at all, and fails closed for actions a role lacks", () => {
    expect(caseScopeWhere(actor("ADMINISTRATOR"), "case.view")).toEqual({ id: { in: [] } });
    expect(caseScopeWhere(actor("AUDITOR"), "case.edit")).toEqual({ id: { in: [] } });
  });
  it("a role unknown to the matrix has no access", () => {
    const stranger = { id: ME, role: "VISITOR" as Role, regionIds: [MY_REGION] };
    expect(can(stranger, "case.view", SCOPES.assignedToMe)).toBe(false);
    expect(caseScopeWhere(stranger, "case.view")).toEqual({ id: { in: [] } });
  });
});

describe("canAtAll decides the navigation", () => {
  it("shows administration only to the administrator, who still reads account events in the audit log", () => {
    expect(ROLES.filter((role) => canAtAll(actor(role), "admin.manage"))).toEqual(["ADMINISTRATOR"]);
    expect(canAtAll(actor("ADMINISTRATOR"), "audit.read")).toBe(true);
    expect(canAtAll(actor("ADMINISTRATOR"), "case.view")).toBe(false);
  });
});

describe("receiving a transfer is judged on the region it goes to", () => {
  // Who may preview, accept or reject a pending transfer, by where it goes: written out, not read from the policy.
  const RECEIVERS: Record<Role, ("toMyRegion" | "toOtherRegion")[]> = {
    CASEWORKER: [],
    SUPERVISOR: ["toMyRegion"],
    AUDITOR: [],
    ADMINISTRATOR: [],
  };
  const DESTINATION = { toMyRegion: MY_REGION, toOtherRegion: OTHER_REGION } as const;
  for (const role of ROLES)
    for (const scope of ["toMyRegion", "toOtherRegion"] as const) {
      const allowed = RECEIVERS[role].includes(scope);
      it(`${role} ${allowed ? "may" : "may not"} receive a transfer ${scope}`, () => {
        expect(canReceiveTransfer(actor(role), { toRegionId: DESTINATION[scope] })).toBe(allowed);
      });
    }

  it("limits the query to transfers into the supervisor's regions, and to nothing for everyone else", () => {
    expect(transferReceiveWhere(actor("SUPERVISOR"))).toEqual({ kind: "TRANSFER", toRegionId: { in: [MY_REGION] } });
    for (const role of ["CASEWORKER", "AUDITOR", "ADMINISTRATOR"] as const)
      expect(transferReceiveWhere(actor(role))).toEqual({ id: { in: [] } });
  });
});
