import type { Db, Prisma } from "../../lib/db/client";
import type { JsonValue } from "../../lib/audit/canonical-json";
import { SYSTEM_CHAIN } from "../../lib/audit/event-hash";
import { auditEventRow, buildAuditEvent, type AuditActor, type AuditInput } from "../../lib/audit/record-event";
import { hashPassword } from "../../lib/auth/password";
import { normalizeName } from "../../lib/search/normalize-name";
import { personColumns } from "../../lib/cases/person-details";
import { auditMembers, type CreationField, type RecordedPerson } from "../../lib/validation/person-fields";
import { installReferenceData } from "../../lib/reference-data/install";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts";
import { planPeople, type PlannedPerson } from "./plan-people";
import { planPrograms } from "./plan-programs";
import { Random, utcDate } from "./random";

const SEED = 20190105;

/** Ids drawn from the seeded generator, so the demo data are the same on every run. */
function uuidFrom(random: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random.next() * 16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16] ?? "8", 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** At a given hour of Almaty's day (UTC+5), so the history reads like office hours. */
function atHour(date: string, hour: number, minute = 0): Date {
  return new Date(utcDate(date).getTime() + ((hour - 5) * 60 + minute) * 60_000);
}

/** No accounts and no cases: the reference data every migrated database has do not count. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [users, persons] = await Promise.all([db.user.count(), db.person.count()]);
  return users + persons === 0;
}

export async function hasDemoData(db: Db): Promise<boolean> {
  return (await db.user.count({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } } })) > 0;
}

/**
 * Loads the fictional demo data set (docs/domain.md, "Demo data") into a database without accounts
 * or cases, with every case's history written as hash-chained audit events, on top of the
 * product's reference data. Refuses a database that has accounts or cases.
 */
