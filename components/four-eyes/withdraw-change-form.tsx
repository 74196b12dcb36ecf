"use client";

import { useTranslations } from "next-intl";
import { withdrawChangeRequestAction } from "@/app/(app)/cases/[caseId]/actions";
import { ActionForm } from "@/components/ui/action-form";

/** The requester takes their pending request back; the version makes a request decided meanwhile a refusal. */
export function WithdrawChangeForm({ caseId, requestId, version }: { caseId: string; requestId: string; version: number }) {
  const t = useTranslations("case.changeRequests");
  return (
    <ActionForm action={withdrawChangeRequestAction} submitLabel={t("withdraw")} pendingLabel={t("withdrawing")} testId="withdraw-change">
      {() => (
        <>
          <input type="hidden" name="caseId" value={caseId} />
          <input type="hidden" name="requestId" value={requestId} />
          <input type="hidden" name="version" value={version} />
        </>
      )}
    </ActionForm>
  );
}
