import "server-only";
import { getDb } from "../db/client";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import type { NoteInput } from "../validation/note";
import { requireEditableCase } from "../access/case-access";

/** Adds a dated note to a case, with its audit event in the same transaction. */
export async function addNote(user: CurrentUser, input: NoteInput): Promise<{ id: string }> {
  return getDb().$transaction(async (tx) => {
    const person = await requireEditableCase(tx, user, input.caseId);
    const note = await tx.note.create({ data: { personId: person.id, body: input.body, authorId: user.id }, select: { id: true } });
    await recordAuditEvent(tx, {
      actor: auditActorOf(user),
      action: "note.added",
      entityType: "note",
      entityId: note.id,
      caseId: person.id,
      after: { body: input.body },
    });
    return note;
  });
}
