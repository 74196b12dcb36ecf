"use client";

import { useTranslations } from "next-intl";
import { withdrawTransferAction } from "@/app/(app)/cases/[caseId]/actions";
import { ActionForm } from "@/components/ui/action-form";

/** The requester takes the whole transfer back, for every member moving with the person. */
export function WithdrawTransferForm({ caseId, groupId }: { caseId: string; groupId: string }) {
  const t = useTranslations("case.transfer");
  return (
    <ActionForm action={withdrawTransferAction} submitLabel={t("withdraw")} pendingLabel={t("withdrawing")} testId="withdraw-transfer">
      {() => (
        <>
          <input type="hidden" name="caseId" value={caseId} />
          <input type="hidden" name="groupId" value={groupId} />
        </>
      )}
    </ActionForm>
  );
}
