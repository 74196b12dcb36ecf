import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/session-store";
import { outcome } from "../testing/outcome";
import { ensureProgramType, makePerson, makeProgram, makeTeam, makeUser, type Team } from "../testing/factories";
import { getCase } from "../cases/get-case";
import { listCases } from "../cases/registry";
import { reviewQueue } from "../review/queue";
import { listAuditEvents } from "../auditing/audit-log";
import { AuditLogQuery } from "../validation/audit-log";
import { RegistryQuery } from "../validation/registry";
import { ReviewQuery } from "../validation/review";
import { AcceptTransferInput, RejectTransferInput, RequestTransferInput } from "../validation/transfer";
import { requestTransfer } from "./request-transfer";
import { acceptTransfer, rejectTransfer, withdrawTransfer } from "./decide-transfer";
import { countTransfersToReceive, getTransferPanel, listTransfersToReceive, previewTransfer } from "./transfer-views";

let team: Team;
/** Supervisor and caseworkers of the receiving region (the team's other region). */
let receiver: CurrentUser;
let secondReceiver: CurrentUser;
let newCaseworker: CurrentUser;

beforeAll(async () => {
  team = await makeTeam();
  [receiver, secondReceiver, newCaseworker] = await Promise.all([
    makeUser("SUPERVISOR", [team.otherRegion.id]),
    makeUser("SUPERVISOR", [team.otherRegion.id]),
    makeUser("CASEWORKER", [team.otherRegion.id]),
  ]);
  await ensureProgramType();
  // The requirement other tests of needs use, so that this file adds none of its own to the shared database.
  await getDb().programRequirement.createMany({ data: [{ ageCategory: "ADULT_MAN", programTypeCode: "TEST_TYPE" }], skipDuplicates: true });
});

/**
 * A mother and two children of the team's owner in the team's region, one household, the mother
 * referred to a program there. Their age category stays the factory's, whose requirement is the shared one above.
 */
async function family() {
  const db = getDb();
  const program = await makeProgram(team.region.id, 10);
  const mother = await makePerson(team.region.id, team.owner.id, "Переездова");
  const first = await makePerson(team.region.id, team.owner.id, "Переездова");
  const second = await makePerson(team.region.id, team.owner.id, "Переездова");
  await db.household.create({
    data: {
      label: "test",
      members: {
        create: [
          { personId: mother.id, relationship: "MOTHER" },
          { personId: first.id, relationship: "CHILD" },
          { personId: second.id, relationship: "CHILD" },
        ],
      },
    },
  });
  const enrollment = await db.enrollment.create({
    data: { personId: mother.id, programId: program.id, status: "REFERRED", referredOn: new Date("2024-01-10") },
  });
  const ids = [mother.id, first.id, second.id];
  const versions = await db.person.findMany({ where: { id: { in: ids } }, select: { id: true, version: true } });
  return { mother: mother.id, children: [first.id, second.id] as const, ids, enrollmentId: enrollment.id, versions };
}

const request = (caseId: string, members: readonly string[], overrides: Record<string, string> = {}) =>
  RequestTransferInput.parse({
    caseId,
    version: "1",
    toRegionId: team.otherRegion.id,
    basis: "RELOCATION",
    basisText: "Семья переехала",
    effectiveDate: "2026-01-15",
    members: members.join(","),
    ...overrides,
  });

const accept = (groupId: string, caseworkerId = newCaseworker.id) => AcceptTransferInput.parse({ groupId, caseworkerId, comment: "" });

const stored = (ids: string[]) =>
  getDb().person.findMany({ where: { id: { in: ids } }, select: { id: true, regionId: true, caseworkerId: true, version: true } });

const events = (chain: string, action: string) =>
  getDb().auditEvent.findMany({ where: { chain, action }, select: { actorId: true, before: true, after: true, context: true } });

