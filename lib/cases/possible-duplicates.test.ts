import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/session-store";
import { ensureOperation, makePerson, makeTeam, makeUser } from "../testing/factories";
import { outcome } from "../testing/outcome";
import { makeIin } from "../validation/iin";
import { normalizeName } from "../search/normalize-name";
import { NewCaseInput, PersonEditInput } from "../validation/person";
import { createCase, PossibleDuplicates } from "./create-case";
import { meaningfulProbe, type DuplicateProbe } from "../validation/duplicate-probe";
import { checkForDuplicates, checkImportForDuplicates, checkNewCaseForDuplicates, DUPLICATE_CHECKS_PER_HOUR } from "./possible-duplicates";
import { updatePerson } from "./update-person";
import { uniqueName } from "../testing/unique-name";

let regionA: { id: string; nameEn: string };
let regionB: { id: string; nameEn: string };
let owner: CurrentUser;
let colleague: CurrentUser;
let supervisorA: CurrentUser;

beforeAll(async () => {
  await ensureOperation();
  const team = await makeTeam();
  ({ region: regionA, otherRegion: regionB, owner, colleague, supervisor: supervisorA } = team);
});

// Names of no one else, so each test meets only its own persons: random consonants alone. With a
// common prefix ("Тест…"), two such names and the factories' "Тестов Иван" came close enough to the
// match threshold that, now and then, another test's person was offered as a duplicate.

/** An IIN for a man born 1990-01-01 that no one has yet. */
async function unusedIin(): Promise<string> {
  for (;;) {
    const iin = makeIin("1990-01-01", "MALE", randomInt(1, 9999));
    if (iin && (await getDb().person.count({ where: { iin } })) === 0) return iin;
  }
}

/** A registered person with a name and IIN of this test only, born 1990-01-01 (makePerson's date). */
async function registered(regionId: string, caseworkerId: string | null) {
  const person = await makePerson(regionId, caseworkerId, uniqueName());
  return getDb().person.update({
    where: { id: person.id },
    data: { iin: await unusedIin() },
    select: { id: true, caseNumber: true, familyName: true, givenName: true, iin: true },
  });
}
type Registered = Awaited<ReturnType<typeof registered>>;

const byName = (p: Registered) => ({ familyName: p.familyName, givenName: p.givenName, birthDate: "1990-03-01", iin: "" });
const byIin = (p: Registered) => ({ familyName: "", givenName: "", birthDate: "", iin: p.iin ?? "" });

/** Nothing that identifies the person may appear anywhere in an answer about a case out of reach. */
function expectNothingOf(answer: unknown, person: Registered) {
  const text = JSON.stringify(answer);
  for (const secret of [person.id, person.caseNumber, person.familyName, person.givenName, "1990-01-01", person.iin ?? "-"])
    expect(text).not.toContain(secret);
}

const eventsOf = (user: CurrentUser, action: string) =>
  getDb().auditEvent.findMany({ where: { actorId: user.id, action }, orderBy: { occurredAt: "asc" } });

