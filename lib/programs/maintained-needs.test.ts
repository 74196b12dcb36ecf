import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import type { EnrollmentStatus, ProsecutionStatus } from "../db/generated/enums";
import { ensureProgramType, makePerson, makeProgram, makeRegion } from "../testing/factories";
import { needsDrift, rebuildNeeds } from "./needs-drift";

const PROSECUTION: ProsecutionStatus[] = [
  "NOT_APPLICABLE",
  "NO_PROCEEDINGS",
  "PRELIMINARY_CHECK",
  "UNDER_INVESTIGATION",
  "CHARGED",
  "ON_TRIAL",
  "CONVICTED",
  "ACQUITTED",
  "PROCEEDINGS_DROPPED",
  "SERVING_SENTENCE",
  "RELEASED_AFTER_SENTENCE",
];
const ENROLLMENT: EnrollmentStatus[] = ["REFERRED", "ENROLLED", "COMPLETED", "DECLINED", "WITHDRAWN", "DROPPED_OUT"];
const ENDED: EnrollmentStatus[] = ["DECLINED", "WITHDRAWN", "DROPPED_OUT"];

let regionId: string;
let programId: string;

// The test's own program types: the reference data require others of every adult too.
const OWN_TYPES = ["TEST_TYPE", "T_NEEDS_EXTRA"];
const needsOf = (personId: string) =>
  getDb().personNeed.findMany({
    where: { personId, programTypeCode: { in: OWN_TYPES } },
    select: { programTypeCode: true, met: true, needSince: true, anyMet: true },
    orderBy: { programTypeCode: "asc" },
  });

async function enrol(personId: string, status: EnrollmentStatus, endedOn = "2023-06-30") {
  await getDb().enrollment.create({
    data: {
      personId,
      programId,
      status,
      referredOn: new Date("2023-01-10"),
      endedOn: ENDED.includes(status) ? new Date(endedOn) : null,
    },
  });
}

beforeAll(async () => {
  regionId = (await makeRegion()).id;
  programId = (await makeProgram(regionId, 100)).id;
  await getDb().programRequirement.createMany({ data: [{ ageCategory: "ADULT_MAN", programTypeCode: "TEST_TYPE" }], skipDuplicates: true });
});

describe("person_need, kept current by triggers", () => {
  it("agrees with the rule for every prosecution status, every enrollment status, a closed case and a type not required", async () => {
    const db = getDb();
    const byStatus = new Map<ProsecutionStatus, string>();
    for (const status of PROSECUTION) {
      const person = await makePerson(regionId, null);
      await db.person.update({ where: { id: person.id }, data: { prosecutionStatus: status } });
      byStatus.set(status, person.id);
    }
    const byEnrollment = new Map<EnrollmentStatus, string>();
    for (const status of ENROLLMENT) {
      const person = await makePerson(regionId, null);
      await enrol(person.id, status);
      byEnrollment.set(status, person.id);
    }
    const closed = await makePerson(regionId, null);
    await db.person.update({ where: { id: closed.id }, data: { caseStatus: "CLOSED" } });
    const notRequired = await makePerson(regionId, null);
    await db.programNeed.create({ data: { personId: notRequired.id, programTypeCode: "TEST_TYPE", state: "NOT_REQUIRED" } });

    expect(await needsDrift(db)).toBe(0);
    expect(await needsOf(byStatus.get("CONVICTED")!)).toEqual([]);
    expect(await needsOf(byStatus.get("ON_TRIAL")!)).toEqual([
      { programTypeCode: "TEST_TYPE", met: false, needSince: new Date("2019-05-07"), anyMet: false },
    ]);
    expect((await needsOf(byEnrollment.get("REFERRED")!))[0]?.met).toBe(true);
    expect(await needsOf(byEnrollment.get("DECLINED")!)).toEqual([
      { programTypeCode: "TEST_TYPE", met: false, needSince: new Date("2023-06-30"), anyMet: false },
    ]);
    expect(await needsOf(closed.id)).toEqual([]);
    expect(await needsOf(notRequired.id)).toEqual([]);
  });

  it("follows a conviction, an acquittal, a requirement dropped and added, each in the writing transaction", async () => {
    const db = getDb();
    const person = await makePerson(regionId, null);
    expect(await needsOf(person.id)).toHaveLength(1);
    await db.$transaction(async (tx) => {
      await tx.person.update({ where: { id: person.id }, data: { prosecutionStatus: "CONVICTED" } });
      // Inside the same transaction, before it commits.
      expect(await tx.personNeed.count({ where: { personId: person.id } })).toBe(0);
      await tx.person.update({ where: { id: person.id }, data: { prosecutionStatus: "ACQUITTED" } });
    });
    expect(await needsOf(person.id)).toHaveLength(1);
    await ensureProgramType("T_NEEDS_EXTRA");
    await db.programRequirement.create({ data: { ageCategory: "ADULT_MAN", programTypeCode: "T_NEEDS_EXTRA" } });
    expect((await needsOf(person.id)).map((n) => n.programTypeCode)).toEqual(["TEST_TYPE", "T_NEEDS_EXTRA"]);
    await db.programRequirement.delete({
      where: { ageCategory_programTypeCode: { ageCategory: "ADULT_MAN", programTypeCode: "T_NEEDS_EXTRA" } },
    });
    expect((await needsOf(person.id)).map((n) => n.programTypeCode)).toEqual(["TEST_TYPE"]);
    expect(await needsDrift(db)).toBe(0);
  });

  it("counts both of two enrollments written for one person at the same moment", async () => {
    const person = await makePerson(regionId, null);
    await Promise.all([enrol(person.id, "DECLINED", "2024-02-01"), enrol(person.id, "REFERRED")]);
    expect(await needsOf(person.id)).toEqual([
      { programTypeCode: "TEST_TYPE", met: true, needSince: new Date("2024-02-01"), anyMet: true },
    ]);
    expect(await needsDrift(getDb())).toBe(0);
  });

  it("is found out when edited by hand, and rebuilt", async () => {
    const db = getDb();
    const person = await makePerson(regionId, null);
    const kept = await db.personNeed.count({ where: { personId: person.id } });
    await db.$executeRaw`DELETE FROM person_need WHERE person_id = ${person.id}::uuid`;
    expect(await needsDrift(db)).toBe(kept);
    await rebuildNeeds(db);
    expect(await needsDrift(db)).toBe(0);
    expect(await needsOf(person.id)).toHaveLength(1);
  });
});
