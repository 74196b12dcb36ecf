import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { listedBehind } from "../testing/listed-behind";
import type { EnrollmentStatus, ProsecutionStatus } from "../db/generated/enums";
import type { CurrentUser } from "../auth/session-store";
import { makePerson, makeProgram, makeRegion, makeUser } from "../testing/factories";
import { getDashboard } from "./dashboard";
import { figuresDrift, rebuildFigures } from "./figures-drift";
import { percentileOf } from "./maintained-figures";
import { Prisma } from "../db/generated/client";
import { reviewQueue } from "../review/queue";
import { ReviewQuery } from "../validation/review";

let regionA: string;
let regionB: string;
let programA: string;
let auditor: CurrentUser;
let supervisor: CurrentUser;

const tallyRows = async (regionId: string) => getDb().dashboardTally.count({ where: { regionId } });
const drift = () => figuresDrift(getDb(), [regionA, regionB]);

beforeAll(async () => {
  [regionA, regionB] = await Promise.all([makeRegion(), makeRegion()]).then((rs) => rs.map((r) => r.id));
  programA = (await makeProgram(regionA, 100)).id;
  auditor = await makeUser("AUDITOR");
  supervisor = await makeUser("SUPERVISOR", [regionA]);
});

describe("dashboard figures, kept current by triggers", () => {
  it("follow registrations, status changes, enrollments, a region change and a deletion", async () => {
    const db = getDb();
    const caseworker = await makeUser("CASEWORKER", [regionA]);
    const people = await Promise.all(Array.from({ length: 6 }, (_, i) => makePerson(regionA, i % 2 ? caseworker.id : null)));
    const statuses: ProsecutionStatus[] = ["CHARGED", "CONVICTED", "ACQUITTED"];
    for (const [i, status] of statuses.entries())
      await db.person.update({ where: { id: people[i]!.id }, data: { prosecutionStatus: status } });
    await db.person.update({ where: { id: people[3]!.id }, data: { caseStatus: "CLOSED" } });
    const enrollments: EnrollmentStatus[] = ["REFERRED", "DECLINED"];
    for (const [i, status] of enrollments.entries())
      await db.enrollment.create({
        data: {
          personId: people[4 + i]!.id,
          programId: programA,
          status,
          referredOn: new Date(`2023-0${i + 1}-10`),
          endedOn: status === "DECLINED" ? new Date("2023-06-30") : null,
        },
      });
    await db.person.update({ where: { id: people[5]!.id }, data: { regionId: regionB } });
    await db.person.delete({ where: { id: people[0]!.id } });
    expect(await drift()).toEqual({ persons: 0, tallies: 0 });

    const dashboard = await getDashboard(supervisor);
    expect(dashboard.byRegion.map((r) => [r.key, r.count.value])).toEqual([[regionA, 4]]);
    expect(dashboard.byProsecution.find((r) => r.key === "CONVICTED")?.count.value).toBe(1);
    expect(dashboard.byCaseStatus.find((r) => r.key === "CLOSED")?.count.value).toBe(1);
    // Of the caseworker's three, one was closed and one moved to another region.
    expect(dashboard.caseload.map((r) => [r.caseworkerId, r.count.value])).toEqual([[caseworker.id, 1]]);
  });

  it("writes no tally row for an edit that moves no count", async () => {
    const person = await makePerson(regionA, null);
    const before = await tallyRows(regionA);
    await getDb().person.update({ where: { id: person.id }, data: { address: "A new address", version: { increment: 1 } } });
    expect(await tallyRows(regionA)).toBe(before);
  });

  it("stays exact under writers in one region at the same moment, and when folded", async () => {
    const db = getDb();
    const people = await Promise.all(Array.from({ length: 12 }, () => makePerson(regionB, null)));
    await Promise.all(
      people.map((p, i) => db.person.update({ where: { id: p.id }, data: { prosecutionStatus: i % 2 ? "CHARGED" : "PRELIMINARY_CHECK" } })),
    );
    expect(await drift()).toEqual({ persons: 0, tallies: 0 });
    const before = await getDashboard(auditor);
    await db.$executeRaw`SELECT compact_dashboard_tally()`;
    expect(await tallyRows(regionB)).toBeLessThanOrEqual(
      (
        await db.$queryRaw<{ n: number }[]>`SELECT count(DISTINCT figure)::int AS n FROM dashboard_tally WHERE region_id = ${regionB}::uuid`
      )[0]!.n,
    );
    expect(await drift()).toEqual({ persons: 0, tallies: 0 });
    expect(await getDashboard(auditor)).toEqual(before);
  });

  it("is found out when edited by hand, and rebuilt", async () => {
    const db = getDb();
    await makePerson(regionB, null);
    await db.$executeRaw`INSERT INTO dashboard_tally (region_id, figure, n) VALUES (${regionB}::uuid, 'age:MINOR', 5)`;
    expect((await drift()).tallies).toBe(1);
    await rebuildFigures(db);
    expect(await drift()).toEqual({ persons: 0, tallies: 0 });
  });
});

