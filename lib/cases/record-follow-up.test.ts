import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/session-store";
import { isoDayOf } from "../calendar/calendar-day";
import { outcome } from "../testing/outcome";
import { makePerson, makeProgram, makeTeam, makeUser, type Team } from "../testing/factories";
import { recomputeTasks } from "../task-store/recompute-tasks";
import { addMonths } from "../tasks/due-tasks";
import { FollowUpInput } from "../validation/follow-up";
import { recordFollowUp } from "./record-follow-up";

let team: Team;
let caseworkerElsewhere: CurrentUser;
let programId: string;

beforeAll(async () => {
  team = await makeTeam();
  caseworkerElsewhere = await makeUser("CASEWORKER", [team.otherRegion.id]);
  programId = (await makeProgram(team.region.id, 10)).id;
});

const today = () => isoDayOf(new Date());
const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** A case whose enrollment completed seven months ago, its follow-up tasks stored as the nightly run stores them. */
async function completedCase(status: "COMPLETED" | "ENROLLED" = "COMPLETED") {
  const person = await makePerson(team.region.id, team.owner.id);
  const completedOn = addMonths(today(), -7);
  const enrollment = await getDb().enrollment.create({
    data: {
      personId: person.id,
      programId,
      status,
      referredOn: date(addMonths(today(), -10)),
      enrolledOn: date(addMonths(today(), -9)),
      completedOn: status === "COMPLETED" ? date(completedOn) : null,
    },
    select: { id: true },
  });
  await recomputeTasks(getDb(), { now: new Date(), caseIds: [person.id] });
  return { caseId: person.id, enrollmentId: enrollment.id, completedOn };
}

const input = (c: { caseId: string; enrollmentId: string }, overrides: Record<string, unknown> = {}) =>
  FollowUpInput.parse({
    caseId: c.caseId,
    enrollmentId: c.enrollmentId,
    version: 1,
    afterMonths: "6",
    followedUpOn: today(),
    outcome: "STABLE",
    note: "Позвонили, работает, семья в порядке",
    ...overrides,
  });

async function state(caseId: string) {
  const db = getDb();
  const [person, followUps, events] = await Promise.all([
    db.person.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } }),
    db.followUp.count({ where: { personId: caseId } }),
    db.auditEvent.count({ where: { chain: caseId, action: "followUp.recorded" } }),
  ]);
  return { version: person.version, followUps, events };
}

const followUpTask = (c: { caseId: string; enrollmentId: string }, months: number) =>
  getDb().task.findFirstOrThrow({
    where: { personId: c.caseId, dueKey: `programFollowUp:${c.enrollmentId}:${months}` },
    select: { state: true, closedBy: true },
  });

