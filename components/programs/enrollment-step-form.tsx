"use client";

import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { ProgramsPanel } from "@/lib/cases/case-programs";
import { ENROLLMENT_STEPS, type EnrollmentStep } from "@/lib/lifecycles/enrollment";
import type { ActionState } from "@/lib/validation/action-state";
import { advanceEnrollmentAction } from "@/app/(app)/cases/[caseId]/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";

type Props = { caseId: string; enrollment: ProgramsPanel["enrollments"][number]; reasons: ProgramsPanel["reasons"] };

/**
 * The next step of an enrollment. An enrollment that had steps left when the page was shown keeps
 * its panel after its last step, showing only the answer, so the confirmation is not lost with
 * the form and focus stays where the person is.
 */
export function EnrollmentStepForm({ caseId, enrollment, reasons }: Props) {
  const t = useTranslations("programForm");
  const [hadSteps] = useState(enrollment.steps.length > 0);
  if (!hadSteps) return null;
  return (
    <details className="mt-1 rounded border border-slate-200 px-3 py-2">
      <summary className="cursor-pointer text-sm text-sky-900">{t("nextStep", { program: enrollment.program })}</summary>
      <ActionForm
        action={advanceEnrollmentAction}
        submitLabel={t("saveStep")}
        pendingLabel={t("saving")}
        recordVersion={enrollment.version}
        done={enrollment.steps.length === 0}
        testId={`enrollment-step-${enrollment.id}`}
      >
        {(state) => <StepFields caseId={caseId} enrollment={enrollment} reasons={reasons} state={state} />}
      </ActionForm>
    </details>
  );
}

/**
 * The fields, with the chosen step as their own state: they remount after each answer, so after
 * a saved step the choice starts empty again among the steps now possible, not on the old one.
 */
function StepFields({ caseId, enrollment, reasons, state: { fieldErrors: error, values } }: Props & { state: ActionState }) {
  const t = useTranslations("programForm");
  const tAll = useTranslations();
  const locale = useLocale() as "en" | "ru" | "kk";
  const [step, setStep] = useState<EnrollmentStep | "">((values.step as EnrollmentStep | undefined) ?? "");
  const reasonKind = step ? ENROLLMENT_STEPS[step].reasonKind : null;
  const id = (field: string) => `${field}-${enrollment.id}`;
  return (
    <>
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="enrollmentId" value={enrollment.id} />
      <input type="hidden" name="version" value={enrollment.version} />
      <FormField id={id("step")} label={t("step")} error={error.step}>
        {(describedBy, invalid) => (
          <select
            id={id("step")}
            name="step"
            value={step}
            onChange={(e) => setStep(e.target.value as EnrollmentStep)}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            className={inputClass}
          >
            <option value="">{t("choose")}</option>
            {enrollment.steps.map((s) => (
              <option key={s} value={s}>
                {tAll(ENROLLMENT_STEPS[s].label as "programForm.steps.enrol")}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id={id("date")} label={t("date")} error={error.date}>
        {(describedBy, invalid) => (
          <input
            id={id("date")}
            name="date"
            type="date"
            defaultValue={values.date ?? ""}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            className={inputClass}
          />
        )}
      </FormField>
      {reasonKind && (
        <FormField id={id("reason")} label={t("reason")} error={error.reasonId}>
          {(describedBy, invalid) => (
            <select
              id={id("reason")}
              name="reasonId"
              defaultValue={values.reasonId ?? ""}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              className={inputClass}
            >
              <option value="">{t("choose")}</option>
              {reasons
                .filter((r) => r.kind === reasonKind)
                .map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.label[locale]}
                  </option>
                ))}
            </select>
          )}
        </FormField>
      )}
      <FormField id={id("outcome")} label={t("outcome")} error={error.outcomeNote}>
        {(describedBy, invalid) => (
          <input
            id={id("outcome")}
            name="outcomeNote"
            defaultValue={values.outcomeNote ?? ""}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            className={inputClass}
          />
        )}
      </FormField>
    </>
  );
}
