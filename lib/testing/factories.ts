import { randomUUID } from "node:crypto";
import { getDb } from "../db/client";
import type { ReasonKind, Role } from "../db/generated/enums";
import type { CurrentUser } from "../auth/session-store";
import { normalizeName, transliterateToLatin } from "../search/normalize-name";

/** Test data with unique values, so tests run in parallel against one database with no cleanup. */
export async function makeRegion() {
  const code = `T_${randomUUID().slice(0, 8).toUpperCase()}`;
  return getDb().region.create({ data: { code, kind: "REGION", nameEn: `Test ${code}`, nameRu: `Тест ${code}`, nameKk: `Тест ${code}` } });
}

type TestRegion = Awaited<ReturnType<typeof makeRegion>>;

export async function makeUser(role: Role, regionIds: string[] = []): Promise<CurrentUser> {
  const email = `${role.toLowerCase()}-${randomUUID()}@test.example.org`;
  const user = await getDb().user.create({
    data: {
      email,
      name: `Test ${role}`,
      role,
      passwordHash: "not-a-hash",
      regions: { create: regionIds.map((regionId) => ({ regionId })) },
    },
  });
  return {
    id: user.id,
    email,
    name: user.name,
    role,
    regionIds,
    sessionId: randomUUID(),
    mustChangePassword: false,
    secondFactorPending: false,
    secondFactorMissing: false,
  };
}

/** Safe to call from tests running at the same moment: an upsert of the same new row by two of them would collide. */
export async function ensureOperation(code = "TEST_OP") {
  await getDb().returnOperation.createMany({ data: [{ code, nameEn: code, nameRu: code, nameKk: code }], skipDuplicates: true });
}

export async function makePerson(regionId: string, caseworkerId: string | null, familyName = "Тестов") {
  await ensureOperation();
  const givenName = "Иван";
  return getDb().person.create({
    data: {
      caseNumber: `KZ-2099-${randomUUID().slice(0, 12)}`,
      familyName,
      givenName,
      familyNameLatin: transliterateToLatin(familyName),
      givenNameLatin: transliterateToLatin(givenName),
      searchName: normalizeName(`${familyName} ${givenName}`),
      sex: "MALE",
      birthDate: new Date("1990-01-01"),
      regionId,
      returnDate: new Date("2019-05-07"),
      returnOperationCode: "TEST_OP",
      returnedFrom: "SY",
      ageCategory: "ADULT_MAN",
      caseworkerId,
    },
  });
}

export async function ensureProgramType(code = "TEST_TYPE") {
  await getDb().programType.createMany({ data: [{ code, labelEn: code, labelRu: code, labelKk: code }], skipDuplicates: true });
}

export async function makeProgram(regionId: string, capacity: number) {
  await ensureProgramType();
  return getDb().program.create({
    data: { name: `Program ${randomUUID().slice(0, 8)}`, programTypeCode: "TEST_TYPE", provider: "Test provider", regionId, capacity },
  });
}

export async function makeReason(kind: ReasonKind) {
  return getDb().reason.create({
    data: { kind, code: `T_${randomUUID().slice(0, 8)}`, labelEn: "Test reason", labelRu: "Тест", labelKk: "Тест" },
  });
}

/**
 * The usual people of a case test, in a region of their own: the owner (the case's caseworker),
 * a colleague caseworker and the supervisor in that region, an auditor and an administrator, and
 * a second region none of them works in. Each call makes new accounts and regions.
 */
export type Team = {
  region: TestRegion;
  otherRegion: TestRegion;
  owner: CurrentUser;
  colleague: CurrentUser;
  supervisor: CurrentUser;
  auditor: CurrentUser;
  administrator: CurrentUser;
};

export async function makeTeam(): Promise<Team> {
  const [region, otherRegion] = await Promise.all([makeRegion(), makeRegion()]);
  const [owner, colleague, supervisor, auditor, administrator] = await Promise.all([
    makeUser("CASEWORKER", [region.id]),
    makeUser("CASEWORKER", [region.id]),
    makeUser("SUPERVISOR", [region.id]),
    makeUser("AUDITOR"),
    makeUser("ADMINISTRATOR"),
  ]);
  return { region, otherRegion, owner, colleague, supervisor, auditor, administrator };
}
