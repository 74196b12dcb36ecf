import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/session-store";
import { TRANSITIONS } from "../prosecution/transitions";
import { outcome } from "../testing/outcome";
import { makePerson, makeTeam, makeUser, type Team } from "../testing/factories";
import { ConfirmChangeInput, RejectChangeInput, WithdrawChangeInput } from "../validation/change-request";
import { PersonEditInput } from "../validation/person";
import { StatusChangeInput } from "../validation/prosecution";
import { changeProsecutionStatus } from "./change-prosecution-status";
import {
  confirmChangeRequest,
  getChangeRequestsPanel,
  listConfirmers,
  countRequestsToConfirm,
  listRequestsToConfirm,
  rejectChangeRequest,
  withdrawChangeRequest,
} from "./change-requests";
import { changeRequestRefusal } from "../access/hold-change";
import { updatePerson } from "./update-person";
import { getCase } from "./get-case";
import { getHistoryPanel } from "./case-history";

let team: Team;
let secondSupervisor: CurrentUser;
let otherSupervisor: CurrentUser;

beforeAll(async () => {
  await getDb().prosecutionTransition.createMany({
    data: TRANSITIONS.map((t) => ({ fromStatus: t.from, toStatus: t.to, isCorrection: t.isCorrection })),
    skipDuplicates: true,
  });
  team = await makeTeam();
  secondSupervisor = await makeUser("SUPERVISOR", [team.region.id]);
  otherSupervisor = await makeUser("SUPERVISOR", [team.otherRegion.id]);
});

/** A case of the team's owner, already on trial, so that a conviction is the next step. */
async function caseOnTrial() {
  const person = await makePerson(team.region.id, team.owner.id);
  await getDb().person.update({ where: { id: person.id }, data: { prosecutionStatus: "ON_TRIAL" } });
  return person;
}

const conviction = (caseId: string, overrides: Record<string, string> = {}) =>
  StatusChangeInput.parse({
    caseId,
    version: 1,
    status: "CONVICTED",
    effectiveDate: "2024-03-01",
    sentenceMonths: "60",
    articles: "255",
    reason: "Приговор суда",
    ...overrides,
  });

async function requestConviction(caseId: string, requester: CurrentUser = team.owner) {
  expect(await changeProsecutionStatus(requester, conviction(caseId))).toEqual({ version: 1, held: true });
  return getDb().changeRequest.findFirstOrThrow({ where: { personId: caseId, state: "PENDING" } });
}

async function caseState(caseId: string) {
  const db = getDb();
  const [person, entries] = await Promise.all([
    db.person.findUniqueOrThrow({ where: { id: caseId }, select: { version: true, prosecutionStatus: true, caseStatus: true } }),
    db.prosecutionEntry.count({ where: { personId: caseId } }),
  ]);
  return { ...person, entries };
}

const actions = async (caseId: string) =>
  (await getDb().auditEvent.findMany({ where: { chain: caseId }, orderBy: { seq: "asc" }, select: { action: true } }))
    .map((e) => e.action)
    .filter((a) => a !== "access.denied");

const personEdit = (caseId: string, overrides: Record<string, string>) =>
  PersonEditInput.parse({
    caseId,
    version: 1,
    familyName: "Тестов",
    givenName: "Иван",
    sex: "MALE",
    birthDate: "1990-01-01",
    citizenship: "KZ",
    caseStatus: "OPEN",
    riskLevel: "UNASSESSED",
    ...overrides,
  });

const confirm = (user: CurrentUser, requestId: string, version = 1) =>
  confirmChangeRequest(user, ConfirmChangeInput.parse({ requestId, version, comment: "Проверено по приговору" }));

