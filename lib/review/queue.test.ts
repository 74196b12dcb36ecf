import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import type { AgeCategory, CaseStatus, EnrollmentStatus, ProsecutionStatus } from "../db/generated/enums";
import type { CurrentUser } from "../auth/session-store";
import { Random } from "../../prisma/seed/random";
import { ReviewQuery } from "../validation/review";
import { reviewQueue } from "./queue";
import { getDashboard } from "../dashboard/dashboard";
import { waitingTargetDays } from "../tasks/waiting-target";
import { assignCaseworker } from "../cases/assign-caseworker";
import { markNeedNotRequired } from "../programs/needs";
import { ensureProgramType, makePerson, makeProgram, makeReason, makeRegion, makeUser } from "../testing/factories";
import { outcome } from "../testing/outcome";
import { BulkReviewInput } from "../validation/review-actions";
import { runBulkReview } from "./bulk";
import { saveReviewSettings } from "../admin/review-settings";
import { ReviewSettingsInput } from "../validation/review-settings";

/**
 * The queue the app computes must equal the queue computed here, from the same rows, by a
 * deliberately plain reading of docs/domain.md's "Needs a program", for random persons, prosecution
 * states, needs and enrollments. Each round uses its own region. The required types are shared by
 * the whole database, so every test that configures them lives in this one file, which runs in order.
 */
const TYPES = ["Q_PSY", "Q_EDU", "Q_VOC", "Q_REL"] as const;
const REQUIRED: Record<AgeCategory, readonly string[]> = {
  MINOR: ["Q_PSY", "Q_EDU"],
  ADULT_MAN: ["Q_PSY", "Q_VOC", "Q_REL"],
  ADULT_WOMAN: ["Q_PSY", "Q_VOC", "Q_REL"],
};
const STATUSES: readonly ProsecutionStatus[] = [
  "NOT_APPLICABLE",
  "NO_PROCEEDINGS",
  "UNDER_INVESTIGATION",
  "CHARGED",
  "CONVICTED",
  "ACQUITTED",
  "PROCEEDINGS_DROPPED",
  "SERVING_SENTENCE",
  "RELEASED_AFTER_SENTENCE",
];
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
  for (const code of TYPES)
    await db.programType.upsert({ where: { code }, update: {}, create: { code, labelEn: code, labelRu: code, labelKk: code } });
  // The test's own types, so the configured requirements of other tests' types are untouched.
  await db.programRequirement.createMany({
    data: Object.entries(REQUIRED).flatMap(([ageCategory, codes]) =>
      codes.map((programTypeCode) => ({ ageCategory: ageCategory as AgeCategory, programTypeCode })),
    ),
    skipDuplicates: true,
  });
  auditor = await makeUser("AUDITOR");
});

async function generate(random: Random, regionId: string): Promise<Generated[]> {
  const db = getDb();
  await db.returnOperation.upsert({
    where: { code: "TEST_OP" },
    update: {},
    create: { code: "TEST_OP", nameEn: "T", nameRu: "T", nameKk: "T" },
  });
  const programs = new Map<string, string>();
  for (const type of TYPES)
    programs.set(
      type,
      (
        await db.program.create({
          data: { name: `Q ${type} ${randomUUID().slice(0, 6)}`, programTypeCode: type, provider: "Q", regionId, capacity: 100 },
        })
      ).id,
    );
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
        id: g.id,
        caseNumber: `KZ-2096-${randomUUID().slice(0, 12)}`,
        familyName: "Очередь",
        givenName: "Тест",
        familyNameLatin: "Ochered",
        givenNameLatin: "Test",
        searchName: "ochered test",
        sex: "FEMALE",
        birthDate: new Date("2000-01-01"),
        regionId,
        returnDate,
        returnOperationCode: "TEST_OP",
        returnedFrom: "SY",
        ageCategory,
        caseStatus: g.caseStatus,
        prosecutionStatus: g.prosecutionStatus,
      },
    });
    for (const type of g.notRequired)
      await db.programNeed.create({ data: { personId: g.id, programTypeCode: type, state: "NOT_REQUIRED", comment: "test" } });
    // A need the person declined stays a need: only "not required" takes a type out.
    if (random.chance(0.2))
      await db.programNeed
        .create({
          data: { personId: g.id, programTypeCode: TYPES.find((t) => !g.notRequired.includes(t)) ?? "Q_PSY", state: "DECLINED_BY_PERSON" },
        })
        .catch(() => undefined);
    for (const e of g.enrollments) {
      await db.enrollment.create({
        data: { personId: g.id, programId: programs.get(e.type)!, status: e.status, referredOn: g.returnDate, endedOn: e.endedOn },
      });
    }
  }
  return people;
}

