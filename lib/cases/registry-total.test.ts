import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import type { AgeCategory, CaseStatus, ProsecutionStatus } from "../db/generated/enums";
import type { CurrentUser } from "../auth/session-store";
import { Random } from "../../prisma/seed/random";
import { RegistryQuery } from "../validation/registry";
import { makePerson, makeRegion, makeUser } from "../testing/factories";
import { listCases } from "./registry";

/**
 * The registry's total, summed from the dashboard's tallies where they can answer and counted
 * otherwise, must be the number of cases the registry lists, whichever way it was reached: checked
 * here against the cases themselves, in two regions of the test's own, for every kind of filter.
 */
const AGES: AgeCategory[] = ["ADULT_MAN", "ADULT_WOMAN", "MINOR"];
const PROSECUTION: ProsecutionStatus[] = ["NO_PROCEEDINGS", "UNDER_INVESTIGATION", "CONVICTED"];
const STATUSES: CaseStatus[] = ["OPEN", "OPEN", "CLOSED"];

let regions: string[];
let supervisor: CurrentUser;
let auditor: CurrentUser;
let caseworker: CurrentUser;
const persons: {
  regionId: string;
  ageCategory: AgeCategory;
  prosecutionStatus: ProsecutionStatus;
  caseStatus: CaseStatus;
  mine: boolean;
}[] = [];

beforeAll(async () => {
  regions = [(await makeRegion()).id, (await makeRegion()).id];
  supervisor = await makeUser("SUPERVISOR", regions);
  auditor = await makeUser("AUDITOR");
  caseworker = await makeUser("CASEWORKER", [regions[0]!]);
  const random = new Random(31);
  for (let i = 0; i < 60; i++) {
    const regionId = regions[i % 2]!;
    const mine = regionId === regions[0] && random.chance(0.5);
    const person = await makePerson(regionId, mine ? caseworker.id : null);
    const row = { ageCategory: random.pick(AGES), prosecutionStatus: random.pick(PROSECUTION), caseStatus: random.pick(STATUSES) };
    await getDb().person.update({ where: { id: person.id }, data: row });
    persons.push({ regionId, mine, ...row });
  }
});

const expected = (filter: (p: (typeof persons)[number]) => boolean) => persons.filter(filter).length;
const total = async (user: CurrentUser, filters: Record<string, string>) => (await listCases(user, RegistryQuery.parse(filters))).total;

describe("the registry's total", () => {
  it("is the number of cases listed, for every filter the tallies split by and for the others", async () => {
    const [r0, r1] = regions as [string, string];
    expect(await total(supervisor, {})).toBe(60);
    expect(await total(auditor, { region: r0 })).toBe(expected((p) => p.regionId === r0));
    for (const age of AGES) {
      expect(await total(supervisor, { age })).toBe(expected((p) => p.ageCategory === age));
      expect(await total(auditor, { region: r1, age })).toBe(expected((p) => p.regionId === r1 && p.ageCategory === age));
    }
    for (const prosecution of PROSECUTION)
      expect(await total(supervisor, { region: r0, prosecution })).toBe(
        expected((p) => p.regionId === r0 && p.prosecutionStatus === prosecution),
      );
    expect(await total(supervisor, { status: "CLOSED" })).toBe(expected((p) => p.caseStatus === "CLOSED"));
    // Two filters no single tally counts: the cases are counted.
    expect(await total(supervisor, { age: "MINOR", status: "OPEN" })).toBe(
      expected((p) => p.ageCategory === "MINOR" && p.caseStatus === "OPEN"),
    );
    // A caseworker's reach is their own cases: counted, never summed over the region.
    expect(await total(caseworker, {})).toBe(expected((p) => p.mine));
    expect(await total(caseworker, { age: "MINOR" })).toBe(expected((p) => p.mine && p.ageCategory === "MINOR"));
  });

  it("stays the same on the next page", async () => {
    const first = await listCases(supervisor, RegistryQuery.parse({}));
    expect(first.nextCursor).not.toBeNull();
    const second = await listCases(supervisor, RegistryQuery.parse({ cursor: first.nextCursor }));
    expect([first.total, second.total]).toEqual([60, 60]);
    expect(first.rows.length + second.rows.length).toBe(60);
  });
});
