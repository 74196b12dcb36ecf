"use client";

import { useTranslations } from "next-intl";
import { saveTaskRulesAction } from "@/app/(app)/admin/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";
import type { TaskRulesView } from "@/lib/admin/task-rules";
import { RiskLevel } from "@/lib/db/generated/enums";

/** The task rules: review intervals per risk level, follow-up months, referral waiting, coming of age, and the queue's target as a task. */
export function TaskRulesForm({ view }: { view: TaskRulesView }) {
  const t = useTranslations("admin");
  const tEnum = useTranslations("enums");
  const { rules } = view;
  return (
    <ActionForm
      action={saveTaskRulesAction}
      submitLabel={t("save")}
      pendingLabel={t("saving")}
      testId="task-rules"
      recordVersion={view.version}
    >
      {({ fieldErrors: error, values }) => {
        const numberField = (name: string, label: string, stored: number, hint?: string) => (
          <FormField key={name} id={`task-rules-${name}`} label={label} error={error[name]} hint={hint}>
            {(describedBy, invalid) => (
              <input
                id={`task-rules-${name}`}
                name={name}
                type="number"
                min={1}
                max={3650}
                defaultValue={values[name] ?? stored}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                className={inputClass}
              />
            )}
          </FormField>
        );
        return (
          <>
            <input type="hidden" name="version" value={view.version} />
            <fieldset className="space-y-2">
              <legend className="font-medium">{t("taskRules.caseReview")}</legend>
              {Object.values(RiskLevel).map((level) =>
                numberField(
                  `caseReview${level}`,
                  t("taskRules.caseReviewDays", { level: tEnum(`risk.${level}`) }),
                  rules.caseReview[level],
                ),
              )}
            </fieldset>
            <FormField
              id="task-rules-followUpMonths"
              label={t("taskRules.followUpMonths")}
              error={error.followUpMonths}
              hint={t("taskRules.followUpMonthsHint")}
            >
              {(describedBy, invalid) => (
                <input
                  id="task-rules-followUpMonths"
                  name="followUpMonths"
                  defaultValue={values.followUpMonths ?? rules.programFollowUp.afterMonths.join(", ")}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </FormField>
            {numberField("referralWaitingDays", t("taskRules.referralWaitingDays"), rules.referralWaiting.days)}
            {numberField("comingOfAgeDaysBefore", t("taskRules.comingOfAgeDaysBefore"), rules.comingOfAge.daysBefore)}
            <div>
              <label className="inline-flex items-center gap-2 text-sm font-medium">
                <input
                  type="checkbox"
                  name="queueTarget"
                  aria-describedby="task-rules-queueTarget-hint"
                  defaultChecked={values.queueTarget !== undefined ? values.queueTarget === "on" : rules.queueTarget.enabled}
                />
                {t("taskRules.queueTarget")}
              </label>
              <p id="task-rules-queueTarget-hint" className="mt-1 text-xs text-slate-600">
                {t("taskRules.queueTargetHint", { days: view.waitingTargetDays })}
              </p>
            </div>
            <FormField id="task-rules-reason" label={t("reason")} error={error.reason}>
              {(describedBy, invalid) => (
                <input
                  id="task-rules-reason"
                  name="reason"
                  defaultValue={values.reason ?? ""}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </FormField>
          </>
        );
      }}
    </ActionForm>
  );
}