/** The definition, read plainly, with the required types as configured. */
function expectedQueue(people: Generated[], targetDays: number, required: Record<AgeCategory, string[]>) {
  const meets = (s: EnrollmentStatus) => s === "REFERRED" || s === "ENROLLED" || s === "COMPLETED";
  const convicted = (s: ProsecutionStatus) => s === "CONVICTED" || s === "SERVING_SENTENCE" || s === "RELEASED_AFTER_SENTENCE";
  return people
    .filter((p) => p.caseStatus === "OPEN" && !convicted(p.prosecutionStatus))
    .map((p) => {
      const missing = required[p.ageCategory]
        .filter((type) => !p.notRequired.includes(type) && !p.enrollments.some((e) => e.type === type && meets(e.status)))
        .sort();
      const since = missing.map((type) =>
        Math.max(p.returnDate.getTime(), ...p.enrollments.filter((e) => e.type === type && e.endedOn).map((e) => e.endedOn!.getTime())),
      );
      const daysWaiting = Math.round((TODAY.getTime() - Math.min(...since)) / DAY);
      return {
        id: p.id,
        missingTypes: missing,
        daysWaiting,
        overdue: daysWaiting > targetDays && !p.enrollments.some((e) => meets(e.status)),
      };
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
      const required: Record<AgeCategory, string[]> = { MINOR: [], ADULT_MAN: [], ADULT_WOMAN: [] };
      for (const r of await getDb().programRequirement.findMany()) required[r.ageCategory].push(r.programTypeCode);
      const expected = expectedQueue(people, await waitingTargetDays(), required);
      const actual = page.rows.map((r) => ({ id: r.id, missingTypes: r.missingTypes, daysWaiting: r.daysWaiting, overdue: r.overdue }));
      expect(actual).toEqual(expected);
      expect(page.total).toBe(expected.length);
      expect(page.overdue).toBe(expected.filter((r) => r.overdue).length);
      // The dashboard reads the same needs its own way: its overdue count must agree.
      const dashboard = await getDashboard(await makeUser("SUPERVISOR", [region.id]), { today: TODAY });
      expect(dashboard.overdue.value).toBe(expected.filter((r) => r.overdue).length);
      // A caseworker's own cases are counted from their rows, not the region's tallies: the same answer for their part.
      const caseworker = await makeUser("CASEWORKER", [region.id]);
      const theirs = new Set(people.filter((_, i) => i % 2 === 0).map((p) => p.id));
      await getDb().person.updateMany({ where: { id: { in: [...theirs] } }, data: { caseworkerId: caseworker.id } });
      const own = expected.filter((r) => theirs.has(r.id));
      expect(await reviewQueue(caseworker, ReviewQuery.parse({}), TODAY)).toMatchObject({
        total: own.length,
        overdue: own.filter((r) => r.overdue).length,
      });
      expect((await getDashboard(caseworker, { today: TODAY })).overdue.value).toBe(own.filter((r) => r.overdue).length);
    });
  }
});

describe("review queue pages", () => {
  it("pages a queue longer than one page by its cursor, each page with the whole queue's counts", async () => {
    const region = await makeRegion();
    const waiting = new Set<string>();
    for (let i = 0; i < 55; i++) waiting.add((await makePerson(region.id, null)).id);
    const first = await reviewQueue(auditor, ReviewQuery.parse({ region: region.id }), TODAY);
    expect(first.rows).toHaveLength(50);
    expect(first.nextCursor).not.toBeNull();
    const second = await reviewQueue(auditor, ReviewQuery.parse({ region: region.id, cursor: first.nextCursor }), TODAY);
    expect(second.rows).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id))).toEqual(waiting);
    expect([first.total, second.total]).toEqual([55, 55]);
  });

  it("answers an empty queue with zero counts and no rows", async () => {
    const region = await makeRegion();
    expect(await reviewQueue(auditor, ReviewQuery.parse({ region: region.id }), TODAY)).toMatchObject({
      rows: [],
      total: 0,
      overdue: 0,
      nextCursor: null,
    });
  });
});

