"use client";

import { useTranslations } from "next-intl";
import { removeHouseholdMemberAction } from "@/app/(app)/cases/[caseId]/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";

/** Unlinks a family member linked in error; the reason goes to both cases' histories. */
export function HouseholdMemberRemove({ caseId, memberId }: { caseId: string; memberId: string }) {
  const t = useTranslations("householdForm");
  return (
    <details className="ml-4 inline-block text-xs">
      <summary className="cursor-pointer text-sky-800">{t("remove")}</summary>
      <ActionForm action={removeHouseholdMemberAction} submitLabel={t("removeButton")} pendingLabel={t("saving")}>
        {({ fieldErrors }) => (
          <>
            <input type="hidden" name="caseId" value={caseId} />
            <input type="hidden" name="memberId" value={memberId} />
            {fieldErrors.memberId && <p className="text-red-800">{t("notEditable")}</p>}
            <FormField id={`remove-${memberId}-reason`} label={t("removeReason")} error={fieldErrors.reason}>
              {(d, i) => <input id={`remove-${memberId}-reason`} name="reason" maxLength={500} aria-describedby={d} aria-invalid={i} className={inputClass} />}
            </FormField>
          </>
        )}
      </ActionForm>
    </details>
  );
}
