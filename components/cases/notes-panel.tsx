import { getLocale, getTranslations } from "next-intl/server";
import { getNotesPanel } from "@/lib/cases/case-notes";
import { casePageHref } from "@/lib/cases/case-page-href";
import type { AuthorizedCase } from "@/lib/cases/get-case";
import { formatMoment } from "@/lib/i18n/format";
import type { CasePageQuery } from "@/lib/validation/case-page";
import { LiveFragment } from "@/components/ui/live-fragments";
import { Section } from "@/components/ui/section";
import { NoteForm } from "./note-form";
import { PageLinks } from "./page-links";

/** The case page's notes panel, newest first and a page at a time, with the form to add one for an editor. */
export async function NotesPanel({ opened, query }: { opened: AuthorizedCase; query: CasePageQuery }) {
  const t = await getTranslations("case");
  return (
    <Section title={t("notes")} id="notes" testId="notes-panel">
      {opened.canEdit && <NoteForm caseId={opened.id} />}
      <LiveFragment name="notes">
        <NotesList opened={opened} query={query} />
      </LiveFragment>
    </Section>
  );
}

/** The notes themselves and their page links: what a note's save answers with (docs/decisions/032). */
export async function NotesList({ opened, query }: { opened: AuthorizedCase; query: CasePageQuery }) {
  const [panel, t, locale] = await Promise.all([getNotesPanel(opened, query.notes), getTranslations("case"), getLocale()]);
  const { notes, total, earlier } = panel;
  return (
    <>
      {total === 0 ? (
        <p className="text-sm text-slate-600">{t("noNotes")}</p>
      ) : (
        <>
          <p className="mb-2 text-xs text-slate-600" data-testid="notes-count">
            {earlier === 0
              ? t("notesShown", { shown: notes.length, total })
              : t("notesRange", { from: earlier + 1, to: earlier + notes.length, total })}
          </p>
          <ul className="space-y-2 text-sm">
            {notes.map((n) => (
              <li key={n.id} data-testid="note-entry">
                <p>{n.body}</p>
                <p className="text-xs text-slate-600">
                  {n.author ?? "—"} · {formatMoment(locale, n.createdAt)}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
      <PageLinks
        testId="notes-pages"
        more={panel.nextCursor && casePageHref(opened.id, { ...query, notes: panel.nextCursor }, "notes")}
        newest={earlier > 0 ? casePageHref(opened.id, { ...query, notes: undefined }, "notes") : null}
      />
    </>
  );
}