describe("duplicate check while typing", () => {
  it("a match out of the caseworker's reach reveals only its region: no case number, name, birth date or IIN", async () => {
    const person = await registered(regionA.id, owner.id);
    for (const probe of [byName(person), byIin(person)]) {
      const answer = await checkNewCaseForDuplicates(colleague, probe);
      expect(answer).toMatchObject({
        status: "checked",
        inReach: [],
        elsewhere: [{ region: { en: regionA.nameEn }, why: probe.iin ? "iin" : "name" }],
      });
      expectNothingOf(answer, person);
    }
  });

  it("a match within reach is shown in full, to its caseworker and to the region's supervisor", async () => {
    const person = await registered(regionA.id, owner.id);
    for (const user of [owner, supervisorA]) {
      const answer = await checkNewCaseForDuplicates(user, byName(person));
      expect(answer).toEqual({
        status: "checked",
        inReach: [
          {
            id: person.id,
            caseNumber: person.caseNumber,
            name: `${person.familyName} ${person.givenName}`,
            birthDate: "1990-01-01",
            region: expect.objectContaining({ en: regionA.nameEn }) as unknown,
            why: "name",
          },
        ],
        elsewhere: [],
      });
    }
  });

  it("a supervisor sees another region's match as that region only", async () => {
    const person = await registered(regionB.id, null);
    const answer = await checkNewCaseForDuplicates(supervisorA, byIin(person));
    expect(answer).toMatchObject({ status: "checked", inReach: [], elsewhere: [{ region: { en: regionB.nameEn }, why: "iin" }] });
    expectNothingOf(answer, person);
  });

  it("records every check as an audit event: who, what was searched, how many matches, in reach or not", async () => {
    const checker = await makeUser("CASEWORKER", [regionA.id]);
    const mine = await registered(regionA.id, checker.id);
    const theirs = await registered(regionA.id, owner.id);
    // One name that both persons answer to: the checker's own under its name, the other as an alias.
    await getDb().alias.create({
      data: {
        personId: theirs.id,
        value: mine.familyName,
        script: "CYRILLIC",
        type: "NICKNAME",
        source: "test",
        searchName: (await getDb().person.findUniqueOrThrow({ where: { id: mine.id } })).searchName,
      },
    });
    await checkNewCaseForDuplicates(checker, { ...byName(mine), iin: "" });
    await checkNewCaseForDuplicates(checker, { familyName: uniqueName(), givenName: "", birthDate: "1950-05-05", iin: "" });
    const events = await eventsOf(checker, "case.duplicates_checked");
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      chain: "system",
      actorLabel: checker.email,
      entityType: "registry",
      context: {
        purpose: "typing",
        searched: { familyName: mine.familyName, givenName: mine.givenName, birthDate: "1990-03-01", iin: null },
        matches: 2,
        inReach: 1,
        outOfReach: 1,
        inReachCases: [mine.id],
        outOfReachCases: [theirs.id],
      },
    });
    expect(events[1]).toMatchObject({ context: { matches: 0, inReach: 0, outOfReach: 0 } });
  });

  it("looks nothing up, and records nothing, while the input is too incomplete to be a lookup", async () => {
    const checker = await makeUser("CASEWORKER", [regionA.id]);
    for (const probe of [
      { familyName: "Т", givenName: "", birthDate: "1990-01-01", iin: "" },
      { familyName: "Тестова", givenName: "", birthDate: "", iin: "" },
      { familyName: "Тестова", givenName: "", birthDate: "0019-01-01", iin: "" },
      { familyName: "", givenName: "", birthDate: "", iin: "90010130000" },
    ]) {
      expect(await checkNewCaseForDuplicates(checker, probe)).toEqual({ status: "incomplete" });
    }
    expect(await getDb().auditEvent.count({ where: { actorId: checker.id } })).toBe(0);
  });

  it("refuses those who may not register a case at all, recording the denial", async () => {
    const person = await registered(regionA.id, owner.id);
    for (const role of ["AUDITOR", "ADMINISTRATOR"] as const) {
      const user = await makeUser(role);
      expect(await outcome(checkNewCaseForDuplicates(user, byName(person)))).toBe("notFound");
      expect((await getDb().auditEvent.findMany({ where: { actorId: user.id } })).map((e) => e.action)).toEqual(["access.denied"]);
    }
  });

  it(`allows ${DUPLICATE_CHECKS_PER_HOUR} checks an hour per account, counted in the database even when requests race, and records each refusal`, async () => {
    const busy = await makeUser("CASEWORKER", [regionA.id]);
    const person = await registered(regionA.id, owner.id);
    const probe = (n: number) => ({ ...byName(person), givenName: `${person.givenName}${n}` });
    for (let n = 0; n < DUPLICATE_CHECKS_PER_HOUR - 4; n++)
      expect((await checkNewCaseForDuplicates(busy, probe(n))).status).toBe("checked");
    // Eight at once with four left: exactly four are served, whichever arrive first.
    const racing = await Promise.all(Array.from({ length: 8 }, (_, n) => checkNewCaseForDuplicates(busy, probe(100 + n))));
    expect(racing.map((r) => r.status).sort()).toEqual([...new Array<string>(4).fill("checked"), ...new Array<string>(4).fill("limited")]);
    expect(await checkNewCaseForDuplicates(busy, probe(200))).toEqual({ status: "limited" });

    expect(await eventsOf(busy, "case.duplicates_checked")).toHaveLength(DUPLICATE_CHECKS_PER_HOUR);
    const refusals = await eventsOf(busy, "case.duplicate_check_refused");
    expect(refusals).toHaveLength(5);
    expect(refusals[0]).toMatchObject({
      context: { purpose: "typing", limitPerHour: DUPLICATE_CHECKS_PER_HOUR, searched: { familyName: person.familyName } },
    });

    // At the limit the account can neither register nor change an IIN, since neither can be checked.
    const input = NewCaseInput.parse({
      familyName: uniqueName(),
      givenName: uniqueName(),
      sex: "FEMALE",
      birthDate: "1980-02-02",
      regionId: regionA.id,
      returnDate: "2019-05-07",
      returnOperationCode: "TEST_OP",
      returnedFrom: "SY",
      confirmNotDuplicate: "on",
    });
    expect(await outcome(createCase(busy, input))).toBe("invalid");
    expect(await getDb().person.count({ where: { familyName: input.familyName } })).toBe(0);
    const own = await makePerson(regionA.id, busy.id, uniqueName());
    const edit = PersonEditInput.parse({
      caseId: own.id,
      version: 1,
      familyName: own.familyName,
      givenName: own.givenName,
      sex: "MALE",
      birthDate: "1990-01-01",
      iin: await unusedIin(),
      citizenship: "KZ",
      caseStatus: "OPEN",
      riskLevel: "UNASSESSED",
    });
    expect(await outcome(updatePerson(busy, edit))).toBe("invalid:iin=duplicateCheckLimit");
    expect((await getDb().person.findUniqueOrThrow({ where: { id: own.id } })).iin).toBeNull();
    expect(await eventsOf(busy, "case.duplicate_check_refused")).toHaveLength(7);

    // Another account's allowance is its own.
    expect((await checkNewCaseForDuplicates(colleague, probe(300))).status).toBe("checked");
  });
});