describe("requesting a change that needs a second person", () => {
  it("holds a conviction as a pending request: the case is unchanged and the request is an event of its chain", async () => {
    const person = await caseOnTrial();
    const request = await requestConviction(person.id);
    expect(await caseState(person.id)).toEqual({ version: 1, prosecutionStatus: "ON_TRIAL", caseStatus: "OPEN", entries: 0 });
    expect(request).toMatchObject({ kind: "PROSECUTION_STATUS", baseVersion: 1, requestedById: team.owner.id, reason: "Приговор суда" });
    expect(request.payload).toMatchObject({ from: "ON_TRIAL", status: "CONVICTED", sentenceMonths: 60, articles: ["255"] });
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { chain: person.id, action: "change.requested" } });
    expect(event).toMatchObject({
      actorId: team.owner.id,
      entityId: request.id,
      before: { prosecutionStatus: "ON_TRIAL" },
      after: { prosecutionStatus: "CONVICTED", sentenceMonths: 60 },
    });
  });

  it("checks a held change as if it applied now: a conviction without a sentence is refused and nothing is held", async () => {
    const person = await caseOnTrial();
    const input = conviction(person.id, { articles: "", sentenceMonths: "" });
    expect(await outcome(changeProsecutionStatus(team.owner, input))).toBe("invalid:sentenceMonths=sentenceRequired");
    expect(await getDb().changeRequest.count({ where: { personId: person.id } })).toBe(0);
  });

  it("refuses a second pending request of the same kind on a case", async () => {
    const person = await caseOnTrial();
    await requestConviction(person.id);
    const again = changeProsecutionStatus(team.supervisor, conviction(person.id));
    await expect(again).rejects.toSatisfy((error) => changeRequestRefusal(error)?.message === "changeRequestPending");
    expect(await getDb().changeRequest.count({ where: { personId: person.id } })).toBe(1);
  });

  it("records whom the requester suggests to confirm, who sees it first; a suggestion of someone who may not confirm is refused", async () => {
    const person = await caseOnTrial();
    expect((await listConfirmers(await getCase(team.owner, person.id))).map((c) => c.id).sort()).toEqual(
      [team.supervisor.id, secondSupervisor.id].sort(),
    );
    for (const unfit of [otherSupervisor, team.colleague]) {
      const suggesting = conviction(person.id, { suggestedConfirmerId: unfit.id });
      expect(await outcome(changeProsecutionStatus(team.owner, suggesting))).toBe("invalid:suggestedConfirmerId=confirmerNotEligible");
    }
    const ownSuggestion = conviction(person.id, { suggestedConfirmerId: team.supervisor.id });
    expect(await outcome(changeProsecutionStatus(team.supervisor, ownSuggestion))).toBe(
      "invalid:suggestedConfirmerId=confirmerNotEligible",
    );
    expect(await getDb().changeRequest.count({ where: { personId: person.id } })).toBe(0);

    const suggesting = conviction(person.id, { suggestedConfirmerId: secondSupervisor.id });
    expect(await changeProsecutionStatus(team.owner, suggesting)).toEqual({ version: 1, held: true });
    const request = await getDb().changeRequest.findFirstOrThrow({ where: { personId: person.id } });
    expect(request.suggestedConfirmerId).toBe(secondSupervisor.id);
    const [first] = await listRequestsToConfirm(secondSupervisor);
    expect(first).toMatchObject({ id: request.id, suggestedConfirmer: { id: secondSupervisor.id } });
  });

  it("lets a new request replace a pending one of its kind that the case has outgrown, marking that one superseded", async () => {
    const person = await caseOnTrial();
    const first = await requestConviction(person.id);
    await updatePerson(team.owner, personEdit(person.id, { riskLevel: "HIGH" }));
    expect(await changeProsecutionStatus(team.owner, conviction(person.id, { version: "2" }))).toEqual({ version: 2, held: true });
    const requests = await getDb().changeRequest.findMany({ where: { personId: person.id }, orderBy: { requestedAt: "asc" } });
    expect(requests.map((r) => [r.id === first.id, r.state, r.baseVersion])).toEqual([
      [true, "SUPERSEDED", 1],
      [false, "PENDING", 2],
    ]);
    // The edit stores the case's review and, the person waiting in the review queue, the queue's target.
    expect(await actions(person.id)).toEqual([
      "change.requested",
      "person.updated",
      "task.created",
      "task.created",
      "change.superseded",
      "change.requested",
    ]);
    expect(await outcome(confirm(team.supervisor, first.id, 2))).toBe("conflict");
  });

  it("applies the other fields of a person's edit at once and holds only a closing case status", async () => {
    const person = await makePerson(team.region.id, team.owner.id);
    const edit = personEdit(person.id, { caseStatus: "CLOSED", riskLevel: "HIGH", reason: "Программа завершена" });
    expect(await updatePerson(team.owner, edit)).toEqual({ version: 2, changed: ["riskLevel"], held: true });
    const stored = await getDb().person.findUniqueOrThrow({ where: { id: person.id }, select: { riskLevel: true, caseStatus: true } });
    expect(stored).toEqual({ riskLevel: "HIGH", caseStatus: "OPEN" });
    const request = await getDb().changeRequest.findFirstOrThrow({ where: { personId: person.id } });
    expect(request).toMatchObject({ kind: "CASE_STATUS", baseVersion: 2, payload: { from: "OPEN", caseStatus: "CLOSED" } });

    expect(await outcome(confirm(team.supervisor, request.id))).toBe("ok");
    expect(await caseState(person.id)).toMatchObject({ version: 3, caseStatus: "CLOSED" });
    const applied = await getDb().auditEvent.findFirstOrThrow({
      where: { chain: person.id, action: "person.updated", actorId: team.supervisor.id },
    });
    expect(applied).toMatchObject({ before: { caseStatus: "OPEN" }, after: { caseStatus: "CLOSED" }, reason: "Программа завершена" });
    expect(applied.context).toMatchObject({ changeRequest: request.id, requestedBy: team.owner.id });
  });

  it("asks for a reason when a case status is held, and holds nothing without one", async () => {
    const person = await makePerson(team.region.id, team.owner.id);
    const edit = personEdit(person.id, { caseStatus: "DECEASED" });
    expect(await outcome(updatePerson(team.owner, edit))).toBe("invalid:reason=reasonForConfirmation");
    expect(await getDb().changeRequest.count({ where: { personId: person.id } })).toBe(0);
  });
});

