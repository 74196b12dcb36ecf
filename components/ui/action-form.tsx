"use client";

import type { ReactNode } from "react";
import { initialActionState, type ActionState } from "@/lib/validation/action-state";
import { FormMessage } from "./form-message";
import { useFormRounds } from "./use-form-rounds";

type Props = {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  submitLabel: string;
  pendingLabel: string;
  /** Fields, given the last result so they can show its errors and keep what was typed. */
  children: (state: ActionState) => ReactNode;
  /**
   * The version of the record the fields show, for forms that edit one: when the page brings a
   * newer version, the fields show it even if it arrives after the form's answer.
   */
  recordVersion?: number;
  /** The record allows nothing more (e.g. an enrollment just completed): only the answer stays. */
  done?: boolean;
  testId?: string;
};

/**
 * A form posting to a server action. It stays open after a save, showing the record as saved
 * (or, for a form that adds something, empty again); a refusal keeps what was typed. Either way
 * the answer is announced and focused (useFormRounds).
 */
export function ActionForm({ action, submitLabel, pendingLabel, children, recordVersion, done = false, testId }: Props) {
  const { state, formAction, pending, form, answer } = useFormRounds(action, initialActionState);
  return (
    <form ref={form} action={formAction} className="mt-3 space-y-3" noValidate data-testid={testId}>
      {!done && (
        <div key={`${state.round}:${recordVersion ?? ""}`} className="space-y-3">
          {children(state)}
        </div>
      )}
      <FormMessage state={state} ref={answer} />
      {!done && (
        <button type="submit" disabled={pending} className="rounded bg-sky-800 px-4 py-2 text-white hover:bg-sky-900 disabled:opacity-60">
          {pending ? pendingLabel : submitLabel}
        </button>
      )}
    </form>
  );
}