describe("duplicate check on registering and on changing an IIN", () => {
  it("a registration stopped by a match out of reach shows only the region, and its lookup is recorded although nothing is saved", async () => {
    const person = await registered(regionA.id, owner.id);
    const input = NewCaseInput.parse({
      familyName: person.familyName,
      givenName: person.givenName,
      sex: "MALE",
      birthDate: "1990-02-01",
      regionId: regionA.id,
      returnDate: "2019-05-07",
      returnOperationCode: "TEST_OP",
      returnedFrom: "SY",
    });
    const checker = await makeUser("CASEWORKER", [regionA.id]);
    const refusal = await createCase(checker, input).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(PossibleDuplicates);
    const duplicates = (refusal as PossibleDuplicates).duplicates;
    expect(duplicates).toMatchObject({ inReach: [], elsewhere: [{ region: { en: regionA.nameEn }, why: "name" }] });
    expectNothingOf(duplicates, person);
    expect(await eventsOf(checker, "case.duplicates_checked")).toEqual([
      expect.objectContaining({
        context: expect.objectContaining({ purpose: "registration", matches: 1, inReach: 0, outOfReach: 1 }) as unknown,
      }),
    ]);
    expect(await getDb().person.count({ where: { familyName: person.familyName } })).toBe(1);
  });

  it("a confirmed registration under an IIN already taken is refused, and the lookup that found it is recorded", async () => {
    const person = await registered(regionB.id, null);
    const checker = await makeUser("CASEWORKER", [regionA.id]);
    const input = NewCaseInput.parse({
      familyName: uniqueName(),
      givenName: uniqueName(),
      sex: "MALE",
      birthDate: "1990-01-01",
      iin: person.iin,
      regionId: regionA.id,
      returnDate: "2019-05-07",
      returnOperationCode: "TEST_OP",
      returnedFrom: "SY",
      confirmNotDuplicate: "on",
    });
    expect(await outcome(createCase(checker, input))).toBe("invalid:iin=iinTaken");
    expect(await eventsOf(checker, "case.duplicates_checked")).toEqual([
      expect.objectContaining({
        context: expect.objectContaining({
          purpose: "registration",
          searched: expect.objectContaining({ iin: person.iin }) as unknown,
          outOfReach: 1,
        }) as unknown,
      }),
    ]);
  });

  it("changing a case's IIN to one registered elsewhere is refused as taken, and the lookup is recorded against the case", async () => {
    const elsewhere = await registered(regionB.id, null);
    const checker = await makeUser("CASEWORKER", [regionA.id]);
    const own = await makePerson(regionA.id, checker.id, uniqueName());
    const edit = PersonEditInput.parse({
      caseId: own.id,
      version: 1,
      familyName: own.familyName,
      givenName: own.givenName,
      sex: "MALE",
      birthDate: "1990-01-01",
      iin: elsewhere.iin,
      citizenship: "KZ",
      caseStatus: "OPEN",
      riskLevel: "UNASSESSED",
    });
    expect(await outcome(updatePerson(checker, edit))).toBe("invalid:iin=iinTaken");
    expect(await eventsOf(checker, "case.duplicates_checked")).toEqual([
      expect.objectContaining({
        entityType: "person",
        entityId: own.id,
        context: expect.objectContaining({
          purpose: "edit",
          searched: expect.objectContaining({ iin: elsewhere.iin }) as unknown,
          matches: 1,
          outOfReach: 1,
        }) as unknown,
      }),
    ]);
    expect((await getDb().person.findUniqueOrThrow({ where: { id: own.id } })).iin).toBeNull();
  });
});

