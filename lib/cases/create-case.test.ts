import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/session-store";
import { ensureOperation, makeTeam } from "../testing/factories";
import { outcome } from "../testing/outcome";
import { makeIin } from "../validation/iin";
import { NewCaseInput } from "../validation/person";
import { CREATION_FIELDS, PERSON_FIELDS } from "../validation/person-fields";
import { createCase, PossibleDuplicates } from "./create-case";
import { uniqueName } from "../testing/unique-name";

let regionId: string;
let otherRegionId: string;
let caseworker: CurrentUser;
let supervisor: CurrentUser;
let auditor: CurrentUser;
let serial = 3000 + Math.floor(Math.random() * 5000);

beforeAll(async () => {
  await ensureOperation();
  const team = await makeTeam();
  ({ owner: caseworker, supervisor, auditor } = team);
  [regionId, otherRegionId] = [team.region.id, team.otherRegion.id];
});

// Names unique to each test, so duplicate detection only ever meets this test's own persons.
const input = (overrides: Record<string, unknown> = {}) =>
  NewCaseInput.parse({
    familyName: uniqueName(),
    givenName: uniqueName(),
    sex: "FEMALE",
    birthDate: "1992-04-10",
    regionId,
    returnDate: "2019-05-07",
    returnOperationCode: "TEST_OP",
    returnedFrom: "SY",
    ...overrides,
  });

describe("createCase", () => {
  it("registers a caseworker's new case in their region, assigned to them, with its first entry and audit event", async () => {
    const created = await createCase(caseworker, input({ aliasValue0: "أم محمد", aliasType0: "KUNYA" }));
    expect(created.caseNumber).toMatch(/^KZ-2019-\d{6}$/);
    const person = await getDb().person.findUniqueOrThrow({ where: { id: created.id }, include: { aliases: true, prosecution: true } });
    expect(person).toMatchObject({ caseworkerId: caseworker.id, ageCategory: "ADULT_WOMAN", prosecutionStatus: "NO_PROCEEDINGS" });
    expect(person.aliases[0]).toMatchObject({ script: "ARABIC", type: "KUNYA" });
    expect(person.prosecution).toHaveLength(1);
    expect(await getDb().auditEvent.count({ where: { chain: created.id, action: "case.created" } })).toBe(1);
  });

  it("records every field the registration set in its audit event, citizenship, address, risk level and the estimated-birth-date flag included", async () => {
    const created = await createCase(
      caseworker,
      input({ citizenship: "KG", address: "ул. Абая, 1", riskLevel: "MEDIUM", birthDateEstimated: "on" }),
    );
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { chain: created.id, action: "case.created" } });
    const members = CREATION_FIELDS.map((field) => ("auditName" in PERSON_FIELDS[field] ? PERSON_FIELDS[field].auditName : field));
    expect(Object.keys(event.after as object).sort()).toEqual([...members, "caseNumber", "aliases", "caseworkerId"].sort());
    expect(event.after).toMatchObject({
      citizenship: "KG",
      address: "ул. Абая, 1",
      riskLevel: "MEDIUM",
      birthDateEstimated: true,
      patronymic: null,
      iin: null,
      returnOperation: "TEST_OP",
      returnedFrom: "SY",
    });
  });

  it("derives minor from the birth date at return and starts the prosecution record as not applicable", async () => {
    const created = await createCase(supervisor, input({ birthDate: "2012-01-01" }));
    expect(
      await getDb().person.findUniqueOrThrow({
        where: { id: created.id },
        select: { ageCategory: true, prosecutionStatus: true, caseworkerId: true },
      }),
    ).toEqual({
      ageCategory: "MINOR",
      prosecutionStatus: "NOT_APPLICABLE",
      caseworkerId: null,
    });
  });

  it("refuses a region outside the user's, and the auditor altogether", async () => {
    expect(await outcome(createCase(caseworker, input({ regionId: otherRegionId })))).toBe("invalid:regionId=regionNotYours");
    expect(await outcome(createCase(auditor, input()))).toBe("invalid:regionId=regionNotYours");
  });

  it("stops at possible duplicates by similar name and close birth date, and registers once the user confirms", async () => {
    const [familyName, givenName] = [uniqueName(), uniqueName()];
    const first = await createCase(caseworker, input({ familyName, givenName }));
    const again = createCase(caseworker, input({ familyName, givenName, birthDate: "1992-09-01" }));
    await expect(again).rejects.toBeInstanceOf(PossibleDuplicates);
    const duplicates = await again.catch((e: PossibleDuplicates) => e.duplicates);
    expect(duplicates).toEqual({ inReach: [expect.objectContaining({ id: first.id, why: "name" })], elsewhere: [] });
    expect(
      await outcome(createCase(caseworker, input({ familyName, givenName, birthDate: "1992-09-01", confirmNotDuplicate: "on" }))),
    ).toBe("ok");
  });

  it("never registers a second case for the same IIN", async () => {
    const iin = makeIin("1992-04-10", "FEMALE", serial++) ?? makeIin("1992-04-10", "FEMALE", serial++) ?? "";
    await createCase(caseworker, input({ iin }));
    // A different name: only the IIN makes it the same person.
    const duplicates = await createCase(caseworker, input({ iin })).catch((e: PossibleDuplicates) => e.duplicates);
    expect(duplicates).toEqual({ inReach: [expect.objectContaining({ why: "iin" })], elsewhere: [] });
    expect(await outcome(createCase(caseworker, input({ iin, confirmNotDuplicate: "on" })))).toBe("invalid:iin=iinTaken");
  });

  it("gives cases registered at the same moment distinct numbers", async () => {
    const created = await Promise.all(Array.from({ length: 8 }, () => createCase(supervisor, input({ returnDate: "2020-10-15" }))));
    expect(new Set(created.map((c) => c.caseNumber)).size).toBe(8);
  });
});