describe("confirming a change request", () => {
  it("applies the change for the region's supervisor, in one event naming both people, after its confirmation", async () => {
    const person = await caseOnTrial();
    const request = await requestConviction(person.id);
    expect(await outcome(confirm(team.supervisor, request.id))).toBe("ok");
    expect(await caseState(person.id)).toEqual({ version: 2, prosecutionStatus: "CONVICTED", caseStatus: "OPEN", entries: 1 });
    const entry = await getDb().prosecutionEntry.findFirstOrThrow({ where: { personId: person.id } });
    expect(entry).toMatchObject({ status: "CONVICTED", sentenceMonths: 60, recordedById: team.supervisor.id, reason: "Приговор суда" });
    const applied = await getDb().auditEvent.findFirstOrThrow({ where: { chain: person.id, action: "prosecution.status_changed" } });
    expect(applied).toMatchObject({ actorId: team.supervisor.id, before: { status: "ON_TRIAL" }, after: { status: "CONVICTED" } });
    expect(applied.context).toEqual({
      changeRequest: request.id,
      requestedBy: team.owner.id,
      requestedAt: request.requestedAt.toISOString(),
    });
    expect(await getDb().changeRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      state: "CONFIRMED",
      decidedById: team.supervisor.id,
      decisionComment: "Проверено по приговору",
      version: 2,
    });
    // Applied, the change settles the case's tasks: convicted, the person is out of the review queue, so only the review is stored.
    expect(await actions(person.id)).toEqual(["change.requested", "change.confirmed", "prosecution.status_changed", "task.created"]);
    // The case's history names both: the confirmer as the event's actor, the requester beside them.
    const history = await getHistoryPanel(await getCase(team.owner, person.id));
    const shown = history.entries.find((e) => e.action === "prosecution.status_changed");
    expect(shown).toMatchObject({ actor: team.supervisor.name, requested: { by: team.owner.name, at: request.requestedAt.toISOString() } });
    expect(history.entries.find((e) => e.action === "change.requested")?.requested).toBeNull();
  });

  it("refuses the requester, even a supervisor of the region, and leaves the request pending", async () => {
    const person = await caseOnTrial();
    const request = await requestConviction(person.id, team.supervisor);
    await expect(confirm(team.supervisor, request.id)).rejects.toSatisfy(
      (error) => changeRequestRefusal(error)?.message === "changeOwnRequest",
    );
    expect(await getDb().changeRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ state: "PENDING" });
    expect(await caseState(person.id)).toMatchObject({ version: 1, prosecutionStatus: "ON_TRIAL" });
    expect(await listRequestsToConfirm(team.supervisor)).not.toContainEqual(expect.objectContaining({ id: request.id }));
    expect((await listRequestsToConfirm(secondSupervisor)).map((r) => r.id)).toContain(request.id);
  });

  it("is refused by the database itself when the requester is recorded as the one who decided", async () => {
    const person = await caseOnTrial();
    const request = await requestConviction(person.id);
    for (const state of ["CONFIRMED", "REJECTED"] as const) {
      await expect(
        getDb().changeRequest.update({
          where: { id: request.id },
          data: { state, decidedById: team.owner.id, decidedAt: new Date() },
        }),
      ).rejects.toThrow(/change_request_decided_by_another/);
    }
    // The positive control: the same write by someone else is accepted.
    await getDb().changeRequest.update({
      where: { id: request.id },
      data: { state: "REJECTED", decidedById: team.supervisor.id, decidedAt: new Date() },
    });
  });

  it("refuses the case's caseworker and an auditor as forbidden, and another region's supervisor as absent", async () => {
    const person = await caseOnTrial();
    const request = await requestConviction(person.id, team.supervisor);
    expect(await outcome(confirm(team.owner, request.id))).toBe("forbidden");
    expect(await outcome(confirm(team.auditor, request.id))).toBe("forbidden");
    expect(await outcome(confirm(otherSupervisor, request.id))).toBe("notFound");
    expect(await outcome(confirm(team.administrator, request.id))).toBe("notFound");
    expect(await caseState(person.id)).toMatchObject({ version: 1, prosecutionStatus: "ON_TRIAL", entries: 0 });
    expect((await listRequestsToConfirm(otherSupervisor)).map((r) => r.id)).not.toContain(request.id);
    expect(await countRequestsToConfirm(otherSupervisor)).toBe(0);
    for (const user of [team.owner, team.auditor, team.administrator]) {
      expect(await outcome(listRequestsToConfirm(user))).toBe("notFound");
      expect(await countRequestsToConfirm(user)).toBe(0);
    }
    // The positive control: the region's other supervisor has it to confirm.
    expect((await listRequestsToConfirm(secondSupervisor)).map((r) => r.id)).toContain(request.id);
  });

  it("marks a request superseded, and applies nothing, when the case changed after it was made", async () => {
    const person = await caseOnTrial();
    const request = await requestConviction(person.id);
    // An edit that needs no second person moves the case to version 2.
    await updatePerson(team.owner, personEdit(person.id, { riskLevel: "HIGH" }));
    await expect(confirm(team.supervisor, request.id)).rejects.toSatisfy(
      (error) => changeRequestRefusal(error)?.message === "changeSuperseded",
    );
    expect(await caseState(person.id)).toMatchObject({ version: 2, prosecutionStatus: "ON_TRIAL", entries: 0 });
    expect(await getDb().changeRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      state: "SUPERSEDED",
      decidedById: team.supervisor.id,
    });
    expect(await actions(person.id)).toEqual(["change.requested", "person.updated", "task.created", "task.created", "change.superseded"]);
    // The requester learns of it on the case page; nothing is left to withdraw or decide.
    const panel = await getChangeRequestsPanel(await getCase(team.owner, person.id));
    expect(panel.requests).toEqual([
      expect.objectContaining({
        id: request.id,
        state: "SUPERSEDED",
        decidedBy: team.supervisor.name,
        canWithdraw: false,
        canDecide: false,
      }),
    ]);
  });

  it("shows a pending request on the case page to everyone who sees the case; only the requester may withdraw, only another supervisor decide", async () => {
    const person = await caseOnTrial();
    const request = await requestConviction(person.id);
    const seenBy = async (user: CurrentUser) => (await getChangeRequestsPanel(await getCase(user, person.id))).requests;
    expect(await seenBy(team.owner)).toEqual([
      expect.objectContaining({
        id: request.id,
        from: "ON_TRIAL",
        to: "CONVICTED",
        requestedBy: team.owner.name,
        canWithdraw: true,
        canDecide: false,
      }),
    ]);
    expect(await seenBy(team.supervisor)).toEqual([expect.objectContaining({ canWithdraw: false, canDecide: true, stale: false })]);
    expect(await seenBy(team.auditor)).toEqual([expect.objectContaining({ canWithdraw: false, canDecide: false })]);
  });

  it("applies once when two supervisors confirm at the same moment; the other is told it was already decided", async () => {
    const person = await caseOnTrial();
    const request = await requestConviction(person.id);
    const settled = await Promise.allSettled([confirm(team.supervisor, request.id), confirm(secondSupervisor, request.id)]);
    const refusals = settled.flatMap((s) => (s.status === "rejected" ? [changeRequestRefusal(s.reason)?.message] : []));
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    expect(refusals).toEqual(["changeAlreadyDecided"]);
    expect(await caseState(person.id)).toEqual({ version: 2, prosecutionStatus: "CONVICTED", caseStatus: "OPEN", entries: 1 });
    expect((await actions(person.id)).filter((a) => a === "prosecution.status_changed" || a === "change.confirmed")).toHaveLength(2);
  });
});

