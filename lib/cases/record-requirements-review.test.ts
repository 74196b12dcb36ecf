import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/session-store";
import { isoDayOf } from "../calendar/calendar-day";
import { outcome } from "../testing/outcome";
import { ensureProgramType, makePerson, makeTeam, makeUser, type Team } from "../testing/factories";
import { addDays, addMonths } from "../tasks/due-tasks";
import { recomputeTasks } from "../task-store/recompute-tasks";
import { RequirementsReviewInput } from "../validation/requirements-review";
import { recordRequirementsReview } from "./record-requirements-review";

let team: Team;
let caseworkerElsewhere: CurrentUser;
let supervisorElsewhere: CurrentUser;

beforeAll(async () => {
  team = await makeTeam();
  [caseworkerElsewhere, supervisorElsewhere] = await Promise.all([
    makeUser("CASEWORKER", [team.otherRegion.id]),
    makeUser("SUPERVISOR", [team.otherRegion.id]),
  ]);
  // A type an adult woman requires, so the event has a list to name.
  await ensureProgramType();
  await getDb().programRequirement.createMany({
    data: [{ ageCategory: "ADULT_WOMAN", programTypeCode: "TEST_TYPE" }],
    skipDuplicates: true,
  });
});

const today = () => isoDayOf(new Date());

const input = (caseId: string, overrides: Record<string, unknown> = {}) =>
  RequirementsReviewInput.parse({
    caseId,
    version: 1,
    reviewedOn: today(),
    note: "Образование завершено, нужна профессиональная подготовка",
    ...overrides,
  });

/** A girl's case, assigned to the team's caseworker, who turns 18 in ten days: her coming-of-age task is due. */
async function minorComingOfAge() {
  const person = await makePerson(team.region.id, team.owner.id);
  const adultOn = addDays(today(), 10);
  await getDb().person.update({
    where: { id: person.id },
    data: { birthDate: new Date(`${addMonths(adultOn, -18 * 12)}T00:00:00Z`), ageCategory: "MINOR", sex: "FEMALE" },
  });
  return person.id;
}

async function state(caseId: string) {
  const db = getDb();
  const [person, reviews, events] = await Promise.all([
    db.person.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } }),
    db.requirementsReview.count({ where: { personId: caseId } }),
    db.auditEvent.count({ where: { chain: caseId, action: "need.reviewed" } }),
  ]);
  return { ...person, reviews, events };
}

