"use client";

import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { CaseDetail } from "@/lib/cases/get-case";
import { STEPS } from "@/lib/programs/enrollment-steps";
import type { EnrollmentStep } from "@/lib/validation/enrollment";
import { advanceEnrollmentAction } from "@/app/(app)/cases/[caseId]/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";

type Props = { caseId: string; enrollment: CaseDetail["enrollments"][number]; reasons: CaseDetail["reasons"] };

export function EnrollmentStepForm({ caseId, enrollment, reasons }: Props) {
  const t = useTranslations("programForm");
  const locale = useLocale() as "en" | "ru" | "kk";
  const [step, setStep] = useState<EnrollmentStep | "">("");
  const reasonKind = step ? STEPS[step].reasonKind : null;
  const id = (field: string) => `${field}-${enrollment.id}`;
  return (
    <details className="mt-1 rounded border border-slate-200 px-3 py-2">
      <summary className="cursor-pointer text-sm text-sky-900">{t("nextStep", { program: enrollment.program })}</summary>
      <ActionForm action={advanceEnrollmentAction} submitLabel={t("saveStep")} pendingLabel={t("saving")}>
        {({ fieldErrors: error, values }) => (
          <>
            <input type="hidden" name="caseId" value={caseId} />
            <input type="hidden" name="enrollmentId" value={enrollment.id} />
            <input type="hidden" name="version" value={enrollment.version} />
            <FormField id={id("step")} label={t("step")} error={error.step}>
              {(describedBy, invalid) => (
                <select id={id("step")} name="step" value={step} onChange={(e) => setStep(e.target.value as EnrollmentStep)} aria-describedby={describedBy} aria-invalid={invalid} className={inputClass}>
                  <option value="">{t("choose")}</option>
                  {enrollment.steps.map((s) => (
                    <option key={s} value={s}>
                      {t(`steps.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField id={id("date")} label={t("date")} error={error.date}>
              {(describedBy, invalid) => <input id={id("date")} name="date" type="date" defaultValue={values.date ?? ""} aria-describedby={describedBy} aria-invalid={invalid} className={inputClass} />}
            </FormField>
            {reasonKind && (
              <FormField id={id("reason")} label={t("reason")} error={error.reasonId}>
                {(describedBy, invalid) => (
                  <select id={id("reason")} name="reasonId" defaultValue={values.reasonId ?? ""} aria-describedby={describedBy} aria-invalid={invalid} className={inputClass}>
                    <option value="">{t("choose")}</option>
                    {reasons.filter((r) => r.kind === reasonKind).map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.label[locale]}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
            )}
            <FormField id={id("outcome")} label={t("outcome")} error={error.outcomeNote}>
              {(describedBy, invalid) => <input id={id("outcome")} name="outcomeNote" defaultValue={values.outcomeNote ?? ""} aria-describedby={describedBy} aria-invalid={invalid} className={inputClass} />}
            </FormField>
          </>
        )}
      </ActionForm>
    </details>
  );
}
