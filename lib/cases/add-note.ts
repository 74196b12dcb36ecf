import "server-only";
import { randomUUID } from "node:crypto";
import { inDriverTransaction } from "../db/sql";
import { auditActorOf, recordAuditEvent } from "../audit/record-event";
import type { CurrentUser } from "../auth/current-user";
import type { NoteInput } from "../validation/note";
import { requireEditableCase } from "../access/case-access";

/**
 * Adds a dated note to a case, with its audit event in the same transaction. The busiest write of
 * a caseworker's day, so it runs on the driver (docs/decisions/033).
 */
export async function addNote(user: CurrentUser, input: NoteInput): Promise<{ id: string }> {
  return inDriverTransaction(async (tx) => {
    const person = await requireEditableCase(tx, user, input.caseId);
    const now = new Date();
    const note = { id: randomUUID() };
    await tx.rows(`INSERT INTO note (id, person_id, body, author_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)`, [
      note.id,
      person.id,
      input.body,
      user.id,
      now,
    ]);
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
