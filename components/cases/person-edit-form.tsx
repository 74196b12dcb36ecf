"use client";

import { useTranslations } from "next-intl";
import { CaseStatus, RiskLevel } from "@/lib/db/generated/enums";
import type { CaseDetail } from "@/lib/cases/get-case";
import { updatePersonAction } from "@/app/(app)/cases/[caseId]/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";
import { SelectField } from "@/components/ui/select-field";

type Props = { detail: Pick<CaseDetail, "id" | "version" | "familyName" | "givenName" | "patronymic" | "sex" | "birthDate" | "birthDateEstimated" | "iin" | "citizenship" | "address" | "caseStatus" | "riskLevel" | "unaccompaniedMinor" | "ageCategory"> };

export function PersonEditForm({ detail }: Props) {
  const t = useTranslations("newCase");
  const tEdit = useTranslations("personEdit");
  const tEnum = useTranslations("enums");
  const current: Record<string, string> = {
    familyName: detail.familyName,
    givenName: detail.givenName,
    patronymic: detail.patronymic ?? "",
    sex: detail.sex,
    birthDate: detail.birthDate,
    birthDateEstimated: detail.birthDateEstimated ? "on" : "",
    iin: detail.iin ?? "",
    citizenship: detail.citizenship,
    address: detail.address ?? "",
    caseStatus: detail.caseStatus,
    riskLevel: detail.riskLevel,
    unaccompaniedMinor: detail.unaccompaniedMinor ? "on" : "",
  };
  return (
    <details className="mt-4 rounded border border-slate-200 p-3">
      <summary className="cursor-pointer font-medium text-sky-900">{tEdit("open")}</summary>
      <ActionForm action={updatePersonAction} submitLabel={tEdit("save")} pendingLabel={tEdit("saving")}>
        {({ fieldErrors: e, values }) => {
          // What the user typed after a refusal, otherwise the record as it is now.
          const v = (name: string) => values[name] ?? current[name] ?? "";
          const text = (name: string, label: string, type = "text") => (
            <FormField id={`edit-${name}`} label={label} error={e[name]}>
              {(describedBy, invalid) => <input id={`edit-${name}`} name={name} type={type} defaultValue={v(name)} aria-describedby={describedBy} aria-invalid={invalid} className={inputClass} />}
            </FormField>
          );
          const select = (name: string, label: string, choices: { value: string; label: string }[]) => (
            <SelectField id={`edit-${name}`} name={name} label={label} error={e[name]} defaultValue={v(name)} choices={choices} />
          );
          return (
            <div className="grid gap-3 sm:grid-cols-3">
              <input type="hidden" name="caseId" value={detail.id} />
              {/* The version the user is looking at: a stale one makes the server refuse with a conflict. */}
              <input type="hidden" name="version" value={detail.version} />
              {text("familyName", t("fields.familyName"))}
              {text("givenName", t("fields.givenName"))}
              {text("patronymic", t("fields.patronymic"))}
              {select("sex", t("fields.sex"), [{ value: "FEMALE", label: t("female") }, { value: "MALE", label: t("male") }])}
              {text("birthDate", t("fields.birthDate"), "date")}
              <label className="flex items-center gap-2 self-end pb-8 text-sm">
                <input type="checkbox" name="birthDateEstimated" defaultChecked={v("birthDateEstimated") === "on"} /> {t("fields.birthDateEstimated")}
              </label>
              {text("iin", t("fields.iin"))}
              {text("citizenship", t("fields.citizenship"))}
              {text("address", t("fields.address"))}
              {select("caseStatus", tEdit("caseStatus"), Object.values(CaseStatus).map((s) => ({ value: s, label: tEnum(`caseStatus.${s}`) })))}
              {select("riskLevel", t("fields.riskLevel"), Object.values(RiskLevel).map((r) => ({ value: r, label: tEnum(`risk.${r}`) })))}
              {detail.ageCategory === "MINOR" && (
                <label className="flex items-center gap-2 self-end pb-8 text-sm">
                  <input type="checkbox" name="unaccompaniedMinor" defaultChecked={v("unaccompaniedMinor") === "on"} /> {tEdit("unaccompanied")}
                </label>
              )}
              {text("reason", tEdit("reason"))}
            </div>
          );
        }}
      </ActionForm>
    </details>
  );
}
