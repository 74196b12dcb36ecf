"use client";

import { useTranslations } from "next-intl";
import { recordRequirementsReviewAction } from "@/app/(app)/cases/[caseId]/actions";
import { InputField, TextAreaField } from "@/components/ui/text-fields";
import { CaseActionDetails } from "./case-action-details";

type Props = { caseId: string; version: number; today: string };

/** Records that the required program types were reviewed: the day (today, in Kazakhstan's calendar, to start with) and a note. */
export function RequirementsReviewForm({ caseId, version, today }: Props) {
  const t = useTranslations("comingOfAge.form");
  return (
    <CaseActionDetails
      caseId={caseId}
      version={version}
      action={recordRequirementsReviewAction}
      open={t("open")}
      submitLabel={t("save")}
      pendingLabel={t("saving")}
      testId="requirements-review"
    >
      {({ fieldErrors: error, values }) => (
        <>
          <InputField
            id="requirementsReviewedOn"
            name="reviewedOn"
            type="date"
            label={t("reviewedOn")}
            error={error.reviewedOn}
            defaultValue={values.reviewedOn ?? today}
          />
          <TextAreaField id="requirementsNote" name="note" label={t("note")} error={error.note} defaultValue={values.note ?? ""} />
        </>
      )}
    </CaseActionDetails>
  );
}