let regionA: string;
let regionB: string;
let supervisor: CurrentUser;
let supervisorB: CurrentUser;
let caseworkerA: CurrentUser;
let caseworkerB: CurrentUser;
let notRequiredReason: string;

beforeAll(async () => {
  [regionA, regionB] = (await Promise.all([makeRegion(), makeRegion()])).map((r) => r.id) as [string, string];
  supervisor = await makeUser("SUPERVISOR", [regionA, regionB]);
  supervisorB = await makeUser("SUPERVISOR", [regionB]);
  caseworkerA = await makeUser("CASEWORKER", [regionA]);
  caseworkerB = await makeUser("CASEWORKER", [regionB]);
  notRequiredReason = (await makeReason("NOT_REQUIRED")).id;
  await ensureProgramType();
  await getDb().programRequirement.createMany({ data: [{ ageCategory: "ADULT_MAN", programTypeCode: "TEST_TYPE" }], skipDuplicates: true });
});

const events = (caseId: string, action: string) => getDb().auditEvent.findMany({ where: { chain: caseId, action } });
// Other test files add required types of their own to the shared database, so the check is for this file's type.
const missesTestType = async (caseId: string, regionId: string) =>
  (await reviewQueue(auditor, ReviewQuery.parse({ region: regionId }))).rows.some(
    (r) => r.id === caseId && r.missingTypes.includes("TEST_TYPE"),
  );

describe("acting from the review queue", () => {
  it("assigns a caseworker of the person's region, audited, and refuses one from elsewhere", async () => {
    const person = await makePerson(regionA, null);
    expect(await outcome(assignCaseworker(supervisor, { caseId: person.id, version: 1, caseworkerId: caseworkerB.id }))).toBe(
      "invalid:caseworkerId=caseworkerNotInRegion",
    );
    await assignCaseworker(supervisor, { caseId: person.id, version: 1, caseworkerId: caseworkerA.id });
    const [event] = await events(person.id, "case.assigned");
    expect(event).toMatchObject({ before: { caseworkerId: null }, after: { caseworkerId: caseworkerA.id } });
    expect(await outcome(assignCaseworker(supervisor, { caseId: person.id, version: 1, caseworkerId: caseworkerA.id }))).toBe("conflict");
  });

  it("lets no one but a supervisor of the case's region assign", async () => {
    const person = await makePerson(regionA, null);
    expect(await outcome(assignCaseworker(supervisorB, { caseId: person.id, version: 1, caseworkerId: caseworkerA.id }))).toBe("notFound");
    expect(await outcome(assignCaseworker(caseworkerA, { caseId: person.id, version: 1, caseworkerId: caseworkerA.id }))).toBe("notFound");
    expect(await outcome(assignCaseworker(auditor, { caseId: person.id, version: 1, caseworkerId: caseworkerA.id }))).toBe("forbidden");
    expect(await events(person.id, "case.assigned")).toEqual([]);
    expect((await events(person.id, "access.denied")).length).toBe(3);
  });

  it("meets a need by marking its type not required, with the reason audited", async () => {
    const person = await makePerson(regionA, caseworkerA.id);
    expect(await missesTestType(person.id, regionA)).toBe(true);
    await markNeedNotRequired(supervisor, {
      caseId: person.id,
      programTypeCode: "TEST_TYPE",
      reasonId: notRequiredReason,
      comment: "Работает по специальности",
    });
    expect(await missesTestType(person.id, regionA)).toBe(false);
    const [event] = await events(person.id, "need.marked");
    expect(event).toMatchObject({ reason: "Работает по специальности", after: { programType: "TEST_TYPE", state: "NOT_REQUIRED" } });
  });

  it("applies a bulk referral person by person, and says which failed and why", async () => {
    const program = await makeProgram(regionA, 10);
    const here = [await makePerson(regionA, caseworkerA.id), await makePerson(regionA, caseworkerA.id)];
    const there = await makePerson(regionB, caseworkerB.id);
    const input = BulkReviewInput.parse({
      operation: "refer",
      programId: program.id,
      date: "2026-01-10",
      selected: [...here, there].map((p) => `${p.id}:1`).join(","),
    });
    const outcomes = await runBulkReview(supervisor, input);
    expect(outcomes.map((o) => o.result)).toEqual(["ok", "ok", "programUnavailable"]);
    expect(outcomes[2]!.caseNumber).toBe(there.caseNumber);
    for (const person of here) {
      expect(await events(person.id, "enrollment.referred")).toHaveLength(1);
      expect(await missesTestType(person.id, regionA)).toBe(false);
    }
    expect(await getDb().enrollment.count({ where: { personId: there.id } })).toBe(0);
  });

  it("reports a person whose row went stale as a conflict, and assigns the others", async () => {
    const people = [await makePerson(regionA, null), await makePerson(regionA, null), await makePerson(regionA, null)];
    await getDb().person.update({ where: { id: people[1]!.id }, data: { version: 2 } });
    const input = BulkReviewInput.parse({
      operation: "assign",
      caseworkerId: caseworkerA.id,
      selected: people.map((p) => `${p.id}:1`).join(","),
    });
    expect((await runBulkReview(supervisor, input)).map((o) => o.result)).toEqual(["ok", "conflict", "ok"]);
  });
});

