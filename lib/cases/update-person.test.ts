import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/session-store";
import { makePerson, makeRegion, makeUser } from "../testing/factories";
import { outcome } from "../testing/outcome";
import { PersonEditInput } from "../validation/person";
import { updatePerson } from "./update-person";

let owner: CurrentUser;
let auditor: CurrentUser;
let regionId: string;

beforeAll(async () => {
  regionId = (await makeRegion()).id;
  owner = await makeUser("CASEWORKER", [regionId]);
  auditor = await makeUser("AUDITOR");
});

const edit = (caseId: string, overrides: Record<string, unknown> = {}) =>
  PersonEditInput.parse({
    caseId,
    version: 1,
    familyName: "Тестов",
    givenName: "Иван",
    sex: "MALE",
    birthDate: "1990-01-01",
    citizenship: "KZ",
    caseStatus: "OPEN",
    riskLevel: "UNASSESSED",
    ...overrides,
  });

describe("updatePerson", () => {
  it("writes only the changed fields to the audit event, before and after, and bumps the version", async () => {
    const person = await makePerson(regionId, owner.id);
    const result = await updatePerson(owner, edit(person.id, { riskLevel: "HIGH", address: "ул. Абая, 1", reason: "Оценка риска" }));
    expect(result).toEqual({ version: 2, changed: ["address", "riskLevel"], held: false });
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { chain: person.id, action: "person.updated" } });
    expect(event).toMatchObject({
      before: { address: null, riskLevel: "UNASSESSED" },
      after: { address: "ул. Абая, 1", riskLevel: "HIGH" },
      reason: "Оценка риска",
    });
  });

  it("derives the age category again from a corrected birth date or sex, and says so in the edit's event", async () => {
    // Returned 2019-05-07: born 2005 makes a minor at return; the same date as a woman, an adult woman.
    const person = await makePerson(regionId, owner.id);
    await updatePerson(owner, edit(person.id, { birthDate: "2005-03-01", reason: "Дата по свидетельству" }));
    const category = async () => (await getDb().person.findUniqueOrThrow({ where: { id: person.id } })).ageCategory;
    expect(await category()).toBe("MINOR");
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { chain: person.id, action: "person.updated" } });
    expect(event).toMatchObject({ before: { ageCategory: "ADULT_MAN" }, after: { birthDate: "2005-03-01", ageCategory: "MINOR" } });

    await updatePerson(owner, edit(person.id, { version: 2, birthDate: "1990-01-01", sex: "FEMALE" }));
    expect(await category()).toBe("ADULT_WOMAN");
    // A change that moves no category adds none to the event.
    await updatePerson(owner, edit(person.id, { version: 3, birthDate: "1991-01-01", sex: "FEMALE" }));
    const last = await getDb().auditEvent.findFirstOrThrow({
      where: { chain: person.id, action: "person.updated" },
      orderBy: { seq: "desc" },
    });
    expect(last.after).toEqual({ birthDate: "1991-01-01" });
  });

  it("keeps the search form of the name in step with the name", async () => {
    const person = await makePerson(regionId, owner.id);
    await updatePerson(owner, edit(person.id, { familyName: "Абдуллаев" }));
    expect((await getDb().person.findUniqueOrThrow({ where: { id: person.id } })).searchName).toBe("abdulaev ivan");
  });

  it("never sets the case status “Transferred” by hand, and lets a case that holds it keep it or leave it", async () => {
    const person = await makePerson(regionId, owner.id);
    expect(await outcome(updatePerson(owner, edit(person.id, { caseStatus: "TRANSFERRED" })))).toBe(
      "invalid:caseStatus=caseStatusByTransferOnly",
    );
    expect((await getDb().person.findUniqueOrThrow({ where: { id: person.id } })).caseStatus).toBe("OPEN");
    await getDb().person.update({ where: { id: person.id }, data: { caseStatus: "TRANSFERRED" } });
    expect(await outcome(updatePerson(owner, edit(person.id, { caseStatus: "TRANSFERRED", riskLevel: "LOW" })))).toBe("ok");
    expect(await outcome(updatePerson(owner, edit(person.id, { version: 2, caseStatus: "OPEN" })))).toBe("ok");
  });

  it("refuses an edit from a stale version, so nothing is silently overwritten", async () => {
    const person = await makePerson(regionId, owner.id);
    await updatePerson(owner, edit(person.id, { riskLevel: "LOW" }));
    expect(await outcome(updatePerson(owner, edit(person.id, { riskLevel: "HIGH" })))).toBe("conflict");
    expect((await getDb().person.findUniqueOrThrow({ where: { id: person.id } })).riskLevel).toBe("LOW");
  });

  it("refuses the auditor, writing nothing but the audited denial", async () => {
    const person = await makePerson(regionId, owner.id);
    expect(await outcome(updatePerson(auditor, edit(person.id, { riskLevel: "HIGH" })))).toBe("forbidden");
    const events = await getDb().auditEvent.findMany({ where: { chain: person.id } });
    expect(events.map((e) => [e.action, e.actorId, e.context])).toEqual([["access.denied", auditor.id, { attempted: "case.edit" }]]);
    expect((await getDb().person.findUniqueOrThrow({ where: { id: person.id } })).riskLevel).not.toBe("HIGH");
  });
});
