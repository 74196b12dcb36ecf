import "server-only";
import { rowsPlannedEachRun } from "../db/sql";
import type { AuthorizedCase } from "./get-case";

/** Notes a page shows: enough to read the latest conversations, few enough that the page stays small. */
export const NOTES_PAGE_SIZE = 20;

export type NoteEntry = { id: string; body: string; author: string | null; createdAt: string };

/** One page of the case's notes, where it stands among all of them, and the cursor of the next. */
export type NotesPanel = { notes: NoteEntry[]; total: number; earlier: number; nextCursor: string | null };

type Row = { total: number; earlier: number; id: string | null; body: string; author: string | null; created_at: Date };

/**
 * The case page's notes panel, newest first, one page at a time. The page after a cursor is read
 * by its key (time, then id), never by an offset, so its cost does not grow with the case's age.
 * The cursor is looked up among this case's notes only: another case's note, or none, gives the
 * first page, and the cursor's own row tells nothing about any other case. One statement on the
 * driver (docs/decisions/033) gives the counts, the page and its authors' names, where the ORM
 * sent three or four.
 */
export async function getNotesPanel(opened: AuthorizedCase, cursor?: string): Promise<NotesPanel> {
  const rows = await rowsPlannedEachRun<Row>(
    `WITH last AS (SELECT n.created_at, n.id FROM note n WHERE n.id = $2::uuid AND n.person_id = $1::uuid)
     SELECT counts.total, counts.earlier, page.*
     FROM (SELECT (SELECT count(*)::int FROM note n WHERE n.person_id = $1::uuid) AS total,
                  (SELECT count(*)::int FROM note n, last WHERE n.person_id = $1::uuid AND (n.created_at, n.id) >= (last.created_at, last.id)) AS earlier
          ) AS counts
     LEFT JOIN LATERAL (
       SELECT n.id, n.body, u.name AS author, n.created_at
       FROM note n LEFT JOIN app_user u ON u.id = n.author_id
       WHERE n.person_id = $1::uuid
         AND (NOT EXISTS (SELECT 1 FROM last) OR (n.created_at, n.id) < (SELECT last.created_at, last.id FROM last))
       ORDER BY n.created_at DESC, n.id DESC
       LIMIT $3
     ) AS page ON TRUE
     ORDER BY page.created_at DESC, page.id DESC`,
    [opened.id, cursor ?? null, NOTES_PAGE_SIZE + 1],
  );
  // The counts' row always comes back, with the page's rows beside it, or nulls when it is empty.
  const { total, earlier } = rows[0]!;
  const page = rows.filter((row): row is Row & { id: string } => row.id !== null);
  const notes = page
    .slice(0, NOTES_PAGE_SIZE)
    .map((n) => ({ id: n.id, body: n.body, author: n.author, createdAt: n.created_at.toISOString() }));
  return { notes, total, earlier, nextCursor: page.length > NOTES_PAGE_SIZE ? (notes[notes.length - 1]?.id ?? null) : null };
}
