import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { listedBehind } from "../testing/listed-behind";
import type { CurrentUser } from "../auth/session-store";
import { makePerson, makeRegion, makeUser } from "../testing/factories";
import { outcome } from "../testing/outcome";
import { getDashboard } from "./dashboard";

let supervisor: CurrentUser;
let caseworker: CurrentUser;
let regionA: string;

beforeAll(async () => {
  const [a, b] = await Promise.all([makeRegion(), makeRegion()]);
  regionA = a.id;
  supervisor = await makeUser("SUPERVISOR", [a.id]);
  caseworker = await makeUser("CASEWORKER", [a.id]);
  for (let i = 0; i < 4; i++) await makePerson(a.id, i < 3 ? caseworker.id : null);
  for (let i = 0; i < 5; i++) await makePerson(b.id, null);
});

describe("dashboard scope", () => {
  it("counts only the supervisor's regions, and every count's link lists exactly that many cases", async () => {
    const dashboard = await getDashboard(supervisor);
    expect(dashboard.byRegion.map((r) => [r.key, r.count.value])).toEqual([[regionA, 4]]);
    expect(dashboard.byAge.reduce((sum, r) => sum + r.count.value, 0)).toBe(
      await getDb().person.count({ where: { regionId: { in: supervisor.regionIds } } }),
    );
    const counts = [
      ...dashboard.byAge,
      ...dashboard.byProsecution,
      ...dashboard.byCaseStatus,
      ...dashboard.byRegion,
      ...dashboard.returns,
      ...dashboard.caseload,
    ].map((r) => r.count);
    for (const c of [...counts, ...dashboard.needs.flatMap((n) => [n.met, n.open])])
      expect(await listedBehind(supervisor, c), c.href).toBe(c.value);
  });

  it("counts a caseworker's own cases only", async () => {
    const dashboard = await getDashboard(caseworker);
    expect(dashboard.byAge.reduce((sum, r) => sum + r.count.value, 0)).toBe(3);
    expect(dashboard.caseload).toEqual([
      { caseworkerId: caseworker.id, name: caseworker.name, count: expect.objectContaining({ value: 3 }) as unknown },
    ]);
  });

  it("is not there for an administrator", async () => {
    expect(await outcome(getDashboard(await makeUser("ADMINISTRATOR")))).toBe("notFound");
  });
});
