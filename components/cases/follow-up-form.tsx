"use client";

import { useLocale, useTranslations } from "next-intl";
import { FollowUpOutcome } from "@/lib/db/generated/enums";
import type { FollowUpOptions } from "@/lib/cases/follow-up-options";
import { recordFollowUpAction } from "@/app/(app)/cases/[caseId]/actions";
import { SelectField } from "@/components/ui/select-field";
import { InputField, TextAreaField } from "@/components/ui/text-fields";
import { formatDay } from "@/lib/i18n/format";
import { CaseActionDetails } from "./case-action-details";

type Props = { caseId: string; version: number; options: FollowUpOptions; today: string };

/**
 * Records the follow-up of a completed enrollment: which one and which follow-up (months after
 * completion), the day, an outcome from the list and a note. It answers that follow-up's task.
 */
export function FollowUpForm({ caseId, version, options, today }: Props) {
  const t = useTranslations("followUpForm");
  const tOutcome = useTranslations("enums.followUpOutcome");
  const locale = useLocale();
  return (
    <CaseActionDetails
      caseId={caseId}
      version={version}
      action={recordFollowUpAction}
      open={t("open")}
      submitLabel={t("save")}
      pendingLabel={t("saving")}
      testId="follow-up"
    >
      {({ fieldErrors: error, values }) => (
        <>
          <SelectField
            id="followUpEnrollment"
            name="enrollmentId"
            label={t("enrollment")}
            error={error.enrollmentId}
            defaultValue={values.enrollmentId ?? options.enrollments[0]?.id ?? ""}
            choices={options.enrollments.map((e) => ({
              value: e.id,
              label: t("enrollmentOption", { program: e.program, date: formatDay(locale, e.completedOn) }),
            }))}
          />
          <SelectField
            id="followUpMonths"
            name="afterMonths"
            label={t("afterMonths")}
            error={error.afterMonths}
            defaultValue={values.afterMonths ?? String(options.afterMonths[0] ?? "")}
            choices={options.afterMonths.map((months) => ({ value: String(months), label: t("monthsOption", { months }) }))}
          />
          <InputField
            id="followedUpOn"
            name="followedUpOn"
            type="date"
            label={t("followedUpOn")}
            error={error.followedUpOn}
            defaultValue={values.followedUpOn ?? today}
          />
          <SelectField
            id="followUpOutcome"
            name="outcome"
            label={t("outcome")}
            error={error.outcome}
            defaultValue={values.outcome ?? ""}
            placeholder={t("chooseOutcome")}
            choices={Object.values(FollowUpOutcome).map((outcome) => ({ value: outcome, label: tOutcome(outcome) }))}
          />
          <TextAreaField id="followUpNote" name="note" label={t("note")} error={error.note} defaultValue={values.note ?? ""} />
        </>
      )}
    </CaseActionDetails>
  );
}
