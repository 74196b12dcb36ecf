"use client";

import { useLocale, useTranslations } from "next-intl";
import { createUserAction, updateUserAction } from "@/app/(app)/admin/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";
import { SelectField } from "@/components/ui/select-field";
import type { Locale } from "@/lib/i18n/locales";

type Region = { id: string; en: string; ru: string; kk: string; active: boolean };
type Existing = { id: string; version: number; email: string; name: string; role: string; regionIds: string[] };
const ROLES = ["CASEWORKER", "SUPERVISOR", "AUDITOR", "ADMINISTRATOR"] as const;

/** Creates an account (with a temporary password) or edits one from the version shown. */
export function UserForm({ regions, existing, rules }: { regions: Region[]; existing?: Existing; rules: string }) {
  const t = useTranslations("admin");
  const tRoles = useTranslations("roles");
  const locale = useLocale() as Locale;
  return (
    <ActionForm
      action={existing ? updateUserAction : createUserAction}
      submitLabel={existing ? t("save") : t("create")}
      pendingLabel={t("saving")}
      testId="user-form"
      recordVersion={existing?.version}
    >
      {({ fieldErrors: error, values }) => {
        const value = (name: keyof Existing) => values[name] ?? (existing ? String(existing[name]) : "");
        const checkedRegions = values.regionIds !== undefined ? values.regionIds.split(",") : (existing?.regionIds ?? []);
        return (
          <>
            {existing && <input type="hidden" name="userId" value={existing.id} />}
            {existing && <input type="hidden" name="version" value={existing.version} />}
            <FormField id="name" label={t("name")} error={error.name}>
              {(describedBy, invalid) => (
                <input
                  id="name"
                  name="name"
                  defaultValue={value("name")}
                  autoComplete="off"
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </FormField>
            <FormField id="email" label={t("email")} error={error.email}>
              {(describedBy, invalid) => (
                <input
                  id="email"
                  name="email"
                  type="email"
                  defaultValue={value("email")}
                  autoComplete="off"
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </FormField>
            <SelectField
              id="role"
              name="role"
              label={t("role")}
              error={error.role}
              defaultValue={value("role") || "CASEWORKER"}
              choices={ROLES.map((r) => ({ value: r, label: tRoles(r) }))}
            />
            <fieldset aria-describedby={error.regionIds ? "regionIds-error" : undefined}>
              <legend className="text-sm font-medium">{t("regions")}</legend>
              <p className="text-xs text-slate-600">{t("regionsHint")}</p>
              <div className="mt-1 grid grid-cols-2 gap-1 sm:grid-cols-3">
                {regions.map((region) => (
                  <label key={region.id} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      name="regionIds"
                      value={region.id}
                      defaultChecked={checkedRegions.includes(region.id)}
                      disabled={!region.active && !checkedRegions.includes(region.id)}
                    />
                    {region[locale]}
                  </label>
                ))}
              </div>
              <RegionError error={error.regionIds} />
            </fieldset>
            {!existing && (
              <FormField id="temporaryPassword" label={t("temporaryPassword")} error={error.temporaryPassword} hint={rules}>
                {(describedBy, invalid) => (
                  <input
                    id="temporaryPassword"
                    name="temporaryPassword"
                    type="password"
                    autoComplete="new-password"
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    className={inputClass}
                  />
                )}
              </FormField>
            )}
          </>
        );
      }}
    </ActionForm>
  );
}

function RegionError({ error }: { error?: string }) {
  const t = useTranslations("errors.fields");
  return (
    <p id="regionIds-error" aria-live="polite" className="mt-1 text-sm text-red-800">
      {error ? t(error as "required") : null}
    </p>
  );
}
