"use client";

import { useTranslations } from "next-intl";
import type { ProsecutionStatus } from "@/lib/db/generated/enums";
import { changeProsecutionStatusAction } from "@/app/(app)/cases/[caseId]/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";
import { InputField, TextAreaField } from "@/components/ui/text-fields";
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
            <InputField
              id="effectiveDate"
              name="effectiveDate"
              type="date"
              label={t("effectiveDate")}
              error={error.effectiveDate}
              defaultValue={values.effectiveDate ?? ""}
            />
            <InputField
              id="articles"
              name="articles"
              label={t("articles")}
              hint={t("articlesHint")}
              error={error.articles}
              defaultValue={values.articles ?? ""}
            />
            <InputField
              id="authority"
              name="authority"
              label={t("authority")}
              error={error.authority}
              defaultValue={values.authority ?? ""}
            />
            <InputField
              id="sentenceMonths"
              name="sentenceMonths"
              inputMode="numeric"
              label={t("sentenceMonths")}
              error={error.sentenceMonths}
              defaultValue={values.sentenceMonths ?? ""}
            />
            <SuggestedConfirmerField
              id="status-suggestedConfirmerId"
              confirmers={confirmers}
              value={values.suggestedConfirmerId ?? ""}
              error={error.suggestedConfirmerId}
            />
            <TextAreaField id="reason" name="reason" label={t("reason")} error={error.reason} defaultValue={values.reason ?? ""} />
          </>
        )}
      </ActionForm>
    </details>
  );
}
