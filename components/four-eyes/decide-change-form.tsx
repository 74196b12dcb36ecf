"use client";

import { useTranslations } from "next-intl";
import { confirmChangeRequestAction, rejectChangeRequestAction } from "@/app/(app)/review/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";

/**
 * A second person's decision on a pending request: confirm (a comment is optional) or reject (the
 * reason is required). Each carries the request's version, so a request decided meanwhile is
 * refused rather than decided twice.
 */
export function DecideChangeForm({ requestId, version }: { requestId: string; version: number }) {
  const t = useTranslations("review.toConfirm");
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <ActionForm action={confirmChangeRequestAction} submitLabel={t("confirm")} pendingLabel={t("confirming")} testId="confirm-change">
        {({ fieldErrors, values }) => (
          <>
            <input type="hidden" name="requestId" value={requestId} />
            <input type="hidden" name="version" value={version} />
            <FormField id={`confirm-${requestId}-comment`} label={t("comment")} error={fieldErrors.comment}>
              {(describedBy, invalid) => (
                <textarea
                  id={`confirm-${requestId}-comment`}
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
      <ActionForm action={rejectChangeRequestAction} submitLabel={t("reject")} pendingLabel={t("rejecting")} testId="reject-change">
        {({ fieldErrors, values }) => (
          <>
            <input type="hidden" name="requestId" value={requestId} />
            <input type="hidden" name="version" value={version} />
            <FormField id={`reject-${requestId}-comment`} label={t("rejectComment")} error={fieldErrors.comment}>
              {(describedBy, invalid) => (
                <textarea
                  id={`reject-${requestId}-comment`}
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
    </div>
  );
}
