import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/session-store";
import { outcome } from "../testing/outcome";
import { ensureProgramType, makePerson, makeReason, makeTeam, makeUser, type Team } from "../testing/factories";
import { ConfirmChangeInput } from "../validation/change-request";
import { RemoveHouseholdMemberInput } from "../validation/household";
import { BulkReviewInput } from "../validation/review-actions";
import { runBulkReview } from "../review/bulk";
import { markNeedNotRequired } from "../programs/needs";
import { confirmChangeRequest, getChangeRequestsPanel, listRequestsToConfirm } from "./change-requests";
import { removeHouseholdMember } from "./remove-household-member";
import { getCase } from "./get-case";

let team: Team;
let secondSupervisor: CurrentUser;
let reasonId: string;
const TYPE = "HELD_TEST_TYPE";

beforeAll(async () => {
  team = await makeTeam();
  secondSupervisor = await makeUser("SUPERVISOR", [team.region.id]);
  await ensureProgramType(TYPE);
  reasonId = (await makeReason("NOT_REQUIRED")).id;
});

async function makeMinor() {
  const child = await makePerson(team.region.id, team.owner.id, "Детская");
  return getDb().person.update({ where: { id: child.id }, data: { ageCategory: "MINOR", birthDate: new Date("2015-02-01") } });
}

const needOf = (personId: string) =>
  getDb().programNeed.findUnique({ where: { personId_programTypeCode: { personId, programTypeCode: TYPE } }, select: { state: true } });

const pendingOf = (personId: string) => getDb().changeRequest.findFirstOrThrow({ where: { personId, state: "PENDING" } });

const confirm = (user: CurrentUser, request: { id: string; version: number }) =>
  confirmChangeRequest(user, ConfirmChangeInput.parse({ requestId: request.id, version: request.version, comment: "" }));

describe("a minor's program type marked not required (decision 016)", () => {
  it("is held for a second supervisor, shown on the case, and applied with both names once confirmed", async () => {
    const child = await makeMinor();
    const input = { caseId: child.id, programTypeCode: TYPE, reasonId, comment: "Ребёнку два года" };
    expect(await markNeedNotRequired(team.supervisor, input)).toEqual({ held: true });
    expect(await needOf(child.id)).toBeNull();

    const request = await pendingOf(child.id);
    expect(request.kind).toBe("NEED_NOT_REQUIRED");
    const panel = await getChangeRequestsPanel(await getCase(team.owner, child.id));
    expect(panel.requests[0]).toMatchObject({ kind: "NEED_NOT_REQUIRED", from: "REQUIRED", to: "NOT_REQUIRED" });
    expect(panel.requests[0]?.subject).toEqual({ programType: { en: TYPE, ru: TYPE, kk: TYPE } });

    expect(await outcome(confirm(team.supervisor, request))).toBe("forbidden");
    expect((await listRequestsToConfirm(secondSupervisor)).map((r) => r.id)).toContain(request.id);
    await confirm(secondSupervisor, request);
    expect(await needOf(child.id)).toEqual({ state: "NOT_REQUIRED" });
    const applied = await getDb().auditEvent.findFirstOrThrow({ where: { chain: child.id, action: "need.marked" } });
    expect(applied.actorId).toBe(secondSupervisor.id);
    expect(applied.context).toMatchObject({ changeRequest: request.id, requestedBy: team.supervisor.id });
  });

  it("is applied at once for an adult, and the bulk action says which persons were held", async () => {
    const adult = await makePerson(team.region.id, team.owner.id);
    const child = await makeMinor();
    const outcomes = await runBulkReview(
      team.supervisor,
      BulkReviewInput.parse({
        operation: "notRequired",
        selected: `${adult.id}:1,${child.id}:1`,
        programTypeCode: TYPE,
        reasonId,
        comment: "Не требуется",
      }),
    );
    expect(outcomes.find((o) => o.caseId === adult.id)).toMatchObject({ result: "ok" });
    expect(outcomes.find((o) => o.caseId === adult.id)?.held).toBeUndefined();
    expect(outcomes.find((o) => o.caseId === child.id)).toMatchObject({ result: "ok", held: true });
    expect(await needOf(adult.id)).toEqual({ state: "NOT_REQUIRED" });
    expect(await needOf(child.id)).toBeNull();
  });
});

async function family() {
  const mother = await makePerson(team.region.id, team.owner.id, "Матерева");
  const child = await makeMinor();
  const household = await getDb().household.create({
    data: {
      label: "Семья",
      members: {
        create: [
          { personId: mother.id, relationship: "MOTHER" },
          { personId: child.id, relationship: "CHILD" },
        ],
      },
    },
  });
  return { mother, child, household };
}

const removal = (caseId: string, memberId: string) =>
  RemoveHouseholdMemberInput.parse({ caseId, memberId, reason: "Связь внесена по ошибке", confirm: "on" });

const members = (householdId: string) => getDb().householdMember.count({ where: { householdId } });

describe("a child removed from a household (decision 016)", () => {
  it("is held on the child's case, and applied to both chains with both names once confirmed", async () => {
    const { mother, child, household } = await family();
    expect(await removeHouseholdMember(team.owner, removal(mother.id, child.id))).toEqual({ held: true });
    expect(await members(household.id)).toBe(2);

    const request = await pendingOf(child.id);
    expect(request.kind).toBe("HOUSEHOLD_REMOVAL");
    const panel = await getChangeRequestsPanel(await getCase(team.owner, child.id));
    expect(panel.requests[0]).toMatchObject({ from: "MEMBER", to: "REMOVED", subject: { householdWith: mother.caseNumber } });

    await confirm(team.supervisor, request);
    expect(await members(household.id)).toBe(1);
    for (const chain of [mother.id, child.id]) {
      const event = await getDb().auditEvent.findFirstOrThrow({ where: { chain, action: "household.member_removed" } });
      expect(event.actorId).toBe(team.supervisor.id);
      expect(event.context).toMatchObject({ changeRequest: request.id, requestedBy: team.owner.id });
    }
  });

  it("is superseded, not applied, when the household changed after the request", async () => {
    const { mother, child, household } = await family();
    await removeHouseholdMember(team.owner, removal(mother.id, child.id));
    const request = await pendingOf(child.id);
    await getDb().household.update({ where: { id: household.id }, data: { version: { increment: 1 } } });

    expect(await outcome(confirm(team.supervisor, request))).toBe("conflict");
    expect(await getDb().changeRequest.findUniqueOrThrow({ where: { id: request.id }, select: { state: true } })).toEqual({
      state: "SUPERSEDED",
    });
    expect(await members(household.id)).toBe(2);
  });

  it("removes an adult member at once, as before", async () => {
    const { mother, child, household } = await family();
    expect(await removeHouseholdMember(team.owner, removal(child.id, mother.id))).toEqual({ held: false });
    expect(await members(household.id)).toBe(1);
  });
});
