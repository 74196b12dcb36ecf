"use client";

import { useTranslations } from "next-intl";
import { addNoteAction } from "@/app/(app)/cases/[caseId]/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";

export function NoteForm({ caseId }: { caseId: string }) {
  const t = useTranslations("noteForm");
  return (
    <ActionForm action={addNoteAction} submitLabel={t("save")} pendingLabel={t("saving")}>
      {({ fieldErrors: error, values }) => (
        <>
          <input type="hidden" name="caseId" value={caseId} />
          <FormField id="noteBody" label={t("body")} error={error.body}>
            {(describedBy, invalid) => (
              <textarea
                id="noteBody"
                name="body"
                rows={3}
                defaultValue={values.body ?? ""}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                className={inputClass}
              />
            )}
          </FormField>
        </>
      )}
    </ActionForm>
  );
}
