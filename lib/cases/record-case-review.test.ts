import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/session-store";
import { isoDayOf } from "../calendar/calendar-day";
import { outcome } from "../testing/outcome";
import { makePerson, makeTeam, makeUser, type Team } from "../testing/factories";
import { CaseReviewInput } from "../validation/case-review";
import { recordCaseReview } from "./record-case-review";

let team: Team;
let caseworkerElsewhere: CurrentUser;
let supervisorElsewhere: CurrentUser;

beforeAll(async () => {
  team = await makeTeam();
  [caseworkerElsewhere, supervisorElsewhere] = await Promise.all([
    makeUser("CASEWORKER", [team.otherRegion.id]),
    makeUser("SUPERVISOR", [team.otherRegion.id]),
  ]);
});

const today = () => isoDayOf(new Date());

const input = (caseId: string, overrides: Record<string, unknown> = {}) =>
  CaseReviewInput.parse({
    caseId,
    version: 1,
    reviewedOn: today(),
    riskLevel: "HIGH",
    note: "Беседа с семьёй, риск подтверждён",
    ...overrides,
  });

async function state(caseId: string) {
  const db = getDb();
  const [person, reviews, events] = await Promise.all([
    db.person.findUniqueOrThrow({ where: { id: caseId }, select: { version: true, riskLevel: true } }),
    db.caseReview.count({ where: { personId: caseId } }),
    db.auditEvent.count({ where: { chain: caseId, action: "case.reviewed" } }),
  ]);
  return { ...person, reviews, events };
}

describe("recordCaseReview", () => {
  it("the case's caseworker and its region's supervisor may record a review; no one else, and a refusal writes nothing", async () => {
    const callers: [string, CurrentUser, string][] = [
      ["caseworker of the case", team.owner, "ok"],
      ["supervisor of the region", team.supervisor, "ok"],
      ["colleague in the region", team.colleague, "notFound"],
      ["caseworker of another region", caseworkerElsewhere, "notFound"],
      ["supervisor of another region", supervisorElsewhere, "notFound"],
      // The auditor sees every case but edits none: told so, rather than that the case is absent.
      ["auditor", team.auditor, "forbidden"],
      ["administrator", team.administrator, "notFound"],
    ];
    for (const [who, user, expected] of callers) {
      const person = await makePerson(team.region.id, team.owner.id);
      expect(await outcome(recordCaseReview(user, input(person.id))), who).toBe(expected);
      const reviews = expected === "ok" ? 1 : 0;
      expect(await state(person.id), who).toMatchObject({ reviews, events: reviews, version: 1 + reviews });
    }
  });

  it("changes the risk level and records the change, the day and the note in one audit event of the same transaction", async () => {
    const person = await makePerson(team.region.id, team.owner.id);
    expect(await outcome(recordCaseReview(team.owner, input(person.id)))).toBe("ok");
    expect(await state(person.id)).toEqual({ version: 2, riskLevel: "HIGH", reviews: 1, events: 1 });
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { chain: person.id, action: "case.reviewed" } });
    expect(event).toMatchObject({
      actorId: team.owner.id,
      entityType: "case_review",
      before: { riskLevel: "UNASSESSED" },
      after: { reviewedOn: today(), riskLevel: "HIGH", note: "Беседа с семьёй, риск подтверждён" },
    });
    // One transaction id (xmin) on the review, the person's new version and the event: they commit or fail as one.
    const writers = await getDb().$queryRaw<{ xmin: string }[]>`
      SELECT xmin::text FROM case_review WHERE person_id = ${person.id}::uuid
      UNION SELECT xmin::text FROM person WHERE id = ${person.id}::uuid
      UNION SELECT xmin::text FROM audit_event WHERE chain = ${person.id} AND action = 'case.reviewed'`;
    expect(writers).toHaveLength(1);
  });

  it("a confirmed risk level is recorded without a before, and still raises the version", async () => {
    const person = await makePerson(team.region.id, team.owner.id);
    await recordCaseReview(team.owner, input(person.id, { riskLevel: "UNASSESSED" }));
    expect(await state(person.id)).toEqual({ version: 2, riskLevel: "UNASSESSED", reviews: 1, events: 1 });
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { chain: person.id, action: "case.reviewed" } });
    expect(event.before).toBeNull();
  });

  it("refuses a review made from a stale version as a conflict, and writes nothing", async () => {
    const person = await makePerson(team.region.id, team.owner.id);
    await recordCaseReview(team.owner, input(person.id));
    expect(await outcome(recordCaseReview(team.supervisor, input(person.id, { riskLevel: "LOW" })))).toBe("conflict");
    expect(await state(person.id)).toEqual({ version: 2, riskLevel: "HIGH", reviews: 1, events: 1 });
  });

  it("refuses a day in the future or before the case was registered, on the date field, and writes nothing", async () => {
    const person = await makePerson(team.region.id, team.owner.id);
    const tomorrow = isoDayOf(new Date(Date.now() + 86_400_000));
    expect(await outcome(recordCaseReview(team.owner, input(person.id, { reviewedOn: tomorrow })))).toBe("invalid:reviewedOn=future");
    expect(await outcome(recordCaseReview(team.owner, input(person.id, { reviewedOn: "2020-01-01" })))).toBe(
      "invalid:reviewedOn=beforeRegistration",
    );
    expect(await state(person.id)).toEqual({ version: 1, riskLevel: "UNASSESSED", reviews: 0, events: 0 });
  });

  it("refuses an empty or overlong note and an unknown risk level at the boundary", () => {
    const fields = (overrides: Record<string, unknown>) =>
      CaseReviewInput.safeParse({
        caseId: crypto.randomUUID(),
        version: 1,
        reviewedOn: today(),
        riskLevel: "HIGH",
        note: "ok",
        ...overrides,
      }).error?.issues.map((i) => `${i.path.join(".")}=${i.message}`);
    expect(fields({ note: "  " })).toEqual(["note=required"]);
    expect(fields({ note: "x".repeat(2001) })).toEqual(["note=tooLong"]);
    expect(fields({ riskLevel: "EXTREME" })).toEqual(["riskLevel=required"]);
    expect(fields({ reviewedOn: "2026-02-30" })).toEqual(["reviewedOn=date"]);
  });
});
