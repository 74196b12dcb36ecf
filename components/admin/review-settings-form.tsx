"use client";

import { useLocale, useTranslations } from "next-intl";
import { saveReviewSettingsAction } from "@/app/(app)/admin/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";
import type { ReviewSettings } from "@/lib/admin/review-settings";
import { AgeCategory } from "@/lib/db/generated/enums";
import { labelIn } from "@/lib/i18n/locales";

export function ReviewSettingsForm({ settings }: { settings: ReviewSettings }) {
  const t = useTranslations("admin");
  const tEnum = useTranslations("enums");
  const tErrors = useTranslations("errors.fields");
  const locale = useLocale();
  return (
    <ActionForm
      action={saveReviewSettingsAction}
      submitLabel={t("save")}
      pendingLabel={t("saving")}
      testId="review-settings"
      recordVersion={settings.version}
    >
      {({ fieldErrors: error, values }) => {
        const required =
          values.required !== undefined
            ? values.required.split(",")
            : settings.required.map((r) => `${r.ageCategory}:${r.programTypeCode}`);
        return (
          <>
            <input type="hidden" name="version" value={settings.version} />
            <FormField id="targetDays" label={t("reviewSettings.targetDays")} error={error.targetDays}>
              {(describedBy, invalid) => (
                <input
                  id="targetDays"
                  name="targetDays"
                  type="number"
                  min={1}
                  max={3650}
                  defaultValue={values.targetDays ?? settings.targetDays}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </FormField>
            <table className="w-full text-sm">
              <caption className="text-left font-medium">{t("reviewSettings.requiredCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="text-left">
                    {t("reviewSettings.programType")}
                  </th>
                  {Object.values(AgeCategory).map((age) => (
                    <th key={age} scope="col">
                      {tEnum(`age.${age}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {settings.programTypes.map((type) => (
                  <tr key={type.code} className="border-t border-slate-100">
                    <th scope="row" className="py-1 text-left font-normal">
                      {labelIn(locale, type)}
                    </th>
                    {Object.values(AgeCategory).map((age) => (
                      <td key={age} className="text-center">
                        <input
                          type="checkbox"
                          name="required"
                          value={`${age}:${type.code}`}
                          defaultChecked={required.includes(`${age}:${type.code}`)}
                          aria-label={`${labelIn(locale, type)}: ${tEnum(`age.${age}`)}`}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            {error.required && <p className="text-sm text-red-800">{tErrors(error.required as "invalid")}</p>}
            <FormField id="review-settings-reason" label={t("reason")} error={error.reason}>
              {(describedBy, invalid) => (
                <input
                  id="review-settings-reason"
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
