"use client";

import { useTranslations } from "next-intl";
import type { ProsecutionStatus } from "@/lib/db/generated/enums";
import { changeProsecutionStatusAction } from "@/app/(app)/cases/[caseId]/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";
import { SuggestedConfirmerField } from "@/components/four-eyes/suggested-confirmer-field";

type Props = {
  caseId: string;
  version: number;
  nextStatuses: { status: ProsecutionStatus; isCorrection: boolean }[];
  confirmers: { id: string; name: string }[];
};

export function StatusChangeForm({ caseId, version, nextStatuses, confirmers }: Props) {
  const t = useTranslations("prosecutionForm");
  const tEnum = useTranslations("enums.prosecution");
  return (
    <details className="mt-4 rounded border border-slate-200 p-3">
      <summary className="cursor-pointer font-medium text-sky-900">{t("open")}</summary>
      <ActionForm
        action={changeProsecutionStatusAction}
        submitLabel={t("save")}
        pendingLabel={t("saving")}
        recordVersion={version}
        testId="status-change"
      >
        {({ fieldErrors: error, values }) => (
          <>
            <input type="hidden" name="caseId" value={caseId} />
            {/* The version the user is looking at: a stale one makes the server refuse with a conflict. */}
            <input type="hidden" name="version" value={version} />
            <FormField id="status" label={t("status")} error={error.status}>
              {(describedBy, invalid) => (
                <select
                  id="status"
                  name="status"
                  defaultValue={values.status ?? ""}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                >
                  <option value="">{t("choose")}</option>
                  {nextStatuses.map((s) => (
                    <option key={s.status} value={s.status}>
                      {tEnum(s.status)}
                      {s.isCorrection ? ` (${t("correction")})` : ""}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField id="effectiveDate" label={t("effectiveDate")} error={error.effectiveDate}>
              {(describedBy, invalid) => (
                <input
                  id="effectiveDate"
                  name="effectiveDate"
                  type="date"
                  defaultValue={values.effectiveDate ?? ""}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </FormField>
            <FormField id="articles" label={t("articles")} hint={t("articlesHint")} error={error.articles}>
              {(describedBy, invalid) => (
                <input
                  id="articles"
                  name="articles"
                  defaultValue={values.articles ?? ""}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </FormField>
            <FormField id="authority" label={t("authority")} error={error.authority}>
              {(describedBy, invalid) => (
                <input
                  id="authority"
                  name="authority"
                  defaultValue={values.authority ?? ""}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </FormField>
            <FormField id="sentenceMonths" label={t("sentenceMonths")} error={error.sentenceMonths}>
              {(describedBy, invalid) => (
                <input
                  id="sentenceMonths"
                  name="sentenceMonths"
                  inputMode="numeric"
                  defaultValue={values.sentenceMonths ?? ""}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </FormField>
            <SuggestedConfirmerField
              id="status-suggestedConfirmerId"
              confirmers={confirmers}
              value={values.suggestedConfirmerId ?? ""}
              error={error.suggestedConfirmerId}
            />
            <FormField id="reason" label={t("reason")} error={error.reason}>
              {(describedBy, invalid) => (
                <textarea
                  id="reason"
                  name="reason"
                  rows={3}
                  defaultValue={values.reason ?? ""}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </FormField>
          </>
        )}
      </ActionForm>
    </details>
  );
}
