import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { makePerson, makeProgram, makeRegion, makeUser } from "../testing/factories";
import { outcome } from "../testing/outcome";
import { saveProgram, saveProgramType, saveRegion } from "./reference-data";

const code = () => `T_${randomUUID().slice(0, 8).toUpperCase()}`;
const labels = { labelEn: "Test", labelRu: "Тест", labelKk: "Тест" };

describe("reference data administration", () => {
  it("creates a region with its labels in three languages, then records only what an edit changed", async () => {
    const admin = await makeUser("ADMINISTRATOR");
    const regionCode = code();
    const { id } = await saveRegion(admin, { code: regionCode, kind: "REGION", ...labels, active: true });
    await saveRegion(admin, { id, version: 1, code: regionCode, kind: "REGION", ...labels, labelKk: "Сынақ", active: true });
    const events = await getDb().auditEvent.findMany({ where: { entityId: id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.action, e.before, e.after])).toEqual([
      ["region.created", null, { code: regionCode, kind: "REGION", nameEn: "Test", nameRu: "Тест", nameKk: "Тест", active: true }],
      ["region.updated", { nameKk: "Тест" }, { nameKk: "Сынақ" }],
    ]);
    expect(await outcome(saveRegion(admin, { id, version: 1, code: regionCode, kind: "CITY", ...labels, active: true }))).toBe("conflict");
  });

  it("refuses a program type code that exists, unless the form is an edit of it", async () => {
    const admin = await makeUser("ADMINISTRATOR");
    const typeCode = code();
    await saveProgramType(admin, { code: typeCode, ...labels, sortOrder: 5, active: true });
    expect(await outcome(saveProgramType(admin, { code: typeCode, ...labels, sortOrder: 5, active: true }))).toBe("invalid:code=codeTaken");
    expect(await outcome(saveProgramType(admin, { version: 1, code: typeCode, ...labels, sortOrder: 6, active: false }))).toBe("ok");
  });

  it("will not cut a program's places below the people enrolled in it", async () => {
    const admin = await makeUser("ADMINISTRATOR");
    const region = await makeRegion();
    const program = await makeProgram(region.id, 3);
    for (let i = 0; i < 2; i++) {
      const person = await makePerson(region.id, null);
      await getDb().enrollment.create({
        data: {
          personId: person.id,
          programId: program.id,
          status: "ENROLLED",
          referredOn: new Date("2024-01-01"),
          enrolledOn: new Date("2024-01-02"),
        },
      });
    }
    const edit = {
      id: program.id,
      version: program.version,
      name: program.name,
      provider: program.provider,
      programTypeCode: program.programTypeCode,
      regionId: region.id,
      active: true,
    };
    expect(await outcome(saveProgram(admin, { ...edit, capacity: 1 }))).toBe("invalid:capacity=belowEnrolled");
    expect(await outcome(saveProgram(admin, { ...edit, capacity: 2 }))).toBe("ok");
  });

  it("is refused to a supervisor, who is told nothing exists, and nothing is written", async () => {
    const supervisor = await makeUser("SUPERVISOR");
    const regionCode = code();
    expect(await outcome(saveRegion(supervisor, { code: regionCode, kind: "REGION", ...labels, active: true }))).toBe("notFound");
    expect(await getDb().region.count({ where: { code: regionCode } })).toBe(0);
  });
});
