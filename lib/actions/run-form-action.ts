import "server-only";
import type { ReactNode } from "react";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { requireUser, type CurrentUser } from "../auth/current-user";
import { DomainError } from "../errors/domain-error";
import { FieldProblems } from "../errors/field-problems";
import { reportUnexpected } from "../errors/report-unexpected";
import { fieldErrorsOf, formValues, unreadableFields, type ActionState } from "../validation/action-state";

/** Message keys to use instead of the case-worded defaults, e.g. on account forms. */
export type MessageOverrides = Partial<Record<DomainError["kind"], string>>;

/** A refusal only one form knows: its message, and what that form shows beside it. */
export type Refusal<X> = { message: string; messageValues?: Record<string, string> } & Partial<X>;

/**
 * Everything a form action is, as data (docs/conventions.md, "Server actions"). The action reads
 * its caller, parses, calls the one domain function (which authorizes on the stored record and
 * writes in a transaction with its audit event), revalidates and answers; nothing is left for the
 * action to write by hand.
 */
export type FormActionSpec<S extends z.ZodType, R, X extends object> = {
  /** Names the action in the log beside an unexpected error's reference. */
  name: string;
  /**
   * Who is calling, read on every call because an action is a public endpoint. By default a
   * signed-in user who owes nothing (requireUser); it ends the request with a redirect otherwise.
   */
  session?: () => Promise<CurrentUser>;
  schema: S;
  run: (user: CurrentUser, input: z.infer<S>) => Promise<R>;
  /**
   * The page to revalidate after a change, and after a conflict so it shows the other change;
   * read from the form as sent, since it names a page to refresh and grants nothing.
   */
  path: string | ((form: Record<string, string>) => string);
  /**
   * The parts of the page the change alters, rendered again, for a save that answers with them
   * instead of the whole page (docs/decisions/032). Only for a change that moves no version
   * another form on the page carries; read from the form as sent, like `path`.
   */
  answer?: (user: CurrentUser, form: Record<string, string>) => Promise<Record<string, ReactNode>>;
  /** The message after a change; none where the browser leaves the form on success. */
  success?: string | ((result: R) => string);
  messages?: MessageOverrides;
  /** Where the browser goes after a success, if it leaves the form. */
  redirectTo?: (result: R, user: CurrentUser) => string | null;
  /** What this form shows besides the shared state: from the result on success, without one otherwise. */
  extra?: (result: R | undefined) => X;
  /** Refusals particular to this form, before the shared ones apply. */
  refusal?: (error: unknown) => Refusal<NoInfer<X>> | null;
  /** False where what was typed must never go back to the browser, such as one-time codes. */
  echo?: boolean;
};

/** The one shape of every form action: `export const verbNounAction = formAction({ ... })`. */
export function formAction<S extends z.ZodType, R, X extends object = Record<never, never>>(spec: FormActionSpec<S, R, X>) {
  return async function action(_previous: ActionState & X, formData: FormData): Promise<ActionState & X> {
    const user = await (spec.session ?? (() => requireUser()))();
    const outcome = await attempt(spec, user, formData);
    const target = outcome.done ? spec.redirectTo?.(outcome.result, user) : null;
    // Outside any try: a redirect ends the request by throwing.
    if (target) redirect(target);
    // Forms without extras declare none; their state is the shared one alone.
    const extra = spec.extra?.(outcome.done ? outcome.result : undefined) ?? ({} as X);
    const shown = { ...outcome.state, ...extra, ...(outcome.done ? {} : outcome.refusal) };
    return spec.echo === false ? { ...shown, values: {} } : shown;
  };
}

type Outcome<R, X> = { state: ActionState } & ({ done: true; result: R } | { done: false; refusal?: Refusal<X> });

async function attempt<S extends z.ZodType, R, X extends object>(
  spec: FormActionSpec<S, R, X>,
  user: CurrentUser,
  formData: FormData,
): Promise<Outcome<R, X>> {
  const submitted = formValues(formData);
  const values = echoable(submitted);
  const unreadable = unreadableFields(submitted);
  if (Object.keys(unreadable).length > 0)
    return { done: false, state: { ok: false, fieldErrors: unreadable, message: "checkFields", values } };
  const path = typeof spec.path === "function" ? spec.path(submitted) : spec.path;
  const parsed = spec.schema.safeParse(submitted);
  if (!parsed.success)
    return { done: false, state: { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: "checkFields", values } };
  let result: R;
  try {
    result = await spec.run(user, parsed.data);
  } catch (error) {
    const refusal = spec.refusal?.(error);
    if (refusal) {
      const { message, messageValues } = refusal;
      return { done: false, state: { ok: false, fieldErrors: {}, message, ...(messageValues && { messageValues }), values }, refusal };
    }
    return { done: false, state: stateForError(error, values, spec.name, path, spec.messages) };
  }
  const fragments = await answerOf(spec, user, submitted);
  if (!fragments) revalidatePath(path);
  const message = typeof spec.success === "function" ? spec.success(result) : (spec.success ?? null);
  return { done: true, state: { ok: true, fieldErrors: {}, message, values: {}, ...(fragments && { fragments }) }, result };
}

/**
 * The changed parts of the page, or null for the whole page again: when the form has no answer
 * of its own, or its parts cannot be rendered (the change is saved either way, so the page is
 * simply rendered whole, and the reason logged).
 */
async function answerOf<S extends z.ZodType, R, X extends object>(
  spec: FormActionSpec<S, R, X>,
  user: CurrentUser,
  submitted: Record<string, string>,
): Promise<Record<string, ReactNode> | null> {
  if (!spec.answer) return null;
  try {
    return await spec.answer(user, submitted);
  } catch (error) {
    reportUnexpected(error, `${spec.name} answer`);
    return null;
  }
}

/** What was typed, minus passwords: those are never sent back to the browser, not even to refill a form. */
function echoable(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !/password/i.test(key)));
}

/** The form's answer to a failed domain call: field errors, a message key, or a logged reference. */
function stateForError(
  error: unknown,
  values: Record<string, string>,
  name: string,
  path: string,
  messages: MessageOverrides = {},
): ActionState {
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
