"use client";

import { useTranslations } from "next-intl";
import { RiskLevel } from "@/lib/db/generated/enums";
import { recordCaseReviewAction } from "@/app/(app)/cases/[caseId]/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";

type Props = { caseId: string; version: number; riskLevel: RiskLevel; today: string };

/**
 * Records a case review. The date starts at today (in Kazakhstan's calendar) and the risk level at
 * the current one: a review done today that confirms the risk is a note and one click.
 */
export function CaseReviewForm({ caseId, version, riskLevel, today }: Props) {
  const t = useTranslations("caseReviewForm");
  const tRisk = useTranslations("enums.risk");
  return (
    <details className="mt-4 rounded border border-slate-200 p-3">
      <summary className="cursor-pointer font-medium text-sky-900">{t("open")}</summary>
      <ActionForm
        action={recordCaseReviewAction}
        submitLabel={t("save")}
        pendingLabel={t("saving")}
        recordVersion={version}
        testId="case-review"
      >
        {({ fieldErrors: error, values }) => (
          <>
            <input type="hidden" name="caseId" value={caseId} />
            {/* The version the user is looking at: a stale one makes the server refuse with a conflict. */}
            <input type="hidden" name="version" value={version} />
            <FormField id="reviewedOn" label={t("reviewedOn")} error={error.reviewedOn}>
              {(describedBy, invalid) => (
                <input
                  id="reviewedOn"
                  name="reviewedOn"
                  type="date"
                  defaultValue={values.reviewedOn ?? today}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </FormField>
            <FormField id="reviewRiskLevel" label={t("riskLevel")} error={error.riskLevel}>
              {(describedBy, invalid) => (
                <select
                  id="reviewRiskLevel"
                  name="riskLevel"
                  defaultValue={values.riskLevel ?? riskLevel}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                >
                  {Object.values(RiskLevel).map((level) => (
                    <option key={level} value={level}>
                      {tRisk(level)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField id="reviewNote" label={t("note")} error={error.note}>
              {(describedBy, invalid) => (
                <textarea
                  id="reviewNote"
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
