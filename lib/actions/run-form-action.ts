import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { DomainError } from "../cases/errors";
import { FieldProblems } from "../cases/field-problems";
import { reportUnexpected } from "../errors/report-unexpected";
import { fieldErrorsOf, formValues, type ActionState } from "../validation/action-state";

/**
 * The one shape of every form action (STYLE.md 5): parse with zod, call one domain function
 * (which authorizes and writes in a transaction with its audit event), revalidate the page,
 * and turn expected failures into field errors and message keys. Unexpected errors are logged
 * under a reference; only the reference reaches the user.
 */
export async function runFormAction<S extends z.ZodType>(
  name: string,
  formData: FormData,
  schema: S,
  work: (input: z.infer<S>) => Promise<unknown>,
  options: { path: string; success: string; messages?: MessageOverrides },
): Promise<ActionState> {
  const submitted = formValues(formData);
  const values = echoable(submitted);
  const parsed = schema.safeParse(submitted);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "checkFields", values };
  try {
    await work(parsed.data);
  } catch (error) {
    return stateForError(error, values, name, options.path, options.messages);
  }
  revalidatePath(options.path);
  return { ok: true, fieldErrors: {}, message: options.success, values: {} };
}

/** Message keys to use instead of the case-worded defaults, e.g. on account forms. */
export type MessageOverrides = Partial<Record<DomainError["kind"], string>>;

/** What was typed, minus passwords: those are never sent back to the browser, not even to refill a form. */
export function echoable(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !/password/i.test(key)));
}

/** The form's answer to a failed domain call: field errors, a message key, or a logged reference. */
export function stateForError(error: unknown, values: Record<string, string>, name: string, path: string, messages: MessageOverrides = {}): ActionState {
  if (error instanceof FieldProblems) {
    return { ok: false, fieldErrors: Object.fromEntries(error.problems.map((p) => [p.field, p.message])), message: "checkFields", values };
  }
  if (error instanceof DomainError) {
    // After a conflict the page shows the other person's change; the form keeps this one's input.
    if (error.kind === "conflict") revalidatePath(path);
    return { ok: false, fieldErrors: {}, message: messages[error.kind] ?? error.kind, values };
  }
  return { ok: false, fieldErrors: {}, message: "unexpected", messageValues: { ref: reportUnexpected(error, name) }, values };
}
