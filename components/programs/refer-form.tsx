"use client";

import { useLocale, useTranslations } from "next-intl";
import type { ProgramsPanel } from "@/lib/cases/case-programs";
import { referToProgramAction } from "@/app/(app)/cases/[caseId]/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";

export function ReferForm({ caseId, programs }: { caseId: string; programs: ProgramsPanel["programOptions"] }) {
  const t = useTranslations("programForm");
  const locale = useLocale() as "en" | "ru" | "kk";
  return (
    <details className="mt-4 rounded border border-slate-200 p-3">
      <summary className="cursor-pointer font-medium text-sky-900">{t("refer")}</summary>
      <ActionForm action={referToProgramAction} submitLabel={t("saveReferral")} pendingLabel={t("saving")}>
        {({ fieldErrors: error, values }) => (
          <>
            <input type="hidden" name="caseId" value={caseId} />
            <FormField id="programId" label={t("program")} error={error.programId}>
              {(describedBy, invalid) => (
                <select
                  id="programId"
                  name="programId"
                  defaultValue={values.programId ?? ""}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                >
                  <option value="">{t("choose")}</option>
                  {programs.map((p) => (
                    <option key={p.id} value={p.id}>
                      {`${p.type[locale]}: ${p.name} (${p.provider}) · ${t("free", { count: p.free })}`}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField id="referDate" label={t("date")} error={error.date}>
              {(describedBy, invalid) => (
                <input
                  id="referDate"
                  name="date"
                  type="date"
                  defaultValue={values.date ?? ""}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </FormField>
            <FormField id="referNote" label={t("note")} error={error.note}>
              {(describedBy, invalid) => (
                <input
                  id="referNote"
                  name="note"
                  defaultValue={values.note ?? ""}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </FormField>
          </>
        )}
      </ActionForm>
    </details>
  );
}
