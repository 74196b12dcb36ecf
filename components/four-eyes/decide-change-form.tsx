"use client";

import { useTranslations } from "next-intl";
import { confirmChangeRequestAction, rejectChangeRequestAction } from "@/app/(app)/review/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";

type Decision = "confirm" | "reject";

const DECISIONS = {
  confirm: { action: confirmChangeRequestAction, submit: "confirm", pending: "confirming", comment: "comment" },
  reject: { action: rejectChangeRequestAction, submit: "reject", pending: "rejecting", comment: "rejectComment" },
} as const;

/**
 * A second person's decision on a pending request: confirm (a comment is optional) or reject (the
 * reason is required). Each carries the request's version, so a request decided meanwhile is
 * refused rather than decided twice.
 */
export function DecideChangeForm({ requestId, version }: { requestId: string; version: number }) {
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <DecisionForm decision="confirm" requestId={requestId} version={version} />
      <DecisionForm decision="reject" requestId={requestId} version={version} />
    </div>
  );
}

function DecisionForm({ decision, requestId, version }: { decision: Decision; requestId: string; version: number }) {
  const t = useTranslations("review.toConfirm");
  const { action, submit, pending, comment } = DECISIONS[decision];
  const id = `${decision}-${requestId}-comment`;
  return (
    <ActionForm action={action} submitLabel={t(submit)} pendingLabel={t(pending)} testId={`${decision}-change`}>
      {({ fieldErrors, values }) => (
        <>
          <input type="hidden" name="requestId" value={requestId} />
          <input type="hidden" name="version" value={version} />
          <FormField id={id} label={t(comment)} error={fieldErrors.comment}>
            {(describedBy, invalid) => (
              <textarea
                id={id}
                name="comment"
                rows={2}
                maxLength={2000}
                defaultValue={values.comment ?? ""}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                className={inputClass}
              />
            )}
          </FormField>
        </>
      )}
    </ActionForm>
  );
}
