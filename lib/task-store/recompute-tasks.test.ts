import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { makePerson, makeProgram, makeTeam, type Team } from "../testing/factories";
import { addDays, addMonths } from "../tasks/due-tasks";
import { waitingTargetDays } from "../tasks/waiting-target";
import { referToProgram } from "../programs/enrollments";
import { ReferInput } from "../validation/enrollment";
import { markNeedNotRequired } from "../programs/needs";
import { changeProsecutionStatus } from "../cases/change-prosecution-status";
import { confirmChangeRequest } from "../cases/change-requests";
import { TRANSITIONS } from "../prosecution/transitions";
import { ConfirmChangeInput } from "../validation/change-request";
import { StatusChangeInput } from "../validation/prosecution";
import { makeReason } from "../testing/factories";
import { recomputeTasks } from "./recompute-tasks";
import { countTasksByDue, listTasks } from "./task-lists";

let team: Team;
beforeAll(async () => {
  team = await makeTeam();
});

const now = new Date("2026-12-04T09:00:00Z");
const today = "2026-12-04";
const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function highRiskReviewedDaysAgo(days: number, caseworkerId: string | null = team.owner.id) {
  const person = await makePerson(team.region.id, caseworkerId);
  // Serving a sentence: out of the review queue, so the queue's target asks nothing of these cases.
  await getDb().person.update({ where: { id: person.id }, data: { riskLevel: "HIGH", prosecutionStatus: "SERVING_SENTENCE" } });
  await getDb().caseReview.create({
    data: { personId: person.id, reviewedOn: date(addDays(today, -days)), riskLevel: "HIGH", note: "n", reviewedById: team.owner.id },
  });
  return person.id;
}

const tasksOf = (personId: string) =>
  getDb().task.findMany({
    where: { personId },
    orderBy: { dueOn: "asc" },
    select: { rule: true, dueKey: true, dueOn: true, state: true, responsibleId: true, closedBy: true },
  });
const eventsOf = (personId: string) =>
  getDb().auditEvent.findMany({ where: { chain: personId }, orderBy: { seq: "asc" }, select: { action: true, entityType: true } });

/** A minor's case (registered today, by makePerson) who turns 18 on the given day. */
async function minorTurning18On(adultOn: string, caseworkerId: string | null = team.owner.id) {
  const person = await makePerson(team.region.id, caseworkerId);
  await getDb().person.update({
    where: { id: person.id },
    data: { birthDate: date(addMonths(adultOn, -18 * 12)), ageCategory: "MINOR", sex: "FEMALE" },
  });
  return person.id;
}

const comingOfAgeOf = async (personId: string) => (await tasksOf(personId)).filter((t) => t.rule === "comingOfAge");

