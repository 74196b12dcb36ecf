"use client";

import { useTranslations } from "next-intl";
import { removeAliasAction, saveAliasAction } from "@/app/(app)/cases/[caseId]/actions";
import { ActionForm } from "@/components/ui/action-form";
import { ConfirmField } from "@/components/ui/confirm-field";
import { FormField, inputClass } from "@/components/ui/form-field";
import { AliasType } from "@/lib/db/generated/enums";

type Alias = { id: string; version: number; value: string; type: string; source: string };

function AliasFields({
  prefix,
  alias,
  error,
  values,
}: {
  prefix: string;
  alias?: Alias;
  error: Record<string, string>;
  values: Record<string, string>;
}) {
  const t = useTranslations("aliasEditor");
  const tCase = useTranslations("case");
  return (
    <div className="grid gap-2 sm:grid-cols-3">
      <FormField id={`${prefix}-value`} label={t("value")} error={error.value}>
        {(d, i) => (
          <input
            id={`${prefix}-value`}
            name="value"
            defaultValue={values.value ?? alias?.value ?? ""}
            maxLength={200}
            aria-describedby={d}
            aria-invalid={i}
            className={inputClass}
          />
        )}
      </FormField>
      <FormField id={`${prefix}-type`} label={t("type")} error={error.type}>
        {(d, i) => (
          <select
            id={`${prefix}-type`}
            name="type"
            defaultValue={values.type ?? alias?.type ?? ""}
            aria-describedby={d}
            aria-invalid={i}
            className={inputClass}
          >
            <option value="">—</option>
            {Object.values(AliasType).map((type) => (
              <option key={type} value={type}>
                {tCase(`aliasType.${type}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id={`${prefix}-source`} label={t("source")} error={error.source}>
        {(d, i) => (
          <input
            id={`${prefix}-source`}
            name="source"
            defaultValue={values.source ?? (alias && alias.source !== "—" ? alias.source : "")}
            maxLength={200}
            aria-describedby={d}
            aria-invalid={i}
            className={inputClass}
          />
        )}
      </FormField>
    </div>
  );
}

/** The person's aliases, each editable or removable with a reason, and a form to add one. */
export function AliasEditor({ caseId, aliases }: { caseId: string; aliases: Alias[] }) {
  const t = useTranslations("aliasEditor");
  return (
    <details className="mt-3 rounded border border-slate-200 p-3" data-testid="alias-editor">
      <summary className="cursor-pointer font-medium text-sky-900">{t("open")}</summary>
      <ul className="mt-2 space-y-3">
        {aliases.map((alias) => (
          <li key={alias.id} className="rounded border border-slate-100 p-2" data-testid="alias-row">
            <ActionForm action={saveAliasAction} submitLabel={t("save")} pendingLabel={t("saving")} recordVersion={alias.version}>
              {({ fieldErrors, values }) => (
                <>
                  <input type="hidden" name="caseId" value={caseId} />
                  <input type="hidden" name="aliasId" value={alias.id} />
                  <input type="hidden" name="version" value={alias.version} />
                  <AliasFields prefix={`alias-${alias.id}`} alias={alias} error={fieldErrors} values={values} />
                </>
              )}
            </ActionForm>
            <ActionForm action={removeAliasAction} submitLabel={t("remove")} pendingLabel={t("saving")}>
              {({ fieldErrors }) => (
                <>
                  <input type="hidden" name="caseId" value={caseId} />
                  <input type="hidden" name="aliasId" value={alias.id} />
                  <input type="hidden" name="version" value={alias.version} />
                  <FormField id={`alias-${alias.id}-reason`} label={t("removeReason")} error={fieldErrors.reason}>
                    {(d, i) => (
                      <input
                        id={`alias-${alias.id}-reason`}
                        name="reason"
                        maxLength={500}
                        aria-describedby={d}
                        aria-invalid={i}
                        className={inputClass}
                      />
                    )}
                  </FormField>
                  <ConfirmField
                    id={`alias-${alias.id}-confirm`}
                    label={t("confirmRemove", { alias: alias.value })}
                    error={fieldErrors.confirm}
                  />
                </>
              )}
            </ActionForm>
          </li>
        ))}
      </ul>
      <h3 className="mt-3 font-medium">{t("add")}</h3>
      <ActionForm action={saveAliasAction} submitLabel={t("addButton")} pendingLabel={t("saving")} testId="alias-add">
        {({ fieldErrors, values }) => (
          <>
            <input type="hidden" name="caseId" value={caseId} />
            <AliasFields prefix="alias-new" error={fieldErrors} values={values} />
          </>
        )}
      </ActionForm>
    </details>
  );
}
