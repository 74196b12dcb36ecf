import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/session-store";
import { addNote } from "../cases/add-note";
import { outcome } from "../testing/outcome";
import { makePerson, makeProgram, makeReason, makeTeam } from "../testing/factories";
import { EnrollmentStepInput, ReferInput } from "../validation/enrollment";
import { advanceEnrollment, referToProgram } from "./enrollments";

let owner: CurrentUser;
let colleague: CurrentUser;
let auditor: CurrentUser;
let regionId: string;

beforeAll(async () => {
  const team = await makeTeam();
  ({ owner, colleague, auditor } = team);
  regionId = team.region.id;
});

const refer = (caseId: string, programId: string) => ReferInput.parse({ caseId, programId, date: "2024-02-01" });
const step = (enrollmentId: string, step: string, extra: Record<string, unknown> = {}) =>
  EnrollmentStepInput.parse({ enrollmentId, version: 1, step, date: "2024-03-01", ...extra });

async function referredPerson(programId: string) {
  const person = await makePerson(regionId, owner.id);
  const { id } = await referToProgram(owner, refer(person.id, programId));
  return { person, enrollmentId: id };
}

describe("referral and enrollment", () => {
  it("refers, enrols and completes, each step with its date and audit event", async () => {
    const program = await makeProgram(regionId, 5);
    const { person, enrollmentId } = await referredPerson(program.id);
    expect(await outcome(advanceEnrollment(owner, step(enrollmentId, "enrol")))).toBe("ok");
    expect(
      await outcome(
        advanceEnrollment(owner, step(enrollmentId, "complete", { version: 2, date: "2024-09-01", outcomeNote: "Курс пройден" })),
      ),
    ).toBe("ok");
    const stored = await getDb().enrollment.findUniqueOrThrow({ where: { id: enrollmentId } });
    expect(stored).toMatchObject({ status: "COMPLETED", version: 3, outcomeNote: "Курс пройден" });
    expect(stored.enrolledOn?.toISOString().slice(0, 10)).toBe("2024-03-01");
    const actions = (await getDb().auditEvent.findMany({ where: { chain: person.id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    // Each step's tasks are settled in its transaction, recorded after the step's own event.
    expect(actions).toEqual([
      "enrollment.referred",
      "task.created",
      "task.created",
      "enrollment.enrolled",
      "task.done",
      "enrollment.completed",
      "task.created",
      "task.created",
    ]);
    const tasks = await getDb().task.findMany({ where: { personId: person.id }, orderBy: { dueOn: "asc" } });
    expect(tasks.filter((t) => t.rule !== "caseReview").map((t) => [t.rule, t.state, t.closedBy])).toEqual([
      ["referralWaiting", "DONE", "enrollment.enrolled"],
      ["programFollowUp", "OPEN", null],
      ["programFollowUp", "OPEN", null],
    ]);
  });

  it("gives the last place to exactly one of two people enrolled at the same moment; the other is told the program is full", async () => {
    const program = await makeProgram(regionId, 1);
    const [a, b] = await Promise.all([referredPerson(program.id), referredPerson(program.id)]);
    const results = await Promise.all([
      outcome(advanceEnrollment(owner, step(a.enrollmentId, "enrol"))),
      outcome(advanceEnrollment(owner, step(b.enrollmentId, "enrol"))),
    ]);
    expect(results.sort()).toEqual(["invalid:step=programFull", "ok"]);
    expect(await getDb().enrollment.count({ where: { programId: program.id, status: "ENROLLED" } })).toBe(1);
  });

  it("asks for a reason of the right kind when a referral is declined", async () => {
    const program = await makeProgram(regionId, 5);
    const { enrollmentId } = await referredPerson(program.id);
    const wrongKind = await makeReason("DROP_OUT");
    expect(await outcome(advanceEnrollment(owner, step(enrollmentId, "decline", { reasonId: wrongKind.id })))).toBe(
      "invalid:reasonId=required",
    );
    const decline = await makeReason("DECLINE");
    expect(await outcome(advanceEnrollment(owner, step(enrollmentId, "decline", { reasonId: decline.id })))).toBe("ok");
  });

  it("refuses a step the lifecycle does not allow and a stale version", async () => {
    const program = await makeProgram(regionId, 5);
    const { enrollmentId } = await referredPerson(program.id);
    expect(await outcome(advanceEnrollment(owner, step(enrollmentId, "complete")))).toBe("invalid:step=stepNotAllowed");
    await advanceEnrollment(owner, step(enrollmentId, "enrol"));
    expect(await outcome(advanceEnrollment(owner, step(enrollmentId, "complete")))).toBe("conflict");
  });

  it("authorizes on the enrollment's own case: a colleague and the auditor are refused and nothing changes", async () => {
    const program = await makeProgram(regionId, 5);
    const { enrollmentId } = await referredPerson(program.id);
    expect(await outcome(advanceEnrollment(colleague, step(enrollmentId, "enrol")))).toBe("notFound");
    expect(await outcome(advanceEnrollment(auditor, step(enrollmentId, "enrol")))).toBe("forbidden");
    expect(await getDb().enrollment.findUniqueOrThrow({ where: { id: enrollmentId }, select: { status: true, version: true } })).toEqual({
      status: "REFERRED",
      version: 1,
    });
  });

  it("takes a referral to a full program but says it is full, so nobody learns it only when enrolment is refused", async () => {
    const program = await makeProgram(regionId, 1);
    const { enrollmentId } = await referredPerson(program.id);
    await advanceEnrollment(owner, step(enrollmentId, "enrol"));
    const waiting = await makePerson(regionId, owner.id);
    expect(await referToProgram(owner, refer(waiting.id, program.id))).toMatchObject({ full: true });
    const other = await makePerson(regionId, owner.id);
    expect(await referToProgram(owner, refer(other.id, (await makeProgram(regionId, 1)).id))).toMatchObject({ full: false });
  });

  it("refuses a referral to an inactive program", async () => {
    const program = await makeProgram(regionId, 5);
    await getDb().program.update({ where: { id: program.id }, data: { active: false } });
    const person = await makePerson(regionId, owner.id);
    expect(await outcome(referToProgram(owner, refer(person.id, program.id)))).toBe("invalid:programId=programUnavailable");
  });
});

describe("notes", () => {
  it("adds a note with its audit event, and refuses someone who may not edit the case", async () => {
    const person = await makePerson(regionId, owner.id);
    await addNote(owner, { caseId: person.id, body: "Беседа с матерью" });
    expect(await outcome(addNote(auditor, { caseId: person.id, body: "x" }))).toBe("forbidden");
    expect(await outcome(addNote(colleague, { caseId: person.id, body: "x" }))).toBe("notFound");
    expect(await getDb().note.count({ where: { personId: person.id } })).toBe(1);
    expect(await getDb().auditEvent.count({ where: { chain: person.id, action: "note.added" } })).toBe(1);
  });
});
