import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import type { AgeCategory, CaseStatus, EnrollmentStatus, ProsecutionStatus } from "../db/generated/enums";
import type { CurrentUser } from "../auth/session-store";
import { makeRegion, makeUser } from "../testing/factories";
import { Random } from "../../prisma/seed/random";
import { ReviewQuery } from "../validation/review";
import { reviewQueue } from "./queue";
import { waitingTargetDays } from "./settings";

/**
 * The queue the app computes must equal the queue computed here, from the same rows, by a
 * deliberately plain reading of DOMAIN.md's "Needs a program", for random persons, prosecution
 * states, needs and enrollments. Each round uses its own region, so other tests cannot disturb it.
 */
const TYPES = ["Q_PSY", "Q_EDU", "Q_VOC", "Q_REL"] as const;
const REQUIRED: Record<AgeCategory, readonly string[]> = { MINOR: ["Q_PSY", "Q_EDU"], ADULT_MAN: ["Q_PSY", "Q_VOC", "Q_REL"], ADULT_WOMAN: ["Q_PSY", "Q_VOC", "Q_REL"] };
const STATUSES: readonly ProsecutionStatus[] = ["NOT_APPLICABLE", "NO_PROCEEDINGS", "UNDER_INVESTIGATION", "CHARGED", "CONVICTED", "ACQUITTED", "PROCEEDINGS_DROPPED", "SERVING_SENTENCE", "RELEASED_AFTER_SENTENCE"];
const CASE_STATUSES: readonly CaseStatus[] = ["OPEN", "OPEN", "OPEN", "CLOSED", "TRANSFERRED"];
const ENROLLMENT_STATUSES: readonly EnrollmentStatus[] = ["REFERRED", "ENROLLED", "COMPLETED", "DECLINED", "WITHDRAWN", "DROPPED_OUT"];
const TODAY = new Date("2026-06-15T00:00:00Z");
const DAY = 86_400_000;

type Generated = {
  id: string;
  caseStatus: CaseStatus;
  prosecutionStatus: ProsecutionStatus;
  ageCategory: AgeCategory;
  returnDate: Date;
  notRequired: string[];
  enrollments: { type: string; status: EnrollmentStatus; endedOn: Date | null }[];
};

let auditor: CurrentUser;

beforeAll(async () => {
  const db = getDb();
  for (const code of TYPES) await db.programType.upsert({ where: { code }, update: {}, create: { code, labelEn: code, labelRu: code, labelKk: code } });
  // The test's own types, so the configured requirements of other tests' types are untouched.
  await db.programRequirement.createMany({ data: Object.entries(REQUIRED).flatMap(([ageCategory, codes]) => codes.map((programTypeCode) => ({ ageCategory: ageCategory as AgeCategory, programTypeCode }))), skipDuplicates: true });
  auditor = await makeUser("AUDITOR");
});

