"use client";

import { useTranslations } from "next-intl";
import { verifyLogAction } from "@/app/(app)/audit/actions";
import { ActionForm } from "@/components/ui/action-form";

export function VerifyLogForm() {
  const t = useTranslations("audit");
  return (
    <ActionForm action={verifyLogAction} submitLabel={t("verifyNow")} pendingLabel={t("verifying")} testId="verify-log">
      {() => null}
    </ActionForm>
  );
}
