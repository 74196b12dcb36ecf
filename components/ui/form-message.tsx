"use client";

import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/validation/action-state";

/** A form's outcome, announced: a refusal as an alert, and a success as a status unless the form shows its own. */
export function FormMessage({ state, success = true }: { state: ActionState; success?: boolean }) {
  const tMessages = useTranslations("formMessages");
  const shown = state.message && (!state.ok || success);
  return (
    <div aria-live="polite">
      {shown && (
        <p role={state.ok ? "status" : "alert"} className={state.ok ? "text-sm text-emerald-800" : "rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"}>
          {tMessages(state.message as "conflict", state.messageValues ?? {})}
        </p>
      )}
    </div>
  );
}
