"use client";

import { useTranslations } from "next-intl";
import { saveConfirmationSettingsAction } from "@/app/(app)/admin/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";
import type { ConfirmationSettingsView } from "@/lib/admin/confirmation-settings";
import { CaseStatus, ProsecutionStatus } from "@/lib/db/generated/enums";

/** Which changes wait for a second person: ticked statuses, corrections, a minor's need, a child's removal. */
export function ConfirmationSettingsForm({ settings }: { settings: ConfirmationSettingsView }) {
  const t = useTranslations("admin");
  const tEnum = useTranslations("enums");
  const tErrors = useTranslations("errors.fields");
  return (
    <ActionForm
      action={saveConfirmationSettingsAction}
      submitLabel={t("save")}
      pendingLabel={t("saving")}
      testId="confirmation-settings"
      recordVersion={settings.version}
    >
      {({ fieldErrors: error, values }) => {
        const ticked = (field: "prosecutionStatuses" | "caseStatuses", stored: readonly string[]) =>
          values[field] !== undefined ? values[field].split(",") : stored;
        const prosecution = ticked("prosecutionStatuses", settings.prosecutionStatuses);
        const caseStatuses = ticked("caseStatuses", settings.caseStatuses);
        // After a refused save the form shows what was sent: a box absent from it was unticked.
        const switchBox = (field: "corrections" | "minorNeedNotRequired" | "childRemovedFromHousehold") => (
          <label className="block text-sm">
            <input
              type="checkbox"
              name={field}
              className="mr-1"
              defaultChecked={values.reason !== undefined ? values[field] === "on" : settings[field]}
            />
            {t(`confirmationSettings.${field}`)}
          </label>
        );
        return (
          <>
            <input type="hidden" name="version" value={settings.version} />
            <fieldset>
              <legend className="font-medium">{t("confirmationSettings.prosecutionStatuses")}</legend>
              {Object.values(ProsecutionStatus).map((status) => (
                <label key={status} className="mr-4 inline-flex items-center gap-1 text-sm">
                  <input type="checkbox" name="prosecutionStatuses" value={status} defaultChecked={prosecution.includes(status)} />
                  {tEnum(`prosecution.${status}`)}
                </label>
              ))}
              {error.prosecutionStatuses && <p className="text-sm text-red-800">{tErrors(error.prosecutionStatuses as "invalid")}</p>}
            </fieldset>
            {switchBox("corrections")}
            <fieldset>
              <legend className="font-medium">{t("confirmationSettings.caseStatuses")}</legend>
              {Object.values(CaseStatus).map((status) => (
                <label key={status} className="mr-4 inline-flex items-center gap-1 text-sm">
                  <input type="checkbox" name="caseStatuses" value={status} defaultChecked={caseStatuses.includes(status)} />
                  {tEnum(`caseStatus.${status}`)}
                </label>
              ))}
              {error.caseStatuses && <p className="text-sm text-red-800">{tErrors(error.caseStatuses as "invalid")}</p>}
            </fieldset>
            {switchBox("minorNeedNotRequired")}
            {switchBox("childRemovedFromHousehold")}
            <FormField id="confirmation-settings-reason" label={t("reason")} error={error.reason}>
              {(describedBy, invalid) => (
                <input
                  id="confirmation-settings-reason"
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
