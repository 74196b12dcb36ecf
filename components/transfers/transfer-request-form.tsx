"use client";

import { useLocale, useTranslations } from "next-intl";
import { requestTransferAction } from "@/app/(app)/cases/[caseId]/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";
import { SelectField } from "@/components/ui/select-field";
import { labelIn } from "@/lib/i18n/locales";
import type { TransferOptions } from "@/lib/transfers/transfer-views";
import { TRANSFER_BASES } from "@/lib/validation/transfer";

type Props = { caseId: string; version: number; options: TransferOptions; today: string };

/**
 * The sending region's request to move the person, and the household members ticked, to another
 * region. The version is the one the user sees: a case changed meanwhile is refused as a conflict.
 */
export function TransferRequestForm({ caseId, version, options, today }: Props) {
  const t = useTranslations("case.transfer");
  const tEnums = useTranslations("enums.transferBasis");
  const locale = useLocale();
  return (
    <details className="mt-3 rounded border border-slate-200 bg-white p-3" data-testid="transfer-dialog">
      <summary className="cursor-pointer font-medium text-sky-900">{t("open")}</summary>
      <p className="mt-2 text-sm text-slate-600">{t("explain")}</p>
      <ActionForm
        action={requestTransferAction}
        submitLabel={t("submit")}
        pendingLabel={t("submitting")}
        recordVersion={version}
        testId="transfer-request"
      >
        {({ fieldErrors: e, values }) => {
          const ticked = values.members !== undefined ? values.members.split(",") : [];
          return (
            <div className="grid gap-3 sm:grid-cols-2">
              <input type="hidden" name="caseId" value={caseId} />
              <input type="hidden" name="version" value={version} />
              <SelectField
                id="transfer-toRegionId"
                name="toRegionId"
                label={t("toRegion")}
                error={e.toRegionId}
                defaultValue={values.toRegionId ?? ""}
                choices={options.regions.map((r) => ({ value: r.id, label: labelIn(locale, r.name) }))}
                placeholder={t("choose")}
              />
              <SelectField
                id="transfer-basis"
                name="basis"
                label={t("basis")}
                error={e.basis}
                defaultValue={values.basis ?? ""}
                choices={TRANSFER_BASES.map((basis) => ({ value: basis, label: tEnums(basis) }))}
                placeholder={t("choose")}
              />
              <FormField id="transfer-basisText" label={t("basisText")} error={e.basisText} hint={t("basisTextHint")}>
                {(describedBy, invalid) => (
                  <input
                    id="transfer-basisText"
                    name="basisText"
                    maxLength={500}
                    defaultValue={values.basisText ?? ""}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    className={inputClass}
                  />
                )}
              </FormField>
              <FormField id="transfer-effectiveDate" label={t("effectiveDate")} error={e.effectiveDate}>
                {(describedBy, invalid) => (
                  <input
                    id="transfer-effectiveDate"
                    name="effectiveDate"
                    type="date"
                    defaultValue={values.effectiveDate ?? today}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    className={inputClass}
                  />
                )}
              </FormField>
              <fieldset className="sm:col-span-2" aria-describedby={e.members ? "transfer-members-error" : undefined}>
                <legend className="text-sm font-medium">{t("members")}</legend>
                {options.members.length === 0 && <p className="text-sm text-slate-600">{t("noMembers")}</p>}
                {options.members.map((member) => (
                  <label key={member.id} className="mr-4 inline-flex items-center gap-1 text-sm">
                    <input type="checkbox" name="members" value={member.id} defaultChecked={ticked.includes(member.id)} />
                    {member.name} ({member.caseNumber})
                  </label>
                ))}
                {e.members && (
                  <p id="transfer-members-error" className="text-sm text-red-800">
                    <MemberError code={e.members} />
                  </p>
                )}
              </fieldset>
            </div>
          );
        }}
      </ActionForm>
    </details>
  );
}

function MemberError({ code }: { code: string }) {
  const t = useTranslations("errors.fields");
  return <>{t(code as "required")}</>;
}
