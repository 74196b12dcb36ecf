"use client";

import { useTranslations } from "next-intl";
import { addNoteAction } from "@/app/(app)/cases/[caseId]/actions";
import { ActionForm } from "@/components/ui/action-form";
import { TextAreaField } from "@/components/ui/text-fields";

export function NoteForm({ caseId }: { caseId: string }) {
  const t = useTranslations("noteForm");
  return (
    <ActionForm action={addNoteAction} submitLabel={t("save")} pendingLabel={t("saving")}>
      {({ fieldErrors: error, values }) => (
        <>
          <input type="hidden" name="caseId" value={caseId} />
          <TextAreaField id="noteBody" name="body" label={t("body")} error={error.body} defaultValue={values.body ?? ""} />
        </>
      )}
    </ActionForm>
  );
}
