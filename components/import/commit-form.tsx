"use client";

import { useTranslations } from "next-intl";
import { commitImportAction } from "@/app/(app)/import/batches/[batchId]/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";
import { SelectField } from "@/components/ui/select-field";

type Choice = { value: string; label: string };
export type DecisionRow = { row: number; name: string; choices: Choice[] };

/**
 * The commit of a batch: one decision per possible duplicate (none on a resume, which keeps the
 * first decisions), the type the file's aliases are recorded as, and the reason.
 */
export function CommitForm({
  batchId,
  resuming,
  decisions,
  aliasTypes,
}: {
  batchId: string;
  resuming: boolean;
  decisions: DecisionRow[];
  aliasTypes: Choice[];
}) {
  const t = useTranslations("import.batch");
  return (
    <ActionForm
      action={commitImportAction}
      submitLabel={resuming ? t("resume") : t("commit")}
      pendingLabel={t("committing")}
      testId="import-commit-form"
    >
      {({ fieldErrors: error, values }) => (
        <>
          <input type="hidden" name="batchId" value={batchId} />
          {!resuming &&
            decisions.map((decision) => (
              <SelectField
                key={decision.row}
                id={`decision-${decision.row}`}
                name={`decision-${decision.row}`}
                label={t("decisionFor", { row: decision.row, name: decision.name })}
                error={error[`decision-${decision.row}`]}
                defaultValue={values[`decision-${decision.row}`] ?? ""}
                placeholder={t("choose")}
                choices={decision.choices}
              />
            ))}
          {!resuming && (
            <SelectField
              id="aliasType"
              name="aliasType"
              label={t("aliasType")}
              error={error.aliasType}
              defaultValue={values.aliasType ?? "TRANSLITERATION"}
              choices={aliasTypes}
            />
          )}
          {/* A resume keeps the alias type the commit started with; the schema still asks for one. */}
          {resuming && <input type="hidden" name="aliasType" value="TRANSLITERATION" />}
          <FormField id="importReason" label={t("reason")} error={error.reason}>
            {(describedBy, invalid) => (
              <textarea
                id="importReason"
                name="reason"
                rows={2}
                defaultValue={values.reason ?? ""}
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