describe("recomputeTasks", () => {
  it("stores one overdue review for a high-risk case last reviewed 31 days ago, owned by its caseworker, as an event of the case", async () => {
    const caseId = await highRiskReviewedDaysAgo(31);
    const counts = await recomputeTasks(getDb(), { now, caseIds: [caseId] });
    expect(counts).toMatchObject({ cases: 1, created: 1, done: 0, noLongerNeeded: 0 });
    expect(await tasksOf(caseId)).toEqual([
      {
        rule: "caseReview",
        dueKey: `caseReview:${addDays(today, -31)}`,
        dueOn: date(addDays(today, -1)),
        state: "OPEN",
        responsibleId: team.owner.id,
        closedBy: null,
      },
    ]);
    expect(await eventsOf(caseId)).toEqual([{ action: "task.created", entityType: "task" }]);
  });

  it("changes nothing when run again, and writes only the run's own system event", async () => {
    const caseId = await highRiskReviewedDaysAgo(10);
    await recomputeTasks(getDb(), { now, caseIds: [caseId] });
    const [tasks, events] = [await tasksOf(caseId), await eventsOf(caseId)];
    const runs = await getDb().auditEvent.count({ where: { chain: "system", action: "tasks.recomputed" } });
    const again = await recomputeTasks(getDb(), { now, caseIds: [caseId] });
    expect(again).toEqual({ cases: 1, created: 0, reopened: 0, done: 0, noLongerNeeded: 0, rescheduled: 0, reassigned: 0 });
    expect(await tasksOf(caseId)).toEqual(tasks);
    expect(await eventsOf(caseId)).toEqual(events);
    expect(await getDb().auditEvent.count({ where: { chain: "system", action: "tasks.recomputed" } })).toBeGreaterThan(runs);
  });

  it("gives a case without a caseworker to the region's supervisors (no one named) and follows a new caseworker", async () => {
    const caseId = await highRiskReviewedDaysAgo(5, null);
    await recomputeTasks(getDb(), { now, caseIds: [caseId] });
    expect((await tasksOf(caseId)).map((t) => t.responsibleId)).toEqual([null]);
    await getDb().person.update({ where: { id: caseId }, data: { caseworkerId: team.colleague.id } });
    expect(await recomputeTasks(getDb(), { now, caseIds: [caseId] })).toMatchObject({ reassigned: 1, created: 0 });
    expect((await tasksOf(caseId)).map((t) => t.responsibleId)).toEqual([team.colleague.id]);
  });

  it("closes a closed case's tasks as no longer needed, and opens them again when the case reopens", async () => {
    const caseId = await highRiskReviewedDaysAgo(31);
    await recomputeTasks(getDb(), { now, caseIds: [caseId] });
    await getDb().person.update({ where: { id: caseId }, data: { caseStatus: "CLOSED" } });
    expect(await recomputeTasks(getDb(), { now, caseIds: [caseId] })).toMatchObject({ noLongerNeeded: 1 });
    expect((await tasksOf(caseId)).map((t) => [t.state, t.closedBy])).toEqual([["NO_LONGER_NEEDED", "case.closed"]]);
    await getDb().person.update({ where: { id: caseId }, data: { caseStatus: "OPEN" } });
    expect(await recomputeTasks(getDb(), { now, caseIds: [caseId] })).toMatchObject({ reopened: 1, created: 0 });
    expect((await tasksOf(caseId)).map((t) => t.state)).toEqual(["OPEN"]);
    expect((await eventsOf(caseId)).map((e) => e.action)).toEqual(["task.created", "task.noLongerNeeded", "task.reopened"]);
  });

  it("marks a review done once a newer review is recorded, and stores the next one", async () => {
    const caseId = await highRiskReviewedDaysAgo(31);
    await recomputeTasks(getDb(), { now, caseIds: [caseId] });
    await getDb().caseReview.create({
      data: { personId: caseId, reviewedOn: date(today), riskLevel: "HIGH", note: "n", reviewedById: team.owner.id },
    });
    expect(await recomputeTasks(getDb(), { now, caseIds: [caseId] })).toMatchObject({ done: 1, created: 1 });
    expect((await tasksOf(caseId)).map((t) => [t.state, t.closedBy, t.dueOn])).toEqual([
      ["DONE", "case.reviewed", date(addDays(today, -1))],
      ["OPEN", null, date(addDays(today, 30))],
    ]);
  });

  it("stores the follow-ups of a completed enrollment 6 and 12 months after it, and closes a waiting referral once enrolled", async () => {
    const caseId = await highRiskReviewedDaysAgo(1);
    const program = await makeProgram(team.region.id, 10);
    const completed = await getDb().enrollment.create({
      data: {
        personId: caseId,
        programId: program.id,
        status: "COMPLETED",
        referredOn: date("2026-01-05"),
        completedOn: date("2026-06-30"),
      },
    });
    const referred = await getDb().enrollment.create({
      data: { personId: caseId, programId: program.id, status: "REFERRED", referredOn: date("2026-11-01") },
    });
    await recomputeTasks(getDb(), { now, caseIds: [caseId] });
    const open = (await tasksOf(caseId)).filter((t) => t.rule !== "caseReview");
    expect(open.map((t) => [t.dueKey, t.dueOn])).toEqual([
      [`referralWaiting:${referred.id}`, date("2026-11-22")],
      [`programFollowUp:${completed.id}:6`, date(addMonths("2026-06-30", 6))],
      [`programFollowUp:${completed.id}:12`, date("2027-06-30")],
    ]);
    await getDb().enrollment.update({ where: { id: referred.id }, data: { status: "ENROLLED", enrolledOn: date(today) } });
    expect(await recomputeTasks(getDb(), { now, caseIds: [caseId] })).toMatchObject({ done: 1, created: 0 });
    const referral = (await tasksOf(caseId)).find((t) => t.rule === "referralWaiting");
    expect([referral?.state, referral?.closedBy]).toEqual(["DONE", "enrollment.enrolled"]);
  });

  it("creates each task once when two recomputations of the same cases run at the same moment", async () => {
    const caseIds = await Promise.all([31, 40, 50, 60].map((days) => highRiskReviewedDaysAgo(days)));
    const results = await Promise.all([
      recomputeTasks(getDb(), { now, caseIds, chunkSize: 2 }),
      recomputeTasks(getDb(), { now, caseIds: [...caseIds].reverse(), chunkSize: 3 }),
    ]);
    expect(results[0].created + results[1].created).toBe(4);
    for (const caseId of caseIds) {
      expect((await tasksOf(caseId)).length).toBe(1);
      expect((await eventsOf(caseId)).map((e) => e.action)).toEqual(["task.created"]);
    }
  });

  describe("coming of age", () => {
    it("stores one task per minor, due 30 days before the 18th birthday, for the region's supervisors even with a caseworker", async () => {
      const caseId = await minorTurning18On("2027-01-20");
      // With the case's review and the review queue's target, which a minor with no referral also waits under.
      expect(await recomputeTasks(getDb(), { now, caseIds: [caseId] })).toMatchObject({ created: 3 });
      expect(await comingOfAgeOf(caseId)).toEqual([
        { rule: "comingOfAge", dueKey: "comingOfAge", dueOn: date("2026-12-21"), state: "OPEN", responsibleId: null, closedBy: null },
      ]);
      // The case's own review stays its caseworker's.
      expect((await tasksOf(caseId)).find((t) => t.rule === "caseReview")?.responsibleId).toBe(team.owner.id);
      // Reassigning the case leaves it with the supervisors.
      await getDb().person.update({ where: { id: caseId }, data: { caseworkerId: team.colleague.id } });
      expect(await recomputeTasks(getDb(), { now, caseIds: [caseId] })).toMatchObject({ reassigned: 1 });
      expect((await comingOfAgeOf(caseId)).map((t) => t.responsibleId)).toEqual([null]);
    });

    it("changes nothing when run again", async () => {
      const caseId = await minorTurning18On("2027-01-20");
      await recomputeTasks(getDb(), { now, caseIds: [caseId] });
      const [tasks, events] = [await tasksOf(caseId), await eventsOf(caseId)];
      expect(await recomputeTasks(getDb(), { now, caseIds: [caseId] })).toEqual({
        cases: 1,
        created: 0,
        reopened: 0,
        done: 0,
        noLongerNeeded: 0,
        rescheduled: 0,
        reassigned: 0,
      });
      expect(await tasksOf(caseId)).toEqual(tasks);
      expect(await eventsOf(caseId)).toEqual(events);
    });

    it("stores none for a person who is an adult today, but keeps one stored while they were a minor until it is answered", async () => {
      const cameOfAge = await minorTurning18On(today);
      await recomputeTasks(getDb(), { now, caseIds: [cameOfAge] });
      expect(await comingOfAgeOf(cameOfAge)).toEqual([]);

      const caseId = await minorTurning18On(addDays(today, 1));
      await recomputeTasks(getDb(), { now, caseIds: [caseId] });
      expect((await comingOfAgeOf(caseId)).map((t) => t.state)).toEqual(["OPEN"]);
      const later = new Date(`${addDays(today, 60)}T09:00:00Z`);
      expect(await recomputeTasks(getDb(), { now: later, caseIds: [caseId] })).toMatchObject({ created: 0, done: 0, noLongerNeeded: 0 });
      expect((await comingOfAgeOf(caseId)).map((t) => t.state)).toEqual(["OPEN"]);
    });

    it("is done by a review of the requirements recorded from its due day on, not by an earlier one", async () => {
      const caseId = await minorTurning18On("2026-12-20");
      await recomputeTasks(getDb(), { now, caseIds: [caseId] });
      const review = (reviewedOn: string) =>
        getDb().requirementsReview.create({
          data: { personId: caseId, reviewedOn: date(reviewedOn), ageCategory: "ADULT_WOMAN", note: "n", reviewedById: team.supervisor.id },
        });
      // Due 2026-11-20: a review of 2026-11-19 is before the window.
      await review("2026-11-19");
      expect(await recomputeTasks(getDb(), { now, caseIds: [caseId] })).toMatchObject({ done: 0 });
      await review("2026-11-20");
      expect(await recomputeTasks(getDb(), { now, caseIds: [caseId] })).toMatchObject({ done: 1, created: 0 });
      expect((await comingOfAgeOf(caseId)).map((t) => [t.state, t.closedBy])).toEqual([["DONE", "need.reviewed"]]);
    });

    it("is no longer needed once the case closes", async () => {
      const caseId = await minorTurning18On("2027-01-20");
      await recomputeTasks(getDb(), { now, caseIds: [caseId] });
      await getDb().person.update({ where: { id: caseId }, data: { caseStatus: "CLOSED" } });
      await recomputeTasks(getDb(), { now, caseIds: [caseId] });
      expect((await comingOfAgeOf(caseId)).map((t) => [t.state, t.closedBy])).toEqual([["NO_LONGER_NEEDED", "case.closed"]]);
    });
  });
});

