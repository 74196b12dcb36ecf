"use client";

import { useActionState, useEffect, useRef, type ReactNode } from "react";
import { initialActionState, type ActionState } from "@/lib/validation/action-state";
import { FormMessage } from "./form-message";

type Props = {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  submitLabel: string;
  pendingLabel: string;
  /** Fields, given the last result so they can show its errors and keep what was typed. */
  children: (state: ActionState) => ReactNode;
  testId?: string;
};

/** A form posting to a server action: its message is announced, and it empties only after a success. */
export function ActionForm({ action, submitLabel, pendingLabel, children, testId }: Props) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={formAction} className="mt-3 space-y-3" noValidate data-testid={testId}>
      {/* React resets a form after its action; remounting the fields with what was typed as their
          defaults makes a refused form keep its input, selects included. */}
      <div key={JSON.stringify(state.values)} className="space-y-3">
        {children(state)}
      </div>
      <FormMessage state={state} />
      <button type="submit" disabled={pending} className="rounded bg-sky-800 px-4 py-2 text-white hover:bg-sky-900 disabled:opacity-60">
        {pending ? pendingLabel : submitLabel}
      </button>
    </form>
  );
}
