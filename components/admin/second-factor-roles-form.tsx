"use client";

import { useTranslations } from "next-intl";
import { saveSecondFactorRolesAction } from "@/app/(app)/admin/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";
import { Role } from "@/lib/db/generated/enums";

export function SecondFactorRolesForm({ roles, version }: { roles: Role[]; version: number }) {
  const t = useTranslations("admin");
  const tRoles = useTranslations("roles");
  const tErrors = useTranslations("errors.fields");
  return (
    <ActionForm
      action={saveSecondFactorRolesAction}
      submitLabel={t("save")}
      pendingLabel={t("commands.working")}
      testId="second-factor-roles"
      recordVersion={version}
    >
      {({ fieldErrors: error, values }) => {
        const checked = values.roles !== undefined ? values.roles.split(",") : roles;
        return (
          <>
            <input type="hidden" name="version" value={version} />
            <fieldset>
              <legend className="text-sm font-medium">{t("security.rolesLegend")}</legend>
              {Object.values(Role).map((role) => (
                <label key={role} className="mr-4 inline-flex items-center gap-1 text-sm">
                  <input type="checkbox" name="roles" value={role} defaultChecked={checked.includes(role)} />
                  {tRoles(role)}
                </label>
              ))}
              {error.roles && <p className="text-sm text-red-800">{tErrors(error.roles as "invalid")}</p>}
            </fieldset>
            <FormField id="security-reason" label={t("reason")} error={error.reason}>
              {(describedBy, invalid) => (
                <input
                  id="security-reason"
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