describe("requesting a transfer", () => {
  it("holds one request per member, of one group, and leaves every case where it is", async () => {
    const f = await family();
    const { groupId } = await requestTransfer(team.owner, request(f.mother, f.children));
    const rows = await getDb().changeRequest.findMany({ where: { groupId }, select: { personId: true, state: true, toRegionId: true } });
    expect(rows.map((r) => r.personId).sort()).toEqual([...f.ids].sort());
    expect(rows.every((r) => r.state === "PENDING" && r.toRegionId === team.otherRegion.id)).toBe(true);
    expect((await stored(f.ids)).every((p) => p.regionId === team.region.id && p.caseworkerId === team.owner.id && p.version === 1)).toBe(
      true,
    );
    for (const id of f.ids)
      expect((await events(id, "transfer.requested"))[0]).toMatchObject({
        actorId: team.owner.id,
        before: { regionId: team.region.id },
        after: { regionId: team.otherRegion.id },
      });
  });

  it("refuses, clearly and wholly, a member the requester may not edit", async () => {
    const f = await family();
    await getDb().person.update({ where: { id: f.children[1] }, data: { caseworkerId: team.colleague.id } });
    expect(await outcome(requestTransfer(team.owner, request(f.mother, f.children)))).toBe("invalid:members=transferMemberNotMovable");
    expect(await getDb().changeRequest.count({ where: { personId: { in: f.ids } } })).toBe(0);
  });

  it("refuses a member outside the person's households, the person's own region, and 'other' without words", async () => {
    const f = await family();
    const stranger = await makePerson(team.region.id, team.owner.id);
    expect(await outcome(requestTransfer(team.owner, request(f.mother, [stranger.id])))).toBe("invalid:members=transferMemberNotMovable");
    expect(await outcome(requestTransfer(team.owner, request(f.mother, [], { toRegionId: team.region.id })))).toBe(
      "invalid:toRegionId=transferRegionInvalid",
    );
    expect(RequestTransferInput.safeParse({ ...request(f.mother, []), members: "", basis: "OTHER", basisText: "" }).success).toBe(false);
  });

  it("refuses a second transfer while one is pending, and lets a superseded one give way", async () => {
    const f = await family();
    await requestTransfer(team.owner, request(f.mother, f.children));
    expect(await outcome(requestTransfer(team.owner, request(f.children[0], [])))).toBe("conflict");
    await getDb().person.update({ where: { id: f.children[0] }, data: { version: { increment: 1 } } });
    expect(await outcome(requestTransfer(team.owner, request(f.children[0], [], { version: "2" })))).toBe("ok");
    expect(await getDb().changeRequest.count({ where: { personId: { in: f.ids }, state: "SUPERSEDED" } })).toBe(3);
  });
});

describe("while pending", () => {
  it("the sending region keeps full access and the receiving supervisor has only the preview", async () => {
    const f = await family();
    const { groupId } = await requestTransfer(team.owner, request(f.mother, f.children));
    expect(await outcome(getCase(team.owner, f.mother))).toBe("ok");
    expect(await outcome(getCase(team.supervisor, f.children[0]))).toBe("ok");
    expect(await outcome(getCase(receiver, f.mother))).toBe("notFound");
    const preview = await previewTransfer(receiver, groupId);
    expect(preview.members).toHaveLength(3);
    expect(await countTransfersToReceive(receiver)).toBeGreaterThanOrEqual(1);
    expect((await listTransfersToReceive(receiver)).map((t) => t.groupId)).toContain(groupId);
  });

  it("the preview carries only the allowed fields: no case number, id, address, note or history", async () => {
    const f = await family();
    await getDb().person.update({ where: { id: f.mother }, data: { address: "ул. Секретная, 1", iin: null } });
    await getDb().note.create({ data: { personId: f.mother, authorId: team.owner.id, body: "Секретная заметка" } });
    const { groupId } = await requestTransfer(team.owner, request(f.mother, f.children));
    const preview = await previewTransfer(receiver, groupId);
    expect(Object.keys(preview).sort()).toEqual(
      [
        "basis",
        "basisText",
        "caseworkers",
        "effectiveDate",
        "fromRegion",
        "groupId",
        "members",
        "requestedAt",
        "requestedBy",
        "stale",
        "toRegion",
      ].sort(),
    );
    for (const member of preview.members)
      expect(Object.keys(member).sort()).toEqual(["ageCategory", "name", "openNeeds", "prosecutionStatus"]);
    const text = JSON.stringify(preview);
    for (const id of f.ids) expect(text).not.toContain(id);
    expect(text).not.toMatch(/Секретн|KZ-2099/);
    expect(preview.caseworkers.map((c) => c.id)).toContain(newCaseworker.id);
    expect(preview.caseworkers.map((c) => c.id)).not.toContain(team.owner.id);
  });

  it("nobody but a supervisor of the receiving region previews it, and a refusal looks like no transfer", async () => {
    const f = await family();
    const { groupId } = await requestTransfer(team.owner, request(f.mother, f.children));
    for (const user of [team.owner, team.colleague, team.supervisor, team.auditor, team.administrator])
      expect(await outcome(previewTransfer(user, groupId))).toBe("notFound");
    expect(await outcome(listTransfersToReceive(team.owner))).toBe("notFound");
    expect((await listTransfersToReceive(team.supervisor)).map((t) => t.groupId)).not.toContain(groupId);
  });
});

