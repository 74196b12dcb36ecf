"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";
import type { ActionState } from "@/lib/validation/action-state";

type Action = (previous: ActionState, formData: FormData) => Promise<ActionState>;

export function StartEnrolmentForm({ action }: { action: Action }) {
  const t = useTranslations("secondFactor");
  return (
    <ActionForm action={action} submitLabel={t("start")} pendingLabel={t("verifying")} testId="start-enrolment">
      {() => <p className="text-sm text-slate-700">{t("startExplain")}</p>}
    </ActionForm>
  );
}

export function DisableSecondFactorForm({ action }: { action: Action }) {
  const t = useTranslations("secondFactor");
  const tAccount = useTranslations("account");
  return (
    <ActionForm action={action} submitLabel={t("disable")} pendingLabel={t("verifying")} testId="disable-second-factor">
      {({ fieldErrors: error }) => (
        <FormField id="disable-currentPassword" label={tAccount("currentPassword")} error={error.currentPassword}>
          {(describedBy, invalid) => (
            <input
              id="disable-currentPassword"
              name="currentPassword"
              type="password"
              autoComplete="current-password"
              maxLength={1024}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              className={inputClass}
            />
          )}
        </FormField>
      )}
    </ActionForm>
  );
}