describe("the review queue's target as a task of the region's supervisors", () => {
  // makePerson's people returned on 2019-05-07 and have no program: waiting in the queue since then.
  const waitingSince = "2019-05-07";
  const queueTasksOf = async (personId: string) => (await tasksOf(personId)).filter((t) => t.rule === "queueTarget");

  it("stores one task for a person waiting past the target with no referral, due on the target's day, for no one named", async () => {
    const person = await makePerson(team.region.id, team.owner.id);
    await recomputeTasks(getDb(), { now, caseIds: [person.id] });
    expect(await queueTasksOf(person.id)).toEqual([
      {
        rule: "queueTarget",
        dueKey: `queueTarget:${waitingSince}`,
        dueOn: date(addDays(waitingSince, await waitingTargetDays())),
        state: "OPEN",
        responsibleId: null,
        closedBy: null,
      },
    ]);
    const again = await recomputeTasks(getDb(), { now, caseIds: [person.id] });
    expect(again).toEqual({ cases: 1, created: 0, reopened: 0, done: 0, noLongerNeeded: 0, rescheduled: 0, reassigned: 0 });
  });

  it("is the supervisor's to see in the task list and the counts, never the caseworker's", async () => {
    const person = await makePerson(team.region.id, team.owner.id);
    await recomputeTasks(getDb(), { now, caseIds: [person.id] });
    // Within the team's own region: the run's database holds other files' tasks, and an auditor's
    // first page over every region need not reach this one.
    const listed = async (actor: typeof team.owner) =>
      (await listTasks(getDb(), actor, { rule: "queueTarget", region: team.region.id, page: 1 }, today)).rows.filter(
        (r) => r.caseId === person.id,
      );
    expect((await listed(team.supervisor)).map((r) => [r.rule, r.overdue, r.responsible])).toEqual([["queueTarget", true, null]]);
    expect(await listed(team.owner)).toEqual([]);
    expect((await listed(team.auditor)).length).toBe(1);
    const supervisorBefore = await countTasksByDue(getDb(), team.supervisor, today);
    const other = await makePerson(team.region.id, team.owner.id);
    const ownerBefore = await countTasksByDue(getDb(), team.owner, today);
    await recomputeTasks(getDb(), { now, caseIds: [other.id] });
    expect((await countTasksByDue(getDb(), team.supervisor, today)).overdue).toBe(supervisorBefore.overdue + 1);
    expect(await countTasksByDue(getDb(), team.owner, today)).toEqual(ownerBefore);
  });

  it("is done the moment a referral takes the person out of the wait, in the referral's own transaction", async () => {
    const person = await makePerson(team.region.id, team.owner.id);
    await recomputeTasks(getDb(), { now, caseIds: [person.id] });
    const program = await makeProgram(team.region.id, 10);
    await referToProgram(team.owner, ReferInput.parse({ caseId: person.id, programId: program.id, date: today }), now);
    expect((await queueTasksOf(person.id)).map((t) => [t.state, t.closedBy])).toEqual([["DONE", "enrollment.referred"]]);
    expect(await recomputeTasks(getDb(), { now, caseIds: [person.id] })).toMatchObject({ created: 0, done: 0, noLongerNeeded: 0 });
  });

  it("is done at once when the last missing type is marked not required, in that action's transaction", async () => {
    const person = await makePerson(team.region.id, team.owner.id);
    await recomputeTasks(getDb(), { now, caseIds: [person.id] });
    const reason = await makeReason("NOT_REQUIRED");
    const { missingTypes } = await getDb().personFigures.findUniqueOrThrow({ where: { personId: person.id } });
    for (const programTypeCode of missingTypes)
      await markNeedNotRequired(team.supervisor, { caseId: person.id, programTypeCode, reasonId: reason.id, comment: "Не требуется" });
    expect((await queueTasksOf(person.id)).map((t) => [t.state, t.closedBy])).toEqual([["DONE", "queue.left"]]);
  });

  it("is done at once when a confirmed conviction takes the person out of the queue, in the confirmation's transaction", async () => {
    await getDb().prosecutionTransition.createMany({
      data: TRANSITIONS.map((t) => ({ fromStatus: t.from, toStatus: t.to, isCorrection: t.isCorrection })),
      skipDuplicates: true,
    });
    const person = await makePerson(team.region.id, team.owner.id);
    await getDb().person.update({ where: { id: person.id }, data: { prosecutionStatus: "ON_TRIAL" } });
    await recomputeTasks(getDb(), { now, caseIds: [person.id] });
    const conviction = StatusChangeInput.parse({
      caseId: person.id,
      version: 1,
      status: "CONVICTED",
      effectiveDate: "2024-03-01",
      sentenceMonths: "60",
      articles: "255",
      reason: "Приговор суда",
    });
    await changeProsecutionStatus(team.owner, conviction, now);
    const request = await getDb().changeRequest.findFirstOrThrow({ where: { personId: person.id, state: "PENDING" } });
    expect((await queueTasksOf(person.id)).map((t) => t.state)).toEqual(["OPEN"]);
    await confirmChangeRequest(team.supervisor, ConfirmChangeInput.parse({ requestId: request.id, version: 1, comment: "Проверено" }), now);
    expect((await queueTasksOf(person.id)).map((t) => [t.state, t.closedBy])).toEqual([["DONE", "queue.left"]]);
  });

  it("is no longer needed when the case closes, and follows a changed target", async () => {
    const person = await makePerson(team.region.id, team.owner.id);
    const closing = await makePerson(team.region.id, team.owner.id);
    await recomputeTasks(getDb(), { now, caseIds: [person.id, closing.id] });
    await getDb().person.update({ where: { id: closing.id }, data: { caseStatus: "CLOSED" } });
    await recomputeTasks(getDb(), { now, caseIds: [closing.id] });
    expect((await queueTasksOf(closing.id)).map((t) => [t.state, t.closedBy])).toEqual([["NO_LONGER_NEEDED", "case.closed"]]);
    // A person no longer waiting since the same day (the return date corrected) gets a task for the new wait.
    await getDb().person.update({ where: { id: person.id }, data: { returnDate: date("2026-11-20") } });
    await recomputeTasks(getDb(), { now, caseIds: [person.id] });
    expect((await queueTasksOf(person.id)).map((t) => [t.dueKey, t.state])).toEqual([
      [`queueTarget:${waitingSince}`, "NO_LONGER_NEEDED"],
      ["queueTarget:2026-11-20", "OPEN"],
    ]);
  });
});