describe("rejecting and withdrawing", () => {
  it("rejects with the supervisor's reason and leaves the case as it was", async () => {
    const person = await caseOnTrial();
    const request = await requestConviction(person.id);
    const reject = RejectChangeInput.parse({ requestId: request.id, version: 1, comment: "Приговор не вступил в силу" });
    expect(await outcome(rejectChangeRequest(team.supervisor, reject))).toBe("ok");
    expect(await caseState(person.id)).toMatchObject({ version: 1, prosecutionStatus: "ON_TRIAL", entries: 0 });
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { chain: person.id, action: "change.rejected" } });
    expect(event).toMatchObject({ actorId: team.supervisor.id, reason: "Приговор не вступил в силу" });
    expect(await outcome(confirm(secondSupervisor, request.id))).toBe("conflict");
  });

  it("lets the requester withdraw, and no one else; a withdrawn request cannot be confirmed", async () => {
    const person = await caseOnTrial();
    const request = await requestConviction(person.id);
    const withdraw = WithdrawChangeInput.parse({ requestId: request.id, version: 1 });
    expect(await outcome(withdrawChangeRequest(team.supervisor, withdraw))).toBe("forbidden");
    expect(await outcome(withdrawChangeRequest(team.colleague, withdraw))).toBe("notFound");
    expect(await outcome(withdrawChangeRequest(team.owner, withdraw))).toBe("ok");
    expect(await getDb().changeRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      state: "WITHDRAWN",
      decidedById: team.owner.id,
      version: 2,
    });
    expect(await outcome(withdrawChangeRequest(team.owner, withdraw))).toBe("conflict");
    expect(await outcome(confirm(team.supervisor, request.id))).toBe("conflict");
    expect(await caseState(person.id)).toMatchObject({ version: 1, prosecutionStatus: "ON_TRIAL" });
    expect(await actions(person.id)).toEqual(["change.requested", "change.withdrawn"]);
  });
});