export async function seedDemoData(db: Db): Promise<{ persons: number; events: number }> {
  if (!(await isDatabaseEmpty(db)))
    throw new Error("the database already has accounts or cases; the demo seed only loads into a database without either");
  await installReferenceData(db);
  const random = new Random(SEED);
  const { persons, households } = planPeople(random);
  const { programs, enrollments, needs } = planPrograms(random, persons);

  const regionIds = new Map((await db.region.findMany({ select: { code: true, id: true } })).map((r) => [r.code, r.id]));
  const regionId = (code: string) => regionIds.get(code) ?? "";
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = DEMO_ACCOUNTS.map((account) => ({ ...account, id: uuidFrom(random) }));
  const userByEmail = new Map(users.map((u) => [u.email, u]));
  const personIds = persons.map(() => uuidFrom(random));
  const programIds = programs.map(() => uuidFrom(random));
  const reasonIds = new Map(
    (await db.reason.findMany({ select: { kind: true, code: true, id: true } })).map((r) => [`${r.kind}:${r.code}`, r.id]),
  );
  const reasonId = (code: string | null) =>
    code ? ([...reasonIds.entries()].find(([key]) => key.endsWith(`:${code}`))?.[1] ?? null) : null;

  // Case numbers: KZ-<year of return>-<serial within that year>, in order of return.
  const order = [...persons].sort((a, b) => a.returnDate.localeCompare(b.returnDate) || a.key - b.key);
  const serials = new Map<number, number>();
  const caseNumbers = new Map<number, string>();
  for (const person of order) {
    const year = Number(person.returnDate.slice(0, 4));
    const serial = (serials.get(year) ?? 0) + 1;
    serials.set(year, serial);
    caseNumbers.set(person.key, `KZ-${year}-${String(serial).padStart(6, "0")}`);
  }

  await db.$transaction(
    async (tx) => {
      await tx.user.createMany({ data: users.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, passwordHash })) });
      await tx.userRegion.createMany({
        data: users.flatMap((u) => u.regionCodes.map((code) => ({ userId: u.id, regionId: regionId(code) }))),
      });

      await tx.person.createMany({
        data: persons.map((p) =>
          personRow(
            p,
            personIds[p.key] ?? "",
            caseNumbers.get(p.key) ?? "",
            regionId(p.regionCode),
            p.caseworkerEmail ? (userByEmail.get(p.caseworkerEmail)?.id ?? null) : null,
          ),
        ),
      });
      await tx.alias.createMany({
        data: persons.flatMap((p) =>
          p.aliases.map((a) => ({
            id: uuidFrom(random),
            personId: personIds[p.key] ?? "",
            value: a.value,
            script: a.script,
            type: a.type,
            source: a.source,
            searchName: normalizeName(a.value),
          })),
        ),
      });
      const householdIds = households.map(() => uuidFrom(random));
      await tx.household.createMany({ data: households.map((h, i) => ({ id: householdIds[i] ?? "", label: h.label })) });
      await tx.householdMember.createMany({
        data: households.flatMap((h, i) =>
          h.members.map((m) => ({
            householdId: householdIds[i] ?? "",
            personId: personIds[m.personKey] ?? "",
            relationship: m.relationship,
          })),
        ),
      });
      await tx.prosecutionEntry.createMany({
        data: persons.flatMap((p) =>
          p.prosecution.map((e, i) => ({
            id: uuidFrom(random),
            personId: personIds[p.key] ?? "",
            status: e.status,
            effectiveDate: utcDate(e.effectiveDate),
            articles: e.articles,
            authority: e.authority,
            sentenceMonths: e.sentenceMonths,
            reason: e.reason,
            recordedById: p.caseworkerEmail ? (userByEmail.get(p.caseworkerEmail)?.id ?? null) : null,
            createdAt: atHour(e.effectiveDate, 10, i),
          })),
        ),
      });
      await tx.program.createMany({
        data: programs.map((p) => ({
          id: programIds[p.key] ?? "",
          name: p.name,
          programTypeCode: p.typeCode,
          provider: p.provider,
          regionId: regionId(p.regionCode),
          capacity: p.capacity,
          active: p.active,
        })),
      });
      await tx.enrollment.createMany({
        data: enrollments.map((e) => ({
          id: uuidFrom(random),
          personId: personIds[e.personKey] ?? "",
          programId: programIds[e.programKey] ?? "",
          status: e.status,
          referredOn: utcDate(e.referredOn),
          enrolledOn: e.enrolledOn ? utcDate(e.enrolledOn) : null,
          completedOn: e.completedOn ? utcDate(e.completedOn) : null,
          endedOn: e.endedOn ? utcDate(e.endedOn) : null,
          reasonId: reasonId(e.reasonCode),
          outcomeNote: e.outcomeNote,
        })),
      });
      await tx.programNeed.createMany({
        data: needs.map((n) => ({
          personId: personIds[n.personKey] ?? "",
          programTypeCode: n.programTypeCode,
          state: n.state,
          reasonId: reasonId(n.reasonCode),
          comment: n.comment,
          decidedAt: atHour(n.decidedOn, 11),
        })),
      });
      await tx.note.createMany({
        data: persons.flatMap((p) =>
          p.notes.map((n) => ({
            id: uuidFrom(random),
            personId: personIds[p.key] ?? "",
            body: n.body,
            authorId: p.caseworkerEmail ? (userByEmail.get(p.caseworkerEmail)?.id ?? null) : null,
            createdAt: atHour(n.date, 15),
          })),
        ),
      });
      await tx.caseNumberCounter.createMany({ data: [...serials.entries()].map(([year, lastSerial]) => ({ year, lastSerial })) });
    },
    { timeout: 120_000 },
  );

  // The history of each case, as the events the app itself would have written, chained per case.
  const rows: Prisma.AuditEventCreateManyInput[] = [];
  const heads: { chain: string; lastSeq: number; lastHash: string }[] = [];
  // The system chain already holds the reference data's installation; the demo's accounts follow it.
  const systemHead = await db.auditChainHead.findUnique({ where: { chain: SYSTEM_CHAIN } });
  const appendChain = (
    chain: string,
    inputs: (AuditInput & { occurredAt: Date })[],
    after: { lastSeq: number; lastHash: string } | null = null,
  ) => {
    let prevHash: string | null = after?.lastHash ?? null;
    const firstSeq = (after?.lastSeq ?? 0) + 1;
    inputs
      .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
      .forEach((input, index) => {
        const { event, hash } = buildAuditEvent(chain, firstSeq + index, prevHash, { ...input, eventId: uuidFrom(random) });
        rows.push(auditEventRow(event, hash, input.actor.role));
        prevHash = hash;
      });
    if (prevHash) heads.push({ chain, lastSeq: firstSeq + inputs.length - 1, lastHash: prevHash });
  };

  const seedActor: AuditActor = { id: null, label: "demo-seed", role: null };
  appendChain(
    SYSTEM_CHAIN,
    users.map((u, i) => ({
      actor: seedActor,
      action: "account.created",
      entityType: "user",
      entityId: u.id,
      after: { email: u.email, name: u.name, role: u.role, regions: [...u.regionCodes] },
      occurredAt: atHour("2019-01-02", 9, i),
    })),
    systemHead && systemHead.lastSeq > 0 ? systemHead : null,
  );
  for (const person of persons) {
    const caseId = personIds[person.key] ?? "";
    const worker = person.caseworkerEmail ? userByEmail.get(person.caseworkerEmail) : undefined;
    const actor: AuditActor = worker ? { id: worker.id, label: worker.email, role: worker.role } : seedActor;
    const base = { actor, caseId };
    const events: (AuditInput & { occurredAt: Date })[] = [
      {
        ...base,
        action: "case.created",
        entityType: "person",
        entityId: caseId,
        after: registrationRecord(person, caseNumbers.get(person.key) ?? "", regionId(person.regionCode)),
        occurredAt: atHour(person.returnDate, 9),
      },
    ];
    if (worker)
      events.push({
        ...base,
        action: "case.assigned",
        entityType: "person",
        entityId: caseId,
        before: { caseworkerId: null, caseworker: null },
        after: { caseworkerId: worker.id, caseworker: worker.name },
        occurredAt: atHour(person.returnDate, 9, 5),
      });
    person.prosecution.forEach((e, i) =>
      events.push({
        ...base,
        action: "prosecution.status_changed",
        entityType: "prosecution_entry",
        reason: e.reason,
        before: { status: person.prosecution[i - 1]?.status ?? null },
        after: {
          status: e.status,
          effectiveDate: e.effectiveDate,
          articles: e.articles,
          authority: e.authority,
          sentenceMonths: e.sentenceMonths,
        },
        occurredAt: atHour(e.effectiveDate, 10, 10 + i),
      }),
    );
    for (const e of enrollments.filter((x) => x.personKey === person.key)) {
      const program = programs[e.programKey];
      const entity = {
        ...base,
        entityType: "enrollment",
        context: { program: program?.name ?? null, programType: program?.typeCode ?? null } as JsonValue,
      };
      events.push({
        ...entity,
        action: "enrollment.referred",
        after: { status: "REFERRED", date: e.referredOn },
        occurredAt: atHour(e.referredOn, 11),
      });
      if (e.enrolledOn)
        events.push({
          ...entity,
          action: "enrollment.enrolled",
          before: { status: "REFERRED" },
          after: { status: "ENROLLED", date: e.enrolledOn },
          occurredAt: atHour(e.enrolledOn, 11),
        });
      const ended = e.completedOn ?? e.endedOn;
      if (ended && e.status !== "ENROLLED") {
        // As the app writes it: the reason chosen from the list by its id, the outcome note as the free text.
        events.push({
          ...entity,
          action: `enrollment.${e.status.toLowerCase()}`,
          reason: e.outcomeNote,
          before: { status: e.enrolledOn ? "ENROLLED" : "REFERRED" },
          after: { status: e.status, date: ended, reasonId: reasonId(e.reasonCode) },
          occurredAt: atHour(ended, 12),
        });
      }
    }
    for (const n of needs.filter((x) => x.personKey === person.key)) {
      events.push({
        ...base,
        action: "need.marked",
        entityType: "program_need",
        reason: n.comment,
        after: { programType: n.programTypeCode, state: n.state },
        occurredAt: atHour(n.decidedOn, 11, 30),
      });
    }
    person.notes.forEach((n, i) =>
      events.push({ ...base, action: "note.added", entityType: "note", after: { body: n.body }, occurredAt: atHour(n.date, 15, i) }),
    );
    appendChain(caseId, events);
  }

  for (let i = 0; i < rows.length; i += 2000) await db.auditEvent.createMany({ data: rows.slice(i, i + 2000) });
  await db.$transaction([db.auditChainHead.deleteMany({ where: { chain: SYSTEM_CHAIN } }), db.auditChainHead.createMany({ data: heads })]);
  return { persons: persons.length, events: rows.length };
}

