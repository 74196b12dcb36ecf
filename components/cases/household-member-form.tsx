"use client";

import { useTranslations } from "next-intl";
import { Relationship } from "@/lib/db/generated/enums";
import { addHouseholdMemberAction } from "@/app/(app)/cases/[caseId]/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";
import { SelectField } from "@/components/ui/select-field";

export function HouseholdMemberForm({ caseId, hasHousehold }: { caseId: string; hasHousehold: boolean }) {
  const t = useTranslations("householdForm");
  const tCase = useTranslations("case");
  const roles = Object.values(Relationship).map((r) => ({ value: r, label: tCase(`relationship.${r}`) }));
  return (
    <details className="mt-4 rounded border border-slate-200 p-3">
      <summary className="cursor-pointer font-medium text-sky-900">{t("open")}</summary>
      <ActionForm action={addHouseholdMemberAction} submitLabel={t("save")} pendingLabel={t("saving")}>
        {({ fieldErrors: e, values }) => (
          <>
            <input type="hidden" name="caseId" value={caseId} />
            {/* Only a new household asks for this person's own role; an existing one keeps it. */}
            {!hasHousehold && (
              <SelectField
                id="ownRole"
                name="ownRole"
                label={t("ownRole")}
                error={e.ownRole}
                defaultValue={values.ownRole ?? ""}
                choices={roles}
                placeholder={t("choose")}
              />
            )}
            <FormField id="otherCaseNumber" label={t("otherCaseNumber")} error={e.otherCaseNumber} hint={t("caseNumberHint")}>
              {(describedBy, invalid) => (
                <input
                  id="otherCaseNumber"
                  name="otherCaseNumber"
                  defaultValue={values.otherCaseNumber ?? ""}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </FormField>
            <SelectField
              id="otherRole"
              name="otherRole"
              label={t("otherRole")}
              error={e.otherRole}
              defaultValue={values.otherRole ?? ""}
              choices={roles}
              placeholder={t("choose")}
            />
          </>
        )}
      </ActionForm>
    </details>
  );
}
