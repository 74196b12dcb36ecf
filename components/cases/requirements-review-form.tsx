"use client";

import { useTranslations } from "next-intl";
import { recordRequirementsReviewAction } from "@/app/(app)/cases/[caseId]/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";

type Props = { caseId: string; version: number; today: string };

/** Records that the required program types were reviewed: the day (today, in Kazakhstan's calendar, to start with) and a note. */
export function RequirementsReviewForm({ caseId, version, today }: Props) {
  const t = useTranslations("comingOfAge.form");
  return (
    <details className="mt-4 rounded border border-slate-200 p-3">
      <summary className="cursor-pointer font-medium text-sky-900">{t("open")}</summary>
      <ActionForm
        action={recordRequirementsReviewAction}
        submitLabel={t("save")}
        pendingLabel={t("saving")}
        recordVersion={version}
        testId="requirements-review"
      >
        {({ fieldErrors: error, values }) => (
          <>
            <input type="hidden" name="caseId" value={caseId} />
            {/* The version the user is looking at: a stale one makes the server refuse with a conflict. */}
            <input type="hidden" name="version" value={version} />
            <FormField id="requirementsReviewedOn" label={t("reviewedOn")} error={error.reviewedOn}>
              {(describedBy, invalid) => (
                <input
                  id="requirementsReviewedOn"
                  name="reviewedOn"
                  type="date"
                  defaultValue={values.reviewedOn ?? today}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </FormField>
            <FormField id="requirementsNote" label={t("note")} error={error.note}>
              {(describedBy, invalid) => (
                <textarea
                  id="requirementsNote"
                  name="note"
                  rows={3}
                  defaultValue={values.note ?? ""}
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
