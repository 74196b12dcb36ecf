"use client";

import type { ReactNode } from "react";
import type { ActionState } from "@/lib/validation/action-state";
import { ActionForm } from "@/components/ui/action-form";

type Props = {
  caseId: string;
  version: number;
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  open: string;
  submitLabel: string;
  pendingLabel: string;
  testId: string;
  children: (state: ActionState) => ReactNode;
};

/**
 * A small action on the case page, folded until opened: its form names the case and the version
 * the user is looking at, so a form opened before someone else's save is refused as a conflict.
 */
export function CaseActionDetails({ caseId, version, action, open, submitLabel, pendingLabel, testId, children }: Props) {
  return (
    <details className="mt-4 rounded border border-slate-200 p-3">
      <summary className="cursor-pointer font-medium text-sky-900">{open}</summary>
      <ActionForm action={action} submitLabel={submitLabel} pendingLabel={pendingLabel} recordVersion={version} testId={testId}>
        {(state) => (
          <>
            <input type="hidden" name="caseId" value={caseId} />
            <input type="hidden" name="version" value={version} />
            {children(state)}
          </>
        )}
      </ActionForm>
    </details>
  );
}
