import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/session-store";
import { addNote } from "../cases/add-note";
import { checkNewCaseForDuplicates } from "../cases/possible-duplicates";
import { makePerson, makeTeam, makeUser } from "../testing/factories";
import { outcome } from "../testing/outcome";
import { AuditLogQuery } from "../validation/audit-log";
import { AUDIT_PAGE_SIZE, listAuditEvents, verifyLogNow } from "./audit-log";
import { recordAuditEvent, SYSTEM_ACTOR } from "../audit/record-event";

let owner: CurrentUser;
let supervisor: CurrentUser;
let auditor: CurrentUser;
let admin: CurrentUser;
let mine: { id: string; caseNumber: string };
let elsewhere: { id: string; caseNumber: string };

/** A case with a case number the viewer's filter accepts, in a year no other test uses, numbered in turn so two never collide. */
let caseSerial = 0;
async function caseWithNumber(regionId: string, caseworkerId: string | null) {
  const person = await makePerson(regionId, caseworkerId);
  return getDb().person.update({
    where: { id: person.id },
    data: { caseNumber: `KZ-2098-${String(++caseSerial).padStart(6, "0")}` },
    select: { id: true, caseNumber: true },
  });
}

beforeAll(async () => {
  const team = await makeTeam();
  ({ owner, supervisor, auditor, administrator: admin } = team);
  const ownerElsewhere = await makeUser("CASEWORKER", [team.otherRegion.id]);
  mine = await caseWithNumber(team.region.id, owner.id);
  elsewhere = await caseWithNumber(team.otherRegion.id, ownerElsewhere.id);
  for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++) await addNote(owner, { caseId: mine.id, body: `Заметка ${i}` });
  await addNote(ownerElsewhere, { caseId: elsewhere.id, body: "Elsewhere" });
  await getDb().$transaction((tx) =>
    recordAuditEvent(tx, {
      actor: { id: owner.id, label: owner.email, role: "CASEWORKER" },
      action: "case.searched",
      entityType: "registry",
      context: { text: "Абдуллаева" },
    }),
  );
  await checkNewCaseForDuplicates(owner, { familyName: "Абдуллаева", givenName: "Айша", birthDate: "1991-04-04", iin: "" });
  await getDb().$transaction((tx) =>
    recordAuditEvent(tx, {
      actor: { id: owner.id, label: owner.email, role: "CASEWORKER" },
      action: "auth.sign_in.succeeded",
      entityType: "session",
    }),
  );
});

const query = (fields: Record<string, string> = {}) => AuditLogQuery.parse(fields);
async function everyEvent(user: CurrentUser, fields: Record<string, string>) {
  const rows = [];
  let cursor: string | undefined;
  do {
    const page = await listAuditEvents(user, query({ ...fields, ...(cursor ? { cursor } : {}) }));
    rows.push(...page.rows);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

describe("audit log viewer", () => {
  it("pages through one case's history newest first, every event once", async () => {
    const rows = await everyEvent(auditor, { caseNumber: mine.caseNumber });
    expect(rows).toHaveLength(AUDIT_PAGE_SIZE + 5);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    const times = rows.map((r) => r.occurredAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it("shows a supervisor their regions' case histories and nothing of another region's", async () => {
    expect(await everyEvent(supervisor, { caseNumber: mine.caseNumber })).toHaveLength(AUDIT_PAGE_SIZE + 5);
    expect(await everyEvent(supervisor, { caseNumber: elsewhere.caseNumber })).toEqual([]);
  });

  it("shows a caseworker their own cases' histories only", async () => {
    expect((await everyEvent(owner, { action: "note." })).every((r) => r.caseId === mine.id)).toBe(true);
    expect(await everyEvent(owner, { caseNumber: elsewhere.caseNumber })).toEqual([]);
  });

  it("shows an administrator sign-in events but no case history, no search text and no duplicate check", async () => {
    const rows = await everyEvent(admin, { actor: owner.email });
    expect(rows.map((r) => r.action)).toEqual(["auth.sign_in.succeeded"]);
    expect(JSON.stringify(rows)).not.toContain("Абдуллаева");
  });

  it("shows an administrator how the installation was set up and restored, which concern no case", async () => {
    const restore = await getDb().$transaction((tx) =>
      recordAuditEvent(tx, { actor: SYSTEM_ACTOR, action: "backup.restored", entityType: "database", context: { via: "db:restore" } }),
    );
    expect((await everyEvent(admin, { action: "backup." })).map((r) => r.id)).toContain(restore.id);
    expect((await everyEvent(admin, { action: "reference_data." })).length).toBeGreaterThan(0);
  });

  it("filters by action family and by actor", async () => {
    const rows = await everyEvent(auditor, { action: "note.", actor: owner.email.toUpperCase() });
    expect(rows).toHaveLength(AUDIT_PAGE_SIZE + 5);
  });

  it("lets only auditors run a verification of the whole log", async () => {
    expect(await outcome(verifyLogNow(supervisor))).toBe("notFound");
    await verifyLogNow(auditor);
    expect(await getDb().auditVerification.count({ where: { requestedById: auditor.id } })).toBe(1);
    // On record for auditors; an auditor's work is not the administrator's to read.
    expect((await everyEvent(auditor, { actor: auditor.email, action: "audit." })).map((r) => r.action)).toEqual(["audit.verified"]);
    expect(await everyEvent(admin, { actor: auditor.email, action: "audit." })).toEqual([]);
  });
});