describe("the import's duplicate check", () => {
  it("answers every row exactly as the form's own lookup answers it, however many rows one query looks up", async () => {
    const supervisor = await makeUser("SUPERVISOR", [regionA.id]);
    const mine = await registered(regionA.id, null);
    const elsewhere = await registered(regionB.id, null);
    const aliased = await registered(regionA.id, null);
    const kunya = uniqueName();
    await getDb().alias.create({
      data: { personId: aliased.id, value: kunya, type: "KUNYA", source: "test", script: "CYRILLIC", searchName: normalizeName(kunya) },
    });
    // More namesakes than a lookup keeps: the cap must drop the same ones.
    const common = uniqueName();
    for (let i = 0; i < 22; i++) await makePerson(i % 2 ? regionA.id : regionB.id, null, common);

    const probe = (input: { familyName?: string; givenName?: string; birthDate?: string; iin?: string }): DuplicateProbe => {
      const made = meaningfulProbe({ familyName: "", givenName: "", birthDate: "", iin: "", ...input });
      if (!made) throw new Error(JSON.stringify(input));
      return made;
    };
    const probes = [
      probe(byIin(mine)),
      probe(byName(mine)),
      probe(byName(elsewhere)),
      probe({ familyName: kunya, givenName: "", birthDate: "1990-06-01" }),
      probe({ ...byName(mine), iin: elsewhere.iin ?? "" }),
      probe({ familyName: common, givenName: "Иван", birthDate: "1990-01-01" }),
      probe({ familyName: uniqueName(), givenName: "Никто", birthDate: "1990-01-01" }),
    ];
    const single = await getDb().$transaction(async (tx) => {
      const answers = [];
      for (const p of probes) {
        const check = await checkForDuplicates(tx, supervisor, p, { kind: "typing" });
        if (check.limited) throw new Error("limited");
        answers.push({ inReach: check.inReach, elsewhere: check.elsewhere });
      }
      return answers;
    });
    expect(single[0]?.inReach.map((d) => d.id)).toEqual([mine.id]);
    expect(single[2]?.elsewhere).toHaveLength(1);
    expect(single[3]?.inReach.map((d) => d.id)).toEqual([aliased.id]);
    expect(single[5]!.inReach.length + single[5]!.elsewhere.length).toBeGreaterThan(0);
    expect(single[6]).toEqual({ inReach: [], elsewhere: [] });

    // A small file: each row looked up on its own.
    const few = await getDb().$transaction((tx) =>
      checkImportForDuplicates(
        tx,
        supervisor,
        probes.map((probe, i) => ({ row: i + 2, probe })),
        { name: "few.xlsx", sha256: "a".repeat(64) },
        "command",
      ),
    );
    if (few.limited) throw new Error("limited");
    probes.forEach((_, i) => expect(few.answers.get(i + 2)).toEqual(single[i]));

    // Enough rows for two queries, each probe many times over.
    const rows = Array.from({ length: 530 }, (_, i) => ({ row: i + 2, probe: probes[i % probes.length]! }));
    const batched = await getDb().$transaction((tx) =>
      checkImportForDuplicates(tx, supervisor, rows, { name: "same.xlsx", sha256: "b".repeat(64) }, "command"),
    );
    if (batched.limited) throw new Error("limited");
    for (const { row } of rows) expect(batched.answers.get(row)).toEqual(single[(row - 2) % probes.length]);
  });
});