describe("recordFollowUp", () => {
  it("records the follow-up and closes its task as done in the same transaction, leaving the other follow-up open", async () => {
    const c = await completedCase();
    expect(await followUpTask(c, 6)).toEqual({ state: "OPEN", closedBy: null });
    expect(await outcome(recordFollowUp(team.owner, input(c)))).toBe("ok");
    expect(await state(c.caseId)).toEqual({ version: 2, followUps: 1, events: 1 });
    expect(await followUpTask(c, 6)).toEqual({ state: "DONE", closedBy: "followUp.recorded" });
    expect(await followUpTask(c, 12)).toEqual({ state: "OPEN", closedBy: null });
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { chain: c.caseId, action: "followUp.recorded" } });
    expect(event).toMatchObject({
      actorId: team.owner.id,
      entityType: "follow_up",
      after: { enrollmentId: c.enrollmentId, afterMonths: 6, followedUpOn: today(), outcome: "STABLE" },
    });
    // One transaction id (xmin) on the follow-up, the person's new version, its event and the task closed.
    const writers = await getDb().$queryRaw<{ xmin: string }[]>`
      SELECT xmin::text FROM follow_up WHERE person_id = ${c.caseId}::uuid
      UNION SELECT xmin::text FROM person WHERE id = ${c.caseId}::uuid
      UNION SELECT xmin::text FROM audit_event WHERE chain = ${c.caseId} AND action IN ('followUp.recorded', 'task.done')
      UNION SELECT xmin::text FROM task WHERE person_id = ${c.caseId}::uuid AND state = 'DONE'`;
    expect(writers).toHaveLength(1);
  });

  it("refuses callers who may not edit the case, and writes nothing", async () => {
    const callers: [string, CurrentUser, string][] = [
      ["supervisor of the region", team.supervisor, "ok"],
      ["caseworker of another region", caseworkerElsewhere, "notFound"],
      ["colleague in the region", team.colleague, "notFound"],
      ["auditor", team.auditor, "forbidden"],
    ];
    for (const [who, user, expected] of callers) {
      const c = await completedCase();
      expect(await outcome(recordFollowUp(user, input(c))), who).toBe(expected);
      const written = expected === "ok" ? 1 : 0;
      expect(await state(c.caseId), who).toEqual({ version: 1 + written, followUps: written, events: written });
      expect((await followUpTask(c, 6)).state, who).toBe(expected === "ok" ? "DONE" : "OPEN");
    }
  });

  it("refuses a stale version as a conflict, and writes nothing", async () => {
    const c = await completedCase();
    await getDb().person.update({ where: { id: c.caseId }, data: { version: { increment: 1 } } });
    expect(await outcome(recordFollowUp(team.owner, input(c)))).toBe("conflict");
    expect(await state(c.caseId)).toEqual({ version: 2, followUps: 0, events: 0 });
    expect((await followUpTask(c, 6)).state).toBe("OPEN");
  });

  it("refuses, next to the field, an enrollment not completed or not this case's, a month the rule does not follow up, a day out of range, a second note of the same follow-up", async () => {
    const c = await completedCase();
    const notCompleted = await completedCase("ENROLLED");
    const otherCase = await completedCase();
    expect(await outcome(recordFollowUp(team.owner, input({ ...c, enrollmentId: otherCase.enrollmentId })))).toBe(
      "invalid:enrollmentId=followUpNotCompleted",
    );
    expect(await outcome(recordFollowUp(team.owner, input({ ...c, enrollmentId: notCompleted.enrollmentId })))).toBe(
      "invalid:enrollmentId=followUpNotCompleted",
    );
    expect(await outcome(recordFollowUp(team.owner, input(notCompleted)))).toBe("invalid:enrollmentId=followUpNotCompleted");
    expect(await outcome(recordFollowUp(team.owner, input(c, { afterMonths: "7" })))).toBe("invalid:afterMonths=invalid");
    const tomorrow = isoDayOf(new Date(Date.now() + 86_400_000));
    expect(await outcome(recordFollowUp(team.owner, input(c, { followedUpOn: tomorrow })))).toBe("invalid:followedUpOn=future");
    expect(await outcome(recordFollowUp(team.owner, input(c, { followedUpOn: addMonths(c.completedOn, -1) })))).toBe(
      "invalid:followedUpOn=beforeCompletion",
    );
    expect(await state(c.caseId)).toEqual({ version: 1, followUps: 0, events: 0 });
    expect(await outcome(recordFollowUp(team.owner, input(c)))).toBe("ok");
    expect(await outcome(recordFollowUp(team.owner, input(c, { version: 2 })))).toBe("invalid:afterMonths=followUpRecorded");
    expect(await state(c.caseId)).toEqual({ version: 2, followUps: 1, events: 1 });
  });

  it("refuses an outcome not on the list, an empty or overlong note at the boundary", () => {
    const fields = (overrides: Record<string, unknown>) =>
      FollowUpInput.safeParse({
        caseId: crypto.randomUUID(),
        enrollmentId: crypto.randomUUID(),
        version: 1,
        afterMonths: "6",
        followedUpOn: today(),
        outcome: "STABLE",
        note: "ok",
        ...overrides,
      }).error?.issues.map((i) => `${i.path.join(".")}=${i.message}`);
    expect(fields({})).toBeUndefined();
    expect(fields({ outcome: "FINE" })).toEqual(["outcome=required"]);
    expect(fields({ outcome: "" })).toEqual(["outcome=required"]);
    expect(fields({ note: "  " })).toEqual(["note=required"]);
    expect(fields({ note: "x".repeat(2001) })).toEqual(["note=tooLong"]);
    expect(fields({ afterMonths: "six" })).toEqual(["afterMonths=required"]);
  });
});
