"use client";

import { useTranslations } from "next-intl";
import type { CaseDetail } from "@/lib/cases/get-case";
import { EDITABLE_FIELDS, PERSON_FIELDS, type EditableField } from "@/lib/validation/person-fields";
import { updatePersonAction } from "@/app/(app)/cases/[caseId]/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";
import { PersonFieldInput } from "./person-field-input";
import { SuggestedConfirmerField } from "@/components/four-eyes/suggested-confirmer-field";

type Props = { detail: Pick<CaseDetail, "id" | "version" | "ageCategory" | EditableField>; confirmers: { id: string; name: string }[] };

/** A stored value as the form holds it: a ticked box is "on", nothing is empty. */
const formValue = (value: string | boolean | null) => (typeof value === "boolean" ? (value ? "on" : "") : (value ?? ""));

export function PersonEditForm({ detail, confirmers }: Props) {
  const tEdit = useTranslations("personEdit");
  const shown = EDITABLE_FIELDS.filter((field) => !("minorsOnly" in PERSON_FIELDS[field]) || detail.ageCategory === "MINOR");
  return (
    <details className="mt-4 rounded border border-slate-200 p-3">
      <summary className="cursor-pointer font-medium text-sky-900">{tEdit("open")}</summary>
      <ActionForm
        action={updatePersonAction}
        submitLabel={tEdit("save")}
        pendingLabel={tEdit("saving")}
        recordVersion={detail.version}
        testId="person-edit"
      >
        {({ fieldErrors: e, values }) => (
          <div className="grid gap-3 sm:grid-cols-3">
            <input type="hidden" name="caseId" value={detail.id} />
            {/* The version the user is looking at: a stale one makes the server refuse with a conflict. */}
            <input type="hidden" name="version" value={detail.version} />
            {/* What the user typed after a refusal, otherwise the record as it is now. */}
            {shown.map((field) => (
              <PersonFieldInput
                key={field}
                field={field}
                id={`edit-${field}`}
                value={values[field] ?? formValue(detail[field])}
                error={e[field]}
                registering={false}
              />
            ))}
            <SuggestedConfirmerField
              id="edit-suggestedConfirmerId"
              confirmers={confirmers}
              value={values.suggestedConfirmerId ?? ""}
              error={e.suggestedConfirmerId}
            />
            <FormField id="edit-reason" label={tEdit("reason")} error={e.reason}>
              {(describedBy, invalid) => (
                <input
                  id="edit-reason"
                  name="reason"
                  type="text"
                  defaultValue={values.reason ?? ""}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </FormField>
          </div>
        )}
      </ActionForm>
    </details>
  );
}
