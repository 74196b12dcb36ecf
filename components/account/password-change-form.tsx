"use client";

import { useTranslations } from "next-intl";
import { changeOwnPasswordAction } from "@/app/(app)/account/password/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";

const FIELDS = [
  { name: "currentPassword", autoComplete: "current-password" },
  { name: "newPassword", autoComplete: "new-password" },
  { name: "confirmPassword", autoComplete: "new-password" },
] as const;

export function PasswordChangeForm({ rules }: { rules: string }) {
  const t = useTranslations("account");
  return (
    <ActionForm action={changeOwnPasswordAction} submitLabel={t("save")} pendingLabel={t("saving")} testId="password-change-form">
      {({ fieldErrors: error }) => (
        <>
          {FIELDS.map((field) => (
            <FormField
              key={field.name}
              id={field.name}
              label={t(field.name)}
              error={error[field.name]}
              hint={field.name === "newPassword" ? rules : undefined}
            >
              {(describedBy, invalid) => (
                <input
                  id={field.name}
                  name={field.name}
                  type="password"
                  autoComplete={field.autoComplete}
                  maxLength={512}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </FormField>
          ))}
        </>
      )}
    </ActionForm>
  );
}
