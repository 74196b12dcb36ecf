import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/session-store";
import { makePerson, makeRegion, makeUser } from "../testing/factories";
import { outcome } from "../testing/outcome";
import { AddHouseholdMemberInput } from "../validation/household";
import { addHouseholdMember } from "./add-household-member";

let owner: CurrentUser;
let regionId: string;
let otherRegionId: string;

beforeAll(async () => {
  [regionId, otherRegionId] = (await Promise.all([makeRegion(), makeRegion()])).map((r) => r.id) as [string, string];
  owner = await makeUser("SUPERVISOR", [regionId]);
});

const link = (caseId: string, otherCaseNumber: string) =>
  AddHouseholdMemberInput.parse({ caseId, ownRole: "MOTHER", otherCaseNumber, otherRole: "CHILD" });

describe("addHouseholdMember", () => {
  it("links a child to the mother's new household, with the event in both cases' histories", async () => {
    const mother = await makePerson(regionId, null);
    const child = await makePerson(regionId, null);
    // Case numbers from the factory are not of the KZ-YYYY-NNNNNN form; give these two real ones.
    const childNumber = `KZ-2099-${String(Date.now() % 1_000_000).padStart(6, "0")}`;
    await getDb().person.update({ where: { id: child.id }, data: { caseNumber: childNumber } });
    expect(await outcome(addHouseholdMember(owner, link(mother.id, childNumber)))).toBe("ok");
    const members = await getDb().householdMember.findMany({
      where: { household: { members: { some: { personId: mother.id } } } },
      select: { personId: true, relationship: true },
    });
    expect(members).toEqual(
      expect.arrayContaining([
        { personId: mother.id, relationship: "MOTHER" },
        { personId: child.id, relationship: "CHILD" },
      ]),
    );
    for (const chain of [mother.id, child.id])
      expect(await getDb().auditEvent.count({ where: { chain, action: "household.member_added" } })).toBe(1);
    expect(await outcome(addHouseholdMember(owner, link(mother.id, childNumber)))).toBe("invalid:otherCaseNumber=alreadyMember");
  });

  it("answers a case out of reach exactly like a case number that does not exist", async () => {
    const mother = await makePerson(regionId, null);
    const elsewhere = await makePerson(otherRegionId, null);
    const number = `KZ-2097-${String(Date.now() % 1_000_000).padStart(6, "0")}`;
    await getDb().person.update({ where: { id: elsewhere.id }, data: { caseNumber: number } });
    expect(await outcome(addHouseholdMember(owner, link(mother.id, number)))).toBe("invalid:otherCaseNumber=caseNotFound");
    expect(await outcome(addHouseholdMember(owner, link(mother.id, "KZ-1999-000001")))).toBe("invalid:otherCaseNumber=caseNotFound");
    expect(await getDb().householdMember.count({ where: { personId: mother.id } })).toBe(0);
  });
});
