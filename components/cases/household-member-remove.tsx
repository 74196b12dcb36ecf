"use client";

import { useTranslations } from "next-intl";
import { removeHouseholdMemberAction } from "@/app/(app)/cases/[caseId]/actions";
import { ActionForm } from "@/components/ui/action-form";
import { ConfirmField } from "@/components/ui/confirm-field";
import { FormField, inputClass } from "@/components/ui/form-field";

/** Unlinks a family member linked in error; the reason goes to both cases' histories. */
export function HouseholdMemberRemove({ caseId, memberId }: { caseId: string; memberId: string }) {
  const t = useTranslations("householdForm");
  return (
    <details className="ml-4 inline-block text-sm">
      <summary className="inline-flex min-h-6 cursor-pointer items-center px-1 text-sky-800">{t("remove")}</summary>
      <ActionForm action={removeHouseholdMemberAction} submitLabel={t("removeButton")} pendingLabel={t("saving")}>
        {({ fieldErrors }) => (
          <>
            <input type="hidden" name="caseId" value={caseId} />
            <input type="hidden" name="memberId" value={memberId} />
            {fieldErrors.memberId && <p className="text-red-800">{t("notEditable")}</p>}
            <FormField id={`remove-${memberId}-reason`} label={t("removeReason")} error={fieldErrors.reason}>
              {(d, i) => (
                <input
                  id={`remove-${memberId}-reason`}
                  name="reason"
                  maxLength={500}
                  aria-describedby={d}
                  aria-invalid={i}
                  className={inputClass}
                />
              )}
            </FormField>
            <ConfirmField id={`remove-${memberId}-confirm`} label={t("confirmRemove")} error={fieldErrors.confirm} />
          </>
        )}
      </ActionForm>
    </details>
  );
}