describe("accepting a transfer", () => {
  it("moves the whole group in one transaction, and the old region loses access at its next request", async () => {
    const f = await family();
    const { groupId } = await requestTransfer(team.owner, request(f.mother, f.children));
    expect(await acceptTransfer(receiver, accept(groupId))).toEqual({ moved: 3 });

    const after = await stored(f.ids);
    expect(after.every((p) => p.regionId === team.otherRegion.id && p.caseworkerId === newCaseworker.id && p.version === 2)).toBe(true);
    const enrollment = await getDb().enrollment.findUniqueOrThrow({
      where: { id: f.enrollmentId },
      select: { status: true, endedOn: true },
    });
    expect(enrollment.status).toBe("TRANSFERRED");
    expect(enrollment.endedOn).not.toBeNull();
    // The maintained needs follow the person: the ended referral no longer meets the need.
    expect(
      await getDb().personNeed.findMany({ where: { personId: f.mother, programTypeCode: "TEST_TYPE" }, select: { met: true } }),
    ).toEqual([{ met: false }]);

    for (const user of [team.owner, team.supervisor]) {
      expect(await outcome(getCase(user, f.mother))).toBe("notFound");
      expect((await listCases(user, RegistryQuery.parse({ q: "Переездова" }))).rows.map((r) => r.id)).not.toContain(f.mother);
      expect((await reviewQueue(user, ReviewQuery.parse({}))).rows.map((r) => r.id)).not.toContain(f.mother);
    }
    expect((await listAuditEvents(team.supervisor, AuditLogQuery.parse({ caseNumber: "" }))).rows.map((r) => r.caseId)).not.toContain(
      f.mother,
    );

    for (const user of [receiver, newCaseworker]) expect(await outcome(getCase(user, f.children[1]))).toBe("ok");
    const registry = (await listCases(receiver, RegistryQuery.parse({ q: "Переездова" }))).rows.map((r) => r.id);
    for (const id of f.ids) expect(registry).toContain(id);
    const queue = (await reviewQueue(receiver, ReviewQuery.parse({ region: team.otherRegion.id }))).rows.map((r) => r.id);
    for (const id of f.ids) expect(queue).toContain(id);

    for (const id of f.ids)
      expect((await events(id, "transfer.accepted"))[0]).toMatchObject({
        actorId: receiver.id,
        before: { regionId: team.region.id, caseworkerId: team.owner.id },
        after: { regionId: team.otherRegion.id, caseworkerId: newCaseworker.id },
        context: { transfer: groupId, fromRegion: team.region.id, toRegion: team.otherRegion.id, requestedBy: team.owner.id },
      });
    expect(await events(f.mother, "enrollment.transferred")).toHaveLength(1);
  });

  it("refuses a caseworker who does not work in the receiving region, and changes nothing", async () => {
    const f = await family();
    const { groupId } = await requestTransfer(team.owner, request(f.mother, f.children));
    expect(await outcome(acceptTransfer(receiver, accept(groupId, team.colleague.id)))).toBe("invalid:caseworkerId=caseworkerNotInRegion");
    expect((await stored(f.ids)).every((p) => p.regionId === team.region.id && p.version === 1)).toBe(true);
    expect(await getDb().changeRequest.count({ where: { groupId, state: "PENDING" } })).toBe(3);
  });

  it("supersedes a transfer any member of which changed since it was asked for", async () => {
    const f = await family();
    const { groupId } = await requestTransfer(team.owner, request(f.mother, f.children));
    await getDb().person.update({ where: { id: f.children[1] }, data: { riskLevel: "HIGH", version: { increment: 1 } } });
    expect(await outcome(acceptTransfer(receiver, accept(groupId)))).toBe("conflict");
    expect(await getDb().changeRequest.count({ where: { groupId, state: "SUPERSEDED" } })).toBe(3);
    expect((await stored(f.ids)).every((p) => p.regionId === team.region.id)).toBe(true);
    expect(await events(f.mother, "transfer.superseded")).toHaveLength(1);
  });

  it("applies once when two supervisors accept at the same moment", async () => {
    const f = await family();
    const { groupId } = await requestTransfer(team.owner, request(f.mother, f.children));
    const results = await Promise.all([
      outcome(acceptTransfer(receiver, accept(groupId))),
      outcome(acceptTransfer(secondReceiver, accept(groupId))),
    ]);
    expect(results.sort()).toEqual(["conflict", "ok"]);
    expect((await stored(f.ids)).every((p) => p.version === 2 && p.regionId === team.otherRegion.id)).toBe(true);
    for (const id of f.ids) expect(await events(id, "transfer.accepted")).toHaveLength(1);
    expect(await events(f.mother, "enrollment.transferred")).toHaveLength(1);
  });

  it("is refused to the requester, to the sending region and to anyone outside the receiving one", async () => {
    const both = await makeUser("SUPERVISOR", [team.region.id, team.otherRegion.id]);
    const f = await family();
    const { groupId } = await requestTransfer(both, request(f.mother, f.children));
    expect(await outcome(acceptTransfer(both, accept(groupId)))).toBe("forbidden");
    for (const user of [team.owner, team.supervisor, team.auditor, newCaseworker])
      expect(await outcome(acceptTransfer(user, accept(groupId)))).toBe("notFound");
    expect(await getDb().changeRequest.count({ where: { groupId, state: "PENDING" } })).toBe(3);
  });
});

