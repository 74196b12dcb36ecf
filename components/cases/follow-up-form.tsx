"use client";

import { useLocale, useTranslations } from "next-intl";
import { FollowUpOutcome } from "@/lib/db/generated/enums";
import type { FollowUpOptions } from "@/lib/cases/follow-up-options";
import { recordFollowUpAction } from "@/app/(app)/cases/[caseId]/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";
import { formatDay } from "@/lib/i18n/format";

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
    <details className="mt-4 rounded border border-slate-200 p-3">
      <summary className="cursor-pointer font-medium text-sky-900">{t("open")}</summary>
      <ActionForm
        action={recordFollowUpAction}
        submitLabel={t("save")}
        pendingLabel={t("saving")}
        recordVersion={version}
        testId="follow-up"
      >
        {({ fieldErrors: error, values }) => (
          <>
            <input type="hidden" name="caseId" value={caseId} />
            {/* The version the user is looking at: a stale one makes the server refuse with a conflict. */}
            <input type="hidden" name="version" value={version} />
            <FormField id="followUpEnrollment" label={t("enrollment")} error={error.enrollmentId}>
              {(describedBy, invalid) => (
                <select
                  id="followUpEnrollment"
                  name="enrollmentId"
                  defaultValue={values.enrollmentId ?? options.enrollments[0]?.id}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                >
                  {options.enrollments.map((e) => (
                    <option key={e.id} value={e.id}>
                      {t("enrollmentOption", { program: e.program, date: formatDay(locale, e.completedOn) })}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField id="followUpMonths" label={t("afterMonths")} error={error.afterMonths}>
              {(describedBy, invalid) => (
                <select
                  id="followUpMonths"
                  name="afterMonths"
                  defaultValue={values.afterMonths ?? String(options.afterMonths[0] ?? "")}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                >
                  {options.afterMonths.map((months) => (
                    <option key={months} value={months}>
                      {t("monthsOption", { months })}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField id="followedUpOn" label={t("followedUpOn")} error={error.followedUpOn}>
              {(describedBy, invalid) => (
                <input
                  id="followedUpOn"
                  name="followedUpOn"
                  type="date"
                  defaultValue={values.followedUpOn ?? today}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </FormField>
            <FormField id="followUpOutcome" label={t("outcome")} error={error.outcome}>
              {(describedBy, invalid) => (
                <select
                  id="followUpOutcome"
                  name="outcome"
                  defaultValue={values.outcome ?? ""}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                >
                  <option value="">{t("chooseOutcome")}</option>
                  {Object.values(FollowUpOutcome).map((outcome) => (
                    <option key={outcome} value={outcome}>
                      {tOutcome(outcome)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField id="followUpNote" label={t("note")} error={error.note}>
              {(describedBy, invalid) => (
                <textarea
                  id="followUpNote"
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
