"use client";

import { useTranslations } from "next-intl";
import { RiskLevel } from "@/lib/db/generated/enums";
import { recordCaseReviewAction } from "@/app/(app)/cases/[caseId]/actions";
import { SelectField } from "@/components/ui/select-field";
import { InputField, TextAreaField } from "@/components/ui/text-fields";
import { CaseActionDetails } from "./case-action-details";

type Props = { caseId: string; version: number; riskLevel: RiskLevel; today: string };

/**
 * Records a case review. The date starts at today (in Kazakhstan's calendar) and the risk level at
 * the current one: a review done today that confirms the risk is a note and one click.
 */
export function CaseReviewForm({ caseId, version, riskLevel, today }: Props) {
  const t = useTranslations("caseReviewForm");
  const tRisk = useTranslations("enums.risk");
  return (
    <CaseActionDetails
      caseId={caseId}
      version={version}
      action={recordCaseReviewAction}
      open={t("open")}
      submitLabel={t("save")}
      pendingLabel={t("saving")}
      testId="case-review"
    >
      {({ fieldErrors: error, values }) => (
        <>
          <InputField
            id="reviewedOn"
            name="reviewedOn"
            type="date"
            label={t("reviewedOn")}
            error={error.reviewedOn}
            defaultValue={values.reviewedOn ?? today}
          />
          <SelectField
            id="reviewRiskLevel"
            name="riskLevel"
            label={t("riskLevel")}
            error={error.riskLevel}
            defaultValue={values.riskLevel ?? riskLevel}
            choices={Object.values(RiskLevel).map((level) => ({ value: level, label: tRisk(level) }))}
          />
          <TextAreaField id="reviewNote" name="note" label={t("note")} error={error.note} defaultValue={values.note ?? ""} />
        </>
      )}
    </CaseActionDetails>
  );
}
