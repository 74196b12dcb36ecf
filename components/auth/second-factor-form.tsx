"use client";

import { useTranslations } from "next-intl";
import { secondFactorAction } from "@/app/(auth)/login/code/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";

export function SecondFactorForm() {
  const t = useTranslations("secondFactor");
  return (
    <ActionForm action={secondFactorAction} submitLabel={t("verify")} pendingLabel={t("verifying")} testId="second-factor-form">
      {({ fieldErrors: error }) => (
        <FormField id="code" label={t("code")} error={error.code} hint={t("codeHint")}>
          {(describedBy, invalid) => (
            <input
              id="code"
              name="code"
              autoComplete="one-time-code"
              inputMode="text"
              autoFocus
              maxLength={40}
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