/** What the registration form would have set for this person. */
function registeredFields(p: PlannedPerson, regionId: string): RecordedPerson<CreationField> {
  return {
    familyName: p.familyName,
    givenName: p.givenName,
    patronymic: p.patronymic,
    sex: p.sex,
    birthDate: p.birthDate,
    birthDateEstimated: p.birthDateEstimated,
    iin: p.iin,
    citizenship: "KZ",
    regionId,
    address: p.address,
    riskLevel: p.riskLevel,
    returnDate: p.returnDate,
    returnOperationCode: p.operationCode,
    returnedFrom: p.returnedFrom,
  };
}

function personRow(
  p: PlannedPerson,
  id: string,
  caseNumber: string,
  regionId: string,
  caseworkerId: string | null,
): Prisma.PersonCreateManyInput {
  return {
    id,
    caseNumber,
    ...personColumns(registeredFields(p, regionId)),
    ageCategory: p.ageCategory,
    unaccompaniedMinor: p.unaccompaniedMinor,
    caseStatus: p.caseStatus,
    prosecutionStatus: p.prosecution[p.prosecution.length - 1]?.status ?? "NO_PROCEEDINGS",
    caseworkerId,
    createdAt: atHour(p.returnDate, 9),
  };
}

/** The case.created event's record, as createCase writes it; the assignment follows as its own event. */
function registrationRecord(p: PlannedPerson, caseNumber: string, regionId: string): JsonValue {
  return { caseNumber, ...auditMembers(registeredFields(p, regionId)), aliases: p.aliases.map((a) => a.value), caseworkerId: null };
}