describe("rejecting and withdrawing", () => {
  it("a rejection needs a reason and changes nothing but the requests", async () => {
    const f = await family();
    const { groupId } = await requestTransfer(team.owner, request(f.mother, f.children));
    expect(RejectTransferInput.safeParse({ groupId, comment: "" }).success).toBe(false);
    await rejectTransfer(receiver, RejectTransferInput.parse({ groupId, comment: "Нет мест" }));
    expect((await stored(f.ids)).every((p) => p.regionId === team.region.id && p.caseworkerId === team.owner.id && p.version === 1)).toBe(
      true,
    );
    expect((await getDb().enrollment.findUniqueOrThrow({ where: { id: f.enrollmentId } })).status).toBe("REFERRED");
    expect(await getDb().changeRequest.count({ where: { groupId, state: "REJECTED", decidedById: receiver.id } })).toBe(3);
    expect(await events(f.children[0], "transfer.rejected")).toHaveLength(1);
    expect(await outcome(acceptTransfer(secondReceiver, accept(groupId)))).toBe("conflict");
  });

  it("only the requester withdraws, and then the group can no longer be accepted", async () => {
    const f = await family();
    const { groupId } = await requestTransfer(team.owner, request(f.mother, f.children));
    expect(await outcome(withdrawTransfer(team.supervisor, { groupId, caseId: f.mother }))).toBe("forbidden");
    expect(await outcome(withdrawTransfer(team.colleague, { groupId, caseId: f.mother }))).toBe("notFound");
    expect(await outcome(withdrawTransfer(team.owner, { groupId, caseId: f.children[0] }))).toBe("ok");
    expect(await getDb().changeRequest.count({ where: { groupId, state: "WITHDRAWN" } })).toBe(3);
    expect(await events(f.mother, "transfer.withdrawn")).toHaveLength(1);
    expect(await outcome(acceptTransfer(receiver, accept(groupId)))).toBe("conflict");
  });
});

describe("the case page's transfer panel", () => {
  it("offers the other regions and the household's members until a transfer is asked for, then shows it with its names", async () => {
    const f = await family();
    const before = await getTransferPanel(await getCase(team.owner, f.mother));
    expect(before.transfers).toEqual([]);
    expect(before.options?.regions.map((r) => r.id)).toContain(team.otherRegion.id);
    expect(before.options?.regions.map((r) => r.id)).not.toContain(team.region.id);
    expect(before.options?.members.map((m) => m.id).sort()).toEqual([...f.children].sort());
    // A member on a colleague's caseload is not the owner's to move, so it is not offered.
    const colleagues = await makePerson(team.region.id, team.colleague.id, "Переездова");
    const household = await getDb().householdMember.findFirstOrThrow({ where: { personId: f.mother }, select: { householdId: true } });
    await getDb().householdMember.create({ data: { householdId: household.householdId, personId: colleagues.id, relationship: "CHILD" } });
    expect((await getTransferPanel(await getCase(team.owner, f.mother))).options?.members.map((m) => m.id).sort()).toEqual(
      [...f.children].sort(),
    );
    // A person with no household moves alone.
    const alone = await makePerson(team.region.id, team.owner.id, "Одинокова");
    expect((await getTransferPanel(await getCase(team.owner, alone.id))).options?.members).toEqual([]);

    await requestTransfer(team.owner, request(f.mother, f.children));
    const pending = await getTransferPanel(await getCase(team.owner, f.mother));
    expect(pending.options).toBeNull();
    expect(pending.transfers).toMatchObject([
      {
        state: "PENDING",
        toRegion: { en: team.otherRegion.nameEn },
        basisText: "Семья переехала",
        requestedBy: team.owner.name,
        decidedBy: null,
        stale: false,
        canWithdraw: true,
      },
    ]);
    expect(pending.transfers[0]?.others).toHaveLength(2);
    // The supervisor sees the same transfer, and may not withdraw what the owner asked for.
    expect((await getTransferPanel(await getCase(team.supervisor, f.mother))).transfers[0]?.canWithdraw).toBe(false);
  });

  it("shows a rejected transfer with who decided and why, and offers a new one", async () => {
    const f = await family();
    const { groupId } = await requestTransfer(team.owner, request(f.mother, f.children));
    await rejectTransfer(receiver, RejectTransferInput.parse({ groupId, comment: "Нет мест" }));
    const panel = await getTransferPanel(await getCase(team.owner, f.children[0]));
    expect(panel.transfers).toMatchObject([{ state: "REJECTED", decidedBy: receiver.name, comment: "Нет мест", canWithdraw: false }]);
    expect(panel.options).not.toBeNull();
  });
});
