import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/session-store";
import { TRANSITIONS } from "../prosecution/transitions";
import { outcome } from "../testing/outcome";
import { makePerson, makeTeam } from "../testing/factories";
import { StatusChangeInput } from "../validation/prosecution";
import { changeProsecutionStatus } from "./change-prosecution-status";

let owner: CurrentUser;
let colleague: CurrentUser;
let auditor: CurrentUser;
let regionId: string;

beforeAll(async () => {
  // The allowed-transition table is reference data; the run's database gets it once.
  await getDb().prosecutionTransition.createMany({
    data: TRANSITIONS.map((t) => ({ fromStatus: t.from, toStatus: t.to, isCorrection: t.isCorrection })),
    skipDuplicates: true,
  });
  const team = await makeTeam();
  ({ owner, colleague, auditor } = team);
  regionId = team.region.id;
});

const input = (caseId: string, overrides: Record<string, unknown> = {}) =>
  StatusChangeInput.parse({
    caseId,
    version: 1,
    status: "PRELIMINARY_CHECK",
    effectiveDate: "2024-03-01",
    reason: "Поступила информация",
    ...overrides,
  });

async function state(caseId: string) {
  const db = getDb();
  const [person, entries, events] = await Promise.all([
    db.person.findUniqueOrThrow({ where: { id: caseId }, select: { version: true, prosecutionStatus: true } }),
    db.prosecutionEntry.count({ where: { personId: caseId } }),
    db.auditEvent.count({ where: { chain: caseId, action: "prosecution.status_changed" } }),
  ]);
  return { ...person, entries, events };
}

describe("changeProsecutionStatus", () => {
  it("writes the entry, the case's new status and version, and its audit event together", async () => {
    const person = await makePerson(regionId, owner.id);
    expect(await outcome(changeProsecutionStatus(owner, input(person.id)))).toBe("ok");
    expect(await state(person.id)).toEqual({ version: 2, prosecutionStatus: "PRELIMINARY_CHECK", entries: 1, events: 1 });
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { chain: person.id, action: "prosecution.status_changed" } });
    expect(event).toMatchObject({ reason: "Поступила информация", before: { status: "NO_PROCEEDINGS" }, actorId: owner.id });
  });

  it("lets exactly one of two edits made from the same version win; the other is a conflict and nothing is lost", async () => {
    const person = await makePerson(regionId, owner.id);
    const results = await Promise.all([
      outcome(changeProsecutionStatus(owner, input(person.id, { reason: "first" }))),
      outcome(changeProsecutionStatus(owner, input(person.id, { status: "UNDER_INVESTIGATION", reason: "second" }))),
    ]);
    expect(results.sort()).toEqual(["conflict", "ok"]);
    expect(await state(person.id)).toMatchObject({ version: 2, entries: 1, events: 1 });
  });

  it("refuses an edit made from a stale version", async () => {
    const person = await makePerson(regionId, owner.id);
    await changeProsecutionStatus(owner, input(person.id));
    expect(await outcome(changeProsecutionStatus(owner, input(person.id, { status: "UNDER_INVESTIGATION" })))).toBe("conflict");
    expect(await state(person.id)).toMatchObject({ version: 2, prosecutionStatus: "PRELIMINARY_CHECK", entries: 1 });
  });

  it("refuses a transition the table does not allow, with a reason on the field, and writes nothing", async () => {
    const person = await makePerson(regionId, owner.id);
    expect(await outcome(changeProsecutionStatus(owner, input(person.id, { status: "RELEASED_AFTER_SENTENCE" })))).toBe(
      "invalid:status=transitionNotAllowed",
    );
    expect(await state(person.id)).toEqual({ version: 1, prosecutionStatus: "NO_PROCEEDINGS", entries: 0, events: 0 });
  });

  it("refuses a date in the future or before the previous entry", async () => {
    const person = await makePerson(regionId, owner.id);
    expect(await outcome(changeProsecutionStatus(owner, input(person.id, { effectiveDate: "2099-01-01" })))).toBe(
      "invalid:effectiveDate=future",
    );
    await changeProsecutionStatus(owner, input(person.id));
    expect(
      await outcome(
        changeProsecutionStatus(owner, input(person.id, { version: 2, status: "UNDER_INVESTIGATION", effectiveDate: "2023-01-01" })),
      ),
    ).toBe("invalid:effectiveDate=beforePrevious");
  });

  it("refuses read-only and out-of-reach users, writing nothing", async () => {
    const person = await makePerson(regionId, owner.id);
    expect(await outcome(changeProsecutionStatus(auditor, input(person.id)))).toBe("forbidden");
    expect(await outcome(changeProsecutionStatus(colleague, input(person.id)))).toBe("notFound");
    expect(await state(person.id)).toEqual({ version: 1, prosecutionStatus: "NO_PROCEEDINGS", entries: 0, events: 0 });
  });

  it("leaves neither the change nor its event when the transaction fails after the change", async () => {
    const db = getDb();
    // Fails the audit insert, which comes after the case update and the new entry; only for this reason text.
    await db.$executeRaw`CREATE OR REPLACE FUNCTION test_fail_injected() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END; $$`;
    await db.$executeRaw`DROP TRIGGER IF EXISTS test_fail_injected ON audit_event`;
    await db.$executeRaw`CREATE TRIGGER test_fail_injected BEFORE INSERT ON audit_event FOR EACH ROW WHEN (NEW.reason = 'inject-failure') EXECUTE FUNCTION test_fail_injected()`;
    const person = await makePerson(regionId, owner.id);
    await expect(changeProsecutionStatus(owner, input(person.id, { reason: "inject-failure" }))).rejects.toThrow(/injected failure/);
    expect(await state(person.id)).toEqual({ version: 1, prosecutionStatus: "NO_PROCEEDINGS", entries: 0, events: 0 });
  });
});