describe("figures defined in the database", () => {
  it("agree with the registry's filters behind their links, and the overdue count with the queue's", async () => {
    const db = getDb();
    const region = (await makeRegion()).id;
    const viewer = await makeUser("SUPERVISOR", [region]);
    const returned = async (operation: string, on: string, data: Prisma.PersonUpdateInput) => {
      const person = await makePerson(region, null);
      await db.person.update({
        where: { id: person.id },
        data: { returnOperation: { connect: { code: operation } }, returnDate: new Date(on), ...data },
      });
    };
    await returned("INDEPENDENT", "2017-06-01", { prosecutionStatus: "SERVING_SENTENCE" });
    await returned("INDEPENDENT", "2018-03-31", {});
    await returned("INDEPENDENT", "2018-04-01", {});
    await returned("ZHUSAN_1", "2019-01-06", { prosecutionStatus: "CHARGED" });
    await returned("ZHUSAN_2", "2019-05-08", {});
    await returned("ZHUSAN_2", "2019-05-08", { ageCategory: "ADULT_WOMAN", sex: "FEMALE" });
    await returned("ZHUSAN_3", "2019-05-29", { ageCategory: "MINOR" });

    const dashboard = await getDashboard(viewer);
    const published = Object.entries(dashboard.published).map(([name, count]) => [name, count.value]);
    expect(Object.fromEntries(published)).toEqual({
      independentBy2018: 2,
      independentBy2018Convicted: 1,
      zhusanMen: 2,
      zhusanMenProsecuted: 1,
      zhusanWomen: 1,
      zhusanChildren: 1,
    });
    for (const count of Object.values(dashboard.published)) expect(await listedBehind(viewer, count), count.href).toBe(count.value);
    const queue = await reviewQueue(viewer, ReviewQuery.parse({}));
    expect(dashboard.overdue.value).toBe(queue.overdue);
    expect(queue.overdue).toBeGreaterThan(0);
  });
});

describe("percentileOf", () => {
  it("interpolates as percentile_cont does", async () => {
    const values = [3, 3, 5, 8, 13, 21, 21, 40];
    const histogram = [...new Set(values)].map((value) => ({ value, count: values.filter((v) => v === value).length }));
    const [row] = await getDb().$queryRaw<{ p50: number; p90: number; p33: number }[]>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS p50, percentile_cont(0.9) WITHIN GROUP (ORDER BY v) AS p90,
             percentile_cont(0.33) WITHIN GROUP (ORDER BY v) AS p33 FROM unnest(${values}::int[]) AS v`;
    expect([0.5, 0.9, 0.33].map((f) => percentileOf(histogram, f))).toEqual([row!.p50, row!.p90, row!.p33]);
    expect(percentileOf([], 0.5)).toBeNull();
  });
});
