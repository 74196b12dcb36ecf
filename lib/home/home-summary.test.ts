import { describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { listCases } from "../cases/registry";
import { makePerson, makeProgram, makeRegion, makeUser } from "../testing/factories";
import { RegistryQuery } from "../validation/registry";
import { getHomeSummary } from "./home-summary";

describe("home page figures", () => {
  it("count within the user's scope, and each links to a registry list of exactly that many cases", async () => {
    const db = getDb();
    const [home, other] = await Promise.all([makeRegion(), makeRegion()]);
    const supervisor = await makeUser("SUPERVISOR", [home.id]);
    const caseworker = await makeUser("CASEWORKER", [home.id]);
    const assigned = await makePerson(home.id, caseworker.id);
    const minor = await makePerson(home.id, null);
    await db.person.update({ where: { id: minor.id }, data: { ageCategory: "MINOR", riskLevel: "HIGH" } });
    const closed = await makePerson(home.id, null);
    await db.person.update({ where: { id: closed.id }, data: { caseStatus: "CLOSED" } });
    const program = await makeProgram(home.id, 10);
    await db.enrollment.create({
      data: {
        personId: assigned.id,
        programId: program.id,
        status: "ENROLLED",
        referredOn: new Date("2024-01-10"),
        enrolledOn: new Date("2024-01-20"),
      },
    });
    await makePerson(other.id, null);

    const summary = await getHomeSummary(supervisor);
    const value = (key: string) => summary.figures.find((f) => f.key === key)?.value;
    expect({
      open: value("openCases"),
      minors: value("openMinors"),
      withoutProgram: value("withoutProgram"),
      highRisk: value("highRisk"),
      unassigned: value("unassigned"),
    }).toEqual({ open: 2, minors: 1, withoutProgram: 1, highRisk: 1, unassigned: 1 });
    expect(summary.regions.map((r) => [r.regionId, r.openCases])).toEqual([[home.id, 2]]);

    for (const { href, value: shown } of [...summary.figures, ...summary.regions.map((r) => ({ href: r.href, value: r.openCases }))]) {
      const filters = Object.fromEntries(new URL(href ?? "", "http://app").searchParams);
      expect((await listCases(supervisor, RegistryQuery.parse(filters))).total, href ?? "").toBe(shown);
    }
  });

  it("gives a caseworker no count of unassigned cases, since all of theirs are assigned to them", async () => {
    const region = await makeRegion();
    const caseworker = await makeUser("CASEWORKER", [region.id]);
    expect((await getHomeSummary(caseworker)).figures.map((f) => f.key)).not.toContain("unassigned");
  });
});