describe("review settings", () => {
  it("are saved by an administrator with one audit event holding before and after, guarded by a version", async () => {
    const admin = await makeUser("ADMINISTRATOR");
    const db = getDb();
    const required = (await db.programRequirement.findMany()).map((r) => `${r.ageCategory}:${r.programTypeCode}`);
    const version = (await db.setting.findUnique({ where: { key: "review.waitingTargetDays" } }))?.version ?? 0;
    const input = (v: number, targetDays: number) =>
      ReviewSettingsInput.parse({ version: v, targetDays, required: required.join(","), reason: "Проверка" });
    expect(await outcome(saveReviewSettings(supervisor, input(version, 45)))).toBe("notFound");
    await saveReviewSettings(admin, input(version, 45));
    expect(await waitingTargetDays()).toBe(45);
    expect(await outcome(saveReviewSettings(admin, input(version, 30)))).toBe("conflict");
    await saveReviewSettings(admin, input(version + 1, 30));
    const events = await db.auditEvent.findMany({
      where: { chain: "system", action: "settings.changed", actorId: admin.id },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => [e.before, e.after])).toEqual([
      [
        { targetDays: 30, required: [...required].sort() },
        { targetDays: 45, required: [...required].sort() },
      ],
      [
        { targetDays: 45, required: [...required].sort() },
        { targetDays: 30, required: [...required].sort() },
      ],
    ]);
  });

  it("write nothing and record no event when a save changes nothing, and still refuse a stale version", async () => {
    const admin = await makeUser("ADMINISTRATOR");
    const db = getDb();
    const required = (await db.programRequirement.findMany()).map((r) => `${r.ageCategory}:${r.programTypeCode}`).join(",");
    const version = (await db.setting.findUnique({ where: { key: "review.waitingTargetDays" } }))?.version ?? 0;
    const targetDays = await waitingTargetDays();
    const same = (v: number) => ReviewSettingsInput.parse({ version: v, targetDays, required, reason: "Без изменений" });
    expect(await saveReviewSettings(admin, same(version))).toBe("unchanged");
    expect((await db.setting.findUnique({ where: { key: "review.waitingTargetDays" } }))?.version ?? 0).toBe(version);
    expect(await outcome(saveReviewSettings(admin, same(version + 5)))).toBe("conflict");
    expect(await db.auditEvent.count({ where: { action: "settings.changed", actorId: admin.id } })).toBe(0);
  });
});