describe("recordRequirementsReview", () => {
  it("only a supervisor of the case's region may record it; the caseworker and the auditor are told no, others find no case", async () => {
    const callers: [string, CurrentUser, string][] = [
      ["supervisor of the region", team.supervisor, "ok"],
      // The caseworker sees the case but deciding what a person requires is the supervisors'.
      ["caseworker of the case", team.owner, "forbidden"],
      ["colleague in the region", team.colleague, "notFound"],
      ["caseworker of another region", caseworkerElsewhere, "notFound"],
      ["supervisor of another region", supervisorElsewhere, "notFound"],
      ["auditor", team.auditor, "forbidden"],
      ["administrator", team.administrator, "notFound"],
    ];
    for (const [who, user, expected] of callers) {
      const caseId = await minorComingOfAge();
      expect(await outcome(recordRequirementsReview(user, input(caseId))), who).toBe(expected);
      const reviews = expected === "ok" ? 1 : 0;
      expect(await state(caseId), who).toEqual({ reviews, events: reviews, version: 1 + reviews });
      // A refusal is recorded as such in the case's chain, when the case is in sight or not.
      if (expected !== "ok")
        expect(await getDb().auditEvent.count({ where: { chain: caseId, action: "access.denied", actorId: user.id } }), who).toBe(1);
    }
  });

  it("records the day, the adult category, the types it requires and the note in one audit event of the same transaction", async () => {
    const caseId = await minorComingOfAge();
    expect(await outcome(recordRequirementsReview(team.supervisor, input(caseId)))).toBe("ok");
    expect(await state(caseId)).toEqual({ version: 2, reviews: 1, events: 1 });
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { chain: caseId, action: "need.reviewed" } });
    expect(event).toMatchObject({
      actorId: team.supervisor.id,
      entityType: "requirements_review",
      before: null,
      after: { reviewedOn: today(), ageCategory: "ADULT_WOMAN", note: "Образование завершено, нужна профессиональная подготовка" },
    });
    expect((event.after as { programTypes: string[] }).programTypes).toContain("TEST_TYPE");
    const writers = await getDb().$queryRaw<{ xmin: string }[]>`
      SELECT xmin::text FROM requirements_review WHERE person_id = ${caseId}::uuid
      UNION SELECT xmin::text FROM person WHERE id = ${caseId}::uuid
      UNION SELECT xmin::text FROM audit_event WHERE chain = ${caseId} AND action = 'need.reviewed'`;
    expect(writers).toHaveLength(1);
  });

  it("answers the person's coming-of-age task at once, in the same transaction, and a recomputation then finds nothing to do", async () => {
    const caseId = await minorComingOfAge();
    await recomputeTasks(getDb(), { now: new Date(), caseIds: [caseId] });
    const task = () => getDb().task.findUniqueOrThrow({ where: { personId_dueKey: { personId: caseId, dueKey: "comingOfAge" } } });
    expect(await task()).toMatchObject({ state: "OPEN", responsibleId: null, dueOn: new Date(`${addDays(today(), -20)}T00:00:00Z`) });

    await recordRequirementsReview(team.supervisor, input(caseId));
    expect(await task()).toMatchObject({ state: "DONE", closedBy: "need.reviewed" });
    const events = await getDb().auditEvent.findMany({ where: { chain: caseId }, orderBy: { seq: "asc" }, select: { action: true } });
    expect(events.map((e) => e.action).slice(-2)).toEqual(["need.reviewed", "task.done"]);
    const [closed] = await getDb().$queryRaw<
      { xmin: string }[]
    >`SELECT xmin::text FROM task WHERE person_id = ${caseId}::uuid AND due_key = 'comingOfAge'`;
    const [reviewed] = await getDb().$queryRaw<
      { xmin: string }[]
    >`SELECT xmin::text FROM requirements_review WHERE person_id = ${caseId}::uuid`;
    expect(closed?.xmin).toBe(reviewed?.xmin);
    expect(await recomputeTasks(getDb(), { now: new Date(), caseIds: [caseId] })).toMatchObject({ created: 0, done: 0, reopened: 0 });
  });

  it("refuses a review made from a stale version as a conflict, and writes nothing", async () => {
    const caseId = await minorComingOfAge();
    await recordRequirementsReview(team.supervisor, input(caseId));
    expect(await outcome(recordRequirementsReview(team.supervisor, input(caseId, { note: "Второй раз" })))).toBe("conflict");
    expect(await state(caseId)).toEqual({ version: 2, reviews: 1, events: 1 });
  });

  it("refuses a day in the future or before the case was registered, on the date field, and writes nothing", async () => {
    const caseId = await minorComingOfAge();
    const tomorrow = addDays(today(), 1);
    expect(await outcome(recordRequirementsReview(team.supervisor, input(caseId, { reviewedOn: tomorrow })))).toBe(
      "invalid:reviewedOn=future",
    );
    expect(await outcome(recordRequirementsReview(team.supervisor, input(caseId, { reviewedOn: "2020-01-01" })))).toBe(
      "invalid:reviewedOn=beforeRegistration",
    );
    expect(await state(caseId)).toEqual({ version: 1, reviews: 0, events: 0 });
  });

  it("refuses an empty or overlong note and an impossible date at the boundary", () => {
    const fields = (overrides: Record<string, unknown>) =>
      RequirementsReviewInput.safeParse({
        caseId: crypto.randomUUID(),
        version: 1,
        reviewedOn: today(),
        note: "ok",
        ...overrides,
      }).error?.issues.map((i) => `${i.path.join(".")}=${i.message}`);
    expect(fields({ note: "  " })).toEqual(["note=required"]);
    expect(fields({ note: "x".repeat(2001) })).toEqual(["note=tooLong"]);
    expect(fields({ reviewedOn: "2026-02-30" })).toEqual(["reviewedOn=date"]);
  });
});
