import "server-only";
import { getDb } from "../db/client";
import type { AuthorizedCase } from "./get-case";

/** Notes a page shows: enough to read the latest conversations, few enough that the page stays small. */
export const NOTES_PAGE_SIZE = 20;

export type NoteEntry = { id: string; body: string; author: string | null; createdAt: string };

/** One page of the case's notes, where it stands among all of them, and the cursor of the next. */
export type NotesPanel = { notes: NoteEntry[]; total: number; earlier: number; nextCursor: string | null };

/**
 * The case page's notes panel, newest first, one page at a time. The page after a cursor is read
 * by its key (time, then id), never by an offset, so its cost does not grow with the case's age.
 * The cursor is looked up among this case's notes only: another case's note, or none, gives the
 * first page, and the cursor's own row tells nothing about any other case.
 */
export async function getNotesPanel(opened: AuthorizedCase, cursor?: string): Promise<NotesPanel> {
  const db = getDb();
  const last = cursor
    ? await db.note.findFirst({ where: { id: cursor, personId: opened.id }, select: { id: true, createdAt: true } })
    : null;
  const older = last ? { OR: [{ createdAt: { lt: last.createdAt } }, { createdAt: last.createdAt, id: { lt: last.id } }] } : {};
  const [rows, total, earlier] = await Promise.all([
    db.note.findMany({
      where: { personId: opened.id, ...older },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: NOTES_PAGE_SIZE + 1,
      select: { id: true, body: true, createdAt: true, author: { select: { name: true } } },
    }),
    db.note.count({ where: { personId: opened.id } }),
    last ? db.note.count({ where: { personId: opened.id, NOT: older } }) : 0,
  ]);
  const notes = rows
    .slice(0, NOTES_PAGE_SIZE)
    .map((n) => ({ id: n.id, body: n.body, author: n.author?.name ?? null, createdAt: n.createdAt.toISOString() }));
  return { notes, total, earlier, nextCursor: rows.length > NOTES_PAGE_SIZE ? (notes[notes.length - 1]?.id ?? null) : null };
}
