import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/session-store";
import { listCases } from "./registry";
import { makePerson, makeTeam } from "../testing/factories";
import { outcome } from "../testing/outcome";
import { AliasInput, PersonEditInput, RemoveAliasInput } from "../validation/person";
import { RegistryQuery } from "../validation/registry";
import { removeAlias, saveAlias } from "./aliases";
import { removeHouseholdMember } from "./remove-household-member";
import { updatePerson } from "./update-person";

let owner: CurrentUser;
let colleague: CurrentUser;
let auditor: CurrentUser;
let regionId: string;

beforeAll(async () => {
  const team = await makeTeam();
  ({ owner, colleague, auditor } = team);
  regionId = team.region.id;
});

const events = (chain: string, action: string) => getDb().auditEvent.findMany({ where: { chain, action } });
const found = async (text: string) => (await listCases(auditor, RegistryQuery.parse({ q: text }))).rows.map((r) => r.id);

describe("aliases after registration", () => {
  it("adds an alias that search finds at once, edits it from its version, and removes it with a reason, each audited", async () => {
    const person = await makePerson(regionId, owner.id);
    await saveAlias(owner, AliasInput.parse({ caseId: person.id, value: "Умм Халид", type: "KUNYA", source: "допрос" }));
    const alias = await getDb().alias.findFirstOrThrow({ where: { personId: person.id } });
    expect(alias).toMatchObject({ script: "CYRILLIC", version: 1 });
    expect(await found("Umm Khalid")).toContain(person.id);

    await saveAlias(
      owner,
      AliasInput.parse({ caseId: person.id, aliasId: alias.id, version: "1", value: "أم خالد", type: "KUNYA", source: "" }),
    );
    expect(await getDb().alias.findUniqueOrThrow({ where: { id: alias.id } })).toMatchObject({
      value: "أم خالد",
      script: "ARABIC",
      version: 2,
    });
    expect(
      await outcome(
        saveAlias(owner, AliasInput.parse({ caseId: person.id, aliasId: alias.id, version: "1", value: "Stale", type: "NICKNAME" })),
      ),
    ).toBe("conflict");

    await removeAlias(
      owner,
      RemoveAliasInput.parse({ caseId: person.id, aliasId: alias.id, version: "2", reason: "Записано ошибочно", confirm: "on" }),
    );
    expect(await getDb().alias.count({ where: { personId: person.id } })).toBe(0);
    expect((await events(person.id, "alias.removed"))[0]).toMatchObject({ reason: "Записано ошибочно", before: { value: "أم خالد" } });
    expect((await events(person.id, "alias.updated"))[0]).toMatchObject({ before: { value: "Умм Халид" }, after: { value: "أم خالد" } });
  });

  it("lets only those who may edit the alias's own case touch it, whatever case the form names", async () => {
    const person = await makePerson(regionId, owner.id);
    const mine = await makePerson(regionId, colleague.id);
    await saveAlias(owner, AliasInput.parse({ caseId: person.id, value: "Abu Test", type: "NOM_DE_GUERRE" }));
    const alias = await getDb().alias.findFirstOrThrow({ where: { personId: person.id } });
    expect(
      await outcome(
        removeAlias(colleague, RemoveAliasInput.parse({ caseId: mine.id, aliasId: alias.id, version: "1", reason: "x", confirm: "on" })),
      ),
    ).toBe("notFound");
    expect(await outcome(saveAlias(auditor, AliasInput.parse({ caseId: person.id, value: "Nope", type: "NICKNAME" })))).toBe("forbidden");
    expect(await getDb().alias.count({ where: { personId: person.id } })).toBe(1);
  });
});

describe("household and the unaccompanied flag", () => {
  it("removes a family member linked in error from both records, with the reason in both histories", async () => {
    const [mother, child] = [await makePerson(regionId, owner.id), await makePerson(regionId, owner.id)];
    const household = await getDb().household.create({
      data: {
        label: "test",
        members: {
          create: [
            { personId: mother.id, relationship: "MOTHER" },
            { personId: child.id, relationship: "CHILD" },
          ],
        },
      },
    });
    await removeHouseholdMember(owner, { caseId: mother.id, memberId: child.id, reason: "Не её ребёнок", confirm: "on" });
    expect(await getDb().householdMember.findMany({ where: { householdId: household.id }, select: { personId: true } })).toEqual([
      { personId: mother.id },
    ]);
    for (const chain of [mother.id, child.id])
      expect((await events(chain, "household.member_removed"))[0]).toMatchObject({ reason: "Не её ребёнок" });
  });

  it("refuses to unlink a member whose case the user may not edit", async () => {
    const mother = await makePerson(regionId, owner.id);
    const other = await makePerson(regionId, colleague.id);
    await getDb().household.create({
      data: {
        label: "test",
        members: {
          create: [
            { personId: mother.id, relationship: "MOTHER" },
            { personId: other.id, relationship: "SIBLING" },
          ],
        },
      },
    });
    expect(await outcome(removeHouseholdMember(owner, { caseId: mother.id, memberId: other.id, reason: "x", confirm: "on" }))).toBe(
      "invalid:memberId=memberNotEditable",
    );
    expect(await getDb().householdMember.count({ where: { personId: other.id } })).toBe(1);
  });

  it("sets and clears the unaccompanied-minor flag through the person's edit, audited", async () => {
    const child = await makePerson(regionId, owner.id);
    const edit = (version: number, flag: boolean) =>
      PersonEditInput.parse({
        caseId: child.id,
        version,
        familyName: "Тестов",
        givenName: "Иван",
        sex: "MALE",
        birthDate: "1990-01-01",
        citizenship: "KZ",
        caseStatus: "OPEN",
        riskLevel: "UNASSESSED",
        unaccompaniedMinor: flag ? "on" : "",
      });
    expect(await updatePerson(owner, edit(1, true))).toEqual({ version: 2, changed: ["unaccompaniedMinor"], held: false });
    expect((await events(child.id, "person.updated"))[0]).toMatchObject({
      before: { unaccompaniedMinor: false },
      after: { unaccompaniedMinor: true },
    });
    await updatePerson(owner, edit(2, false));
    expect((await getDb().person.findUniqueOrThrow({ where: { id: child.id } })).unaccompaniedMinor).toBe(false);
  });
});
