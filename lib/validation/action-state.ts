import type { ReactNode } from "react";
import type { z } from "zod";

/**
 * What every form's server action returns (docs/conventions.md, "Server actions"): field errors and a message as catalog
 * keys, and the values the user typed, so a refused form keeps them.
 */
export type ActionState = {
  ok: boolean;
  fieldErrors: Record<string, string>;
  message: string | null;
  /** Fills the message's placeholders, e.g. the reference of an unexpected error. */
  messageValues?: Record<string, string>;
  values: Record<string, string>;
  /**
   * The parts of the page a save changed, rendered again by the server and put in place by name
   * (components/ui/live-fragments.tsx), for saves that answer with them instead of the whole page
   * (docs/decisions/032). Taken out of the state as it arrives, never sent back.
   */
  fragments?: Record<string, ReactNode>;
};

export const initialActionState: ActionState = { ok: false, fieldErrors: {}, message: null, values: {} };

/**
 * The form's text fields. A field sent several times (a group of checkboxes of ids) comes out
 * as one comma-separated value, which its schema splits again.
 */
export function formValues(formData: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  // An action is a public endpoint: a call whose argument is not a form reads as an empty one.
  if (!(formData instanceof FormData)) return values;
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string" || key.startsWith("$")) continue;
    values[key] = key in values ? `${values[key]},${value}` : value;
  }
  return values;
}

/**
 * Fields carrying a NUL character, refused as unreadable: no one types one, and PostgreSQL text
 * cannot store it, so it would otherwise fail deep in a query instead of next to its field.
 */
export function unreadableFields(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(values)
      .filter((key) => values[key]!.includes("\u0000"))
      .map((key) => [key, "invalid"]),
  );
}

/** The first problem of each field, as the key of its message. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message.match(/^[a-zA-Z_]+$/) ? issue.message : "invalid";
  }
  return errors;
}