async function generate(random: Random, regionId: string): Promise<Generated[]> {
  const db = getDb();
  await db.returnOperation.upsert({ where: { code: "TEST_OP" }, update: {}, create: { code: "TEST_OP", nameEn: "T", nameRu: "T", nameKk: "T" } });
  const programs = new Map<string, string>();
  for (const type of TYPES) programs.set(type, (await db.program.create({ data: { name: `Q ${type} ${randomUUID().slice(0, 6)}`, programTypeCode: type, provider: "Q", regionId, capacity: 100 } })).id);
  const people: Generated[] = [];
  for (let i = 0; i < 30; i++) {
    const ageCategory = random.pick<AgeCategory>(["MINOR", "ADULT_MAN", "ADULT_WOMAN"]);
    const returnDate = new Date(TODAY.getTime() - random.int(0, 400) * DAY);
    const g: Generated = {
      id: randomUUID(),
      caseStatus: random.pick(CASE_STATUSES),
      prosecutionStatus: random.pick(STATUSES),
      ageCategory,
      returnDate,
      notRequired: TYPES.filter(() => random.chance(0.15)),
      enrollments: Array.from({ length: random.int(0, 3) }, () => {
        const status = random.pick(ENROLLMENT_STATUSES);
        const ended = status === "DECLINED" || status === "WITHDRAWN" || status === "DROPPED_OUT";
        return { type: random.pick(TYPES), status, endedOn: ended ? new Date(returnDate.getTime() + random.int(0, 200) * DAY) : null };
      }),
    };
    people.push(g);
    await db.person.create({
      data: {
        id: g.id, caseNumber: `KZ-2096-${randomUUID().slice(0, 12)}`, familyName: "Очередь", givenName: "Тест", familyNameLatin: "Ochered", givenNameLatin: "Test", searchName: "ochered test",
        sex: "FEMALE", birthDate: new Date("2000-01-01"), regionId, returnDate, returnOperationCode: "TEST_OP", returnedFrom: "SY", ageCategory, caseStatus: g.caseStatus, prosecutionStatus: g.prosecutionStatus,
      },
    });
    for (const type of g.notRequired) await db.programNeed.create({ data: { personId: g.id, programTypeCode: type, state: "NOT_REQUIRED", comment: "test" } });
    // A need the person declined stays a need: only "not required" takes a type out.
    if (random.chance(0.2)) await db.programNeed.create({ data: { personId: g.id, programTypeCode: TYPES.find((t) => !g.notRequired.includes(t)) ?? "Q_PSY", state: "DECLINED_BY_PERSON" } }).catch(() => undefined);
    for (const e of g.enrollments) {
      await db.enrollment.create({ data: { personId: g.id, programId: programs.get(e.type)!, status: e.status, referredOn: g.returnDate, endedOn: e.endedOn } });
    }
  }
  return people;
}

/** The definition, read plainly. */
function expectedQueue(people: Generated[], targetDays: number) {
  const meets = (s: EnrollmentStatus) => s === "REFERRED" || s === "ENROLLED" || s === "COMPLETED";
  const convicted = (s: ProsecutionStatus) => s === "CONVICTED" || s === "SERVING_SENTENCE" || s === "RELEASED_AFTER_SENTENCE";
  return people
    .filter((p) => p.caseStatus === "OPEN" && !convicted(p.prosecutionStatus))
    .map((p) => {
      const missing = REQUIRED[p.ageCategory].filter((type) => !p.notRequired.includes(type) && !p.enrollments.some((e) => e.type === type && meets(e.status))).sort();
      const since = missing.map((type) => Math.max(p.returnDate.getTime(), ...p.enrollments.filter((e) => e.type === type && e.endedOn).map((e) => e.endedOn!.getTime())));
      const daysWaiting = Math.round((TODAY.getTime() - Math.min(...since)) / DAY);
      return { id: p.id, missingTypes: missing, daysWaiting, overdue: daysWaiting > targetDays && !p.enrollments.some((e) => meets(e.status)) };
    })
    .filter((row) => row.missingTypes.length > 0)
    .sort((a, b) => b.daysWaiting - a.daysWaiting || a.id.localeCompare(b.id));
}

describe("review queue, against a plain reading of the definition", () => {
  for (const seed of [11, 23, 37, 41, 59]) {
    it(`agrees on random persons, needs and enrollments (seed ${seed})`, async () => {
      const region = await makeRegion();
      const people = await generate(new Random(seed), region.id);
      const page = await reviewQueue(auditor, ReviewQuery.parse({ region: region.id }), TODAY);
      const expected = expectedQueue(people, await waitingTargetDays());
      // The queue's own types only: the run's database may hold other required types for others.
      const actual = page.rows.map((r) => ({ id: r.id, missingTypes: r.missingTypes.filter((t) => t.startsWith("Q_")), daysWaiting: r.daysWaiting, overdue: r.overdue }));
      expect(actual).toEqual(expected);
      expect(page.total).toBe(expected.length);
      expect(page.overdue).toBe(expected.filter((r) => r.overdue).length);
    });
  }
});
