import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { getDb } from "../db/client";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import { makePerson, makeTeam, type Team } from "../testing/factories";
import { getHistoryPanel, HISTORY_PAGE_SIZE, type HistoryPanel } from "./case-history";
import { getNotesPanel, NOTES_PAGE_SIZE, type NotesPanel } from "./case-notes";
import { getCase } from "./get-case";

// A case with more than two pages of notes and of history, and a second case beside it.
const NOTES = NOTES_PAGE_SIZE * 2 + 5;
const EVENTS = HISTORY_PAGE_SIZE * 2 + 7;
let team: Team;
let caseId: string;
let otherCaseId: string;

beforeAll(async () => {
  team = await makeTeam();
  // One after the other: the factory's first upsert of the return operation is not safe to race.
  const person = await makePerson(team.region.id, team.owner.id, "Постраничная");
  const other = await makePerson(team.region.id, team.owner.id, "Соседняя");
  caseId = person.id;
  otherCaseId = other.id;
  const db = getDb();
  // Three notes share each moment, so the page boundary falls inside a tie and the id must break it.
  const start = Date.UTC(2025, 0, 1);
  const notesOf = (personId: string, count: number) =>
    Array.from({ length: count }, (_, i) => ({
      personId,
      body: `Заметка ${i}`,
      authorId: team.owner.id,
      createdAt: new Date(start + Math.floor(i / 3) * 60_000),
    }));
  await db.note.createMany({ data: [...notesOf(caseId, NOTES), ...notesOf(otherCaseId, 3)] });
  // Every third event a prosecution change, and openings between them that the timeline leaves out.
  await db.$transaction(
    async (tx) => {
      for (let i = 0; i < EVENTS; i++) {
        const action = i % 3 === 0 ? "prosecution.status_changed" : "person.updated";
        await recordAuditEvent(tx, {
          actor: auditActorOf(team.owner),
          action,
          entityType: "person",
          entityId: caseId,
          caseId,
          reason: `${i}`,
        });
        if (i % 10 === 0)
          await recordAuditEvent(tx, {
            actor: auditActorOf(team.owner),
            action: "case.viewed",
            entityType: "person",
            entityId: caseId,
            caseId,
          });
      }
      await recordAuditEvent(tx, { actor: auditActorOf(team.owner), action: "note.added", entityType: "note", caseId: otherCaseId });
    },
    { timeout: 60_000 },
  );
});

async function allNotePages(cursor?: string): Promise<NotesPanel[]> {
  const opened = await getCase(team.owner, caseId);
  const pages: NotesPanel[] = [];
  for (let next = cursor; pages.length === 0 || next;) {
    const page = await getNotesPanel(opened, next);
    pages.push(page);
    next = page.nextCursor ?? undefined;
  }
  return pages;
}

async function allHistoryPages(kind?: "prosecution"): Promise<HistoryPanel[]> {
  const opened = await getCase(team.auditor, caseId);
  const pages: HistoryPanel[] = [];
  for (let cursor: string | undefined; pages.length === 0 || cursor;) {
    const page = await getHistoryPanel(opened, { cursor, kind });
    pages.push(page);
    cursor = page.nextCursor ?? undefined;
  }
  return pages;
}

describe("the case page's paged notes", () => {
  it("pages through every note of the case once, newest first, with no gap or repeat at a page boundary", async () => {
    const pages = await allNotePages();
    expect(pages.map((p) => p.notes.length)).toEqual([NOTES_PAGE_SIZE, NOTES_PAGE_SIZE, 5]);
    expect(pages.map((p) => p.earlier)).toEqual([0, NOTES_PAGE_SIZE, NOTES_PAGE_SIZE * 2]);
    expect(pages.every((p) => p.total === NOTES)).toBe(true);
    const stored = await getDb().note.findMany({
      where: { personId: caseId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(pages.flatMap((p) => p.notes.map((n) => n.id))).toEqual(stored.map((n) => n.id));
  });

  it("reads the first page for a cursor that is no note of this case: another case's note, or an id that names nothing", async () => {
    const opened = await getCase(team.owner, caseId);
    const first = await getNotesPanel(opened);
    const foreign = await getDb().note.findFirstOrThrow({ where: { personId: otherCaseId }, select: { id: true } });
    for (const cursor of [foreign.id, randomUUID()]) expect(await getNotesPanel(opened, cursor)).toEqual(first);
  });
});

describe("the case page's paged history", () => {
  it("pages through every change of the case once, newest first, leaving the openings out", async () => {
    const pages = await allHistoryPages();
    const entries = pages.flatMap((p) => p.entries);
    const stored = await getDb().auditEvent.findMany({
      where: { chain: caseId, action: { not: "case.viewed" } },
      orderBy: { seq: "desc" },
      select: { id: true },
    });
    expect(stored).toHaveLength(EVENTS);
    expect(entries.map((e) => e.id)).toEqual(stored.map((e) => e.id));
    expect(pages.slice(0, -1).every((p) => p.entries.length === HISTORY_PAGE_SIZE)).toBe(true);
    expect(pages.map((p) => p.earlier)).toEqual(pages.map((_, i) => i * HISTORY_PAGE_SIZE));
    expect(pages.every((p) => p.total === stored.length)).toBe(true);
  });

  it("filtered by kind, shows only that family's events, and counts only them", async () => {
    const pages = await allHistoryPages("prosecution");
    const entries = pages.flatMap((p) => p.entries);
    expect(entries).toHaveLength(Math.ceil(EVENTS / 3));
    expect(entries.every((e) => e.action.startsWith("prosecution."))).toBe(true);
    expect(entries.map((e) => Number(e.reason))).toEqual([...entries.map((e) => Number(e.reason))].sort((a, b) => b - a));
    expect(pages[0]?.total).toBe(Math.ceil(EVENTS / 3));
  });

  it("reads the first page for another case's event or an unknown id as the cursor, and never another case's events", async () => {
    const opened = await getCase(team.auditor, caseId);
    const first = await getHistoryPanel(opened);
    const foreign = await getDb().auditEvent.findFirstOrThrow({
      where: { chain: otherCaseId, action: "note.added" },
      select: { id: true },
    });
    for (const cursor of [foreign.id, randomUUID()]) {
      const page = await getHistoryPanel(opened, { cursor });
      expect(page.entries.map((e) => e.id)).toEqual(first.entries.map((e) => e.id));
      expect(page.entries.map((e) => e.id)).not.toContain(foreign.id);
    }
  });
});
