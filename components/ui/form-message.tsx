"use client";

import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/validation/action-state";

type Props = { state: ActionState; success?: boolean; ref?: (element: HTMLElement | null) => void };

/**
 * A form's outcome, announced: a refusal as an alert, and a success as a status unless the form
 * shows its own. It can take focus (not by Tab), so a form can move focus to its answer.
 */
export function FormMessage({ state, success = true, ref }: Props) {
  const tMessages = useTranslations("formMessages");
  const shown = state.message && (!state.ok || success);
  return (
    <div aria-live="polite">
      {shown && (
        <p
          ref={ref}
          tabIndex={-1}
          role={state.ok ? "status" : "alert"}
          className={state.ok ? "text-sm text-emerald-800" : "rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"}
        >
          {tMessages(state.message as "conflict", state.messageValues ?? {})}
        </p>
      )}
    </div>
  );
}
