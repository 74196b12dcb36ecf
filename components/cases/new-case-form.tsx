"use client";

import Link from "next/link";
import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { AliasType, RiskLevel } from "@/lib/db/generated/enums";
import type { Option } from "@/lib/cases/registry-options";
import { MAX_ALIASES } from "@/lib/validation/person";
import { createCaseAction, type NewCaseState } from "@/app/(app)/cases/new/actions";
import { FormField, inputClass } from "@/components/ui/form-field";
import { SelectField } from "@/components/ui/select-field";

const initial: NewCaseState = { ok: false, fieldErrors: {}, message: null, values: {}, duplicates: [] };

export function NewCaseForm({ regions, operations }: { regions: Option[]; operations: Option[] }) {
  const t = useTranslations("newCase");
  const tEnum = useTranslations("enums");
  const tMessages = useTranslations("formMessages");
  const locale = useLocale() as "en" | "ru" | "kk";
  const [state, action, pending] = useActionState(createCaseAction, initial);
  const v = (field: string) => state.values[field] ?? "";
  const e = state.fieldErrors;
  const regionName = (id: string) => regions.find((r) => r.value === id)?.[locale] ?? "—";

  const text = (name: string, opts: { type?: string; hint?: string; initial?: string } = {}) => (
    <FormField id={name} label={t(`fields.${name}` as "fields.familyName")} error={e[name]} hint={opts.hint}>
      {(describedBy, invalid) => <input id={name} name={name} type={opts.type ?? "text"} defaultValue={state.values[name] ?? opts.initial ?? ""} aria-describedby={describedBy} aria-invalid={invalid} className={inputClass} />}
    </FormField>
  );
  const select = (name: string, choices: { value: string; label: string }[], required = true) => (
    <SelectField id={name} name={name} label={t(`fields.${name}` as "fields.familyName")} error={e[name]} defaultValue={v(name)} choices={choices} placeholder={required ? t("choose") : undefined} />
  );

  return (
    <form action={action} className="space-y-6" noValidate>
      {/* Remounted with what was typed as defaults, so React's reset after the action keeps the input. */}
      <div key={JSON.stringify(state.values)} className="space-y-6">
      <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3">
        <legend className="px-1 font-semibold">{t("person")}</legend>
        {text("familyName")}
        {text("givenName")}
        {text("patronymic")}
        {select("sex", [{ value: "FEMALE", label: t("female") }, { value: "MALE", label: t("male") }])}
        {text("birthDate", { type: "date" })}
        <label className="flex items-center gap-2 self-end pb-8 text-sm">
          <input type="checkbox" name="birthDateEstimated" defaultChecked={v("birthDateEstimated") === "on"} /> {t("fields.birthDateEstimated")}
        </label>
        {text("iin", { hint: t("iinHint") })}
        {text("citizenship", { hint: t("countryHint"), initial: "KZ" })}
        {select("riskLevel", Object.values(RiskLevel).map((r) => ({ value: r, label: tEnum(`risk.${r}`) })), false)}
      </fieldset>
      <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3">
        <legend className="px-1 font-semibold">{t("return")}</legend>
        {select("regionId", regions.map((r) => ({ value: r.value, label: r[locale] })))}
        {text("address")}
        {text("returnDate", { type: "date" })}
        {select("returnOperationCode", operations.map((o) => ({ value: o.value, label: o[locale] })))}
        {text("returnedFrom", { hint: t("countryHint") })}
      </fieldset>
      <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 font-semibold">{t("aliases")}</legend>
        {Array.from({ length: MAX_ALIASES }, (_, i) => (
          <div key={i} className="grid gap-3 sm:grid-cols-3">
            <FormField id={`aliasValue${i}`} label={t("aliasValue", { n: i + 1 })} error={e[`aliasValue${i}`]}>
              {(describedBy, invalid) => <input id={`aliasValue${i}`} name={`aliasValue${i}`} defaultValue={v(`aliasValue${i}`)} aria-describedby={describedBy} aria-invalid={invalid} className={inputClass} />}
            </FormField>
            <FormField id={`aliasType${i}`} label={t("aliasType")} error={e[`aliasType${i}`]}>
              {(describedBy, invalid) => (
                <select id={`aliasType${i}`} name={`aliasType${i}`} defaultValue={v(`aliasType${i}`)} aria-describedby={describedBy} aria-invalid={invalid} className={inputClass}>
                  <option value="">—</option>
                  {Object.values(AliasType).map((type) => (
                    <option key={type} value={type}>
                      {t(`aliasTypes.${type}`)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField id={`aliasSource${i}`} label={t("aliasSource")} error={e[`aliasSource${i}`]}>
              {(describedBy, invalid) => <input id={`aliasSource${i}`} name={`aliasSource${i}`} defaultValue={v(`aliasSource${i}`)} aria-describedby={describedBy} aria-invalid={invalid} className={inputClass} />}
            </FormField>
          </div>
        ))}
      </fieldset>

      </div>

      {state.duplicates.length > 0 && (
        <section aria-labelledby="duplicates-title" className="rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="possible-duplicates">
          <h2 id="duplicates-title" className="font-semibold">{t("duplicatesTitle")}</h2>
          <ul className="mt-2 space-y-1 text-sm">
            {state.duplicates.map((d) => (
              <li key={d.caseNumber}>
                {d.id ? <Link href={`/cases/${d.id}`} className="text-sky-800 underline">{d.caseNumber}</Link> : d.caseNumber} · {d.name ?? t("outOfReach")} · {t("born", { date: d.birthDate })} · {regionName(d.regionId)} · {t(`why.${d.why}`)}
              </li>
            ))}
          </ul>
          <label className="mt-3 flex items-center gap-2 text-sm">
            <input type="checkbox" name="confirmNotDuplicate" /> {t("confirmNotDuplicate")}
          </label>
        </section>
      )}

      <div aria-live="polite">
        {state.message && (
          <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
            {tMessages(state.message as "conflict", state.messageValues ?? {})}
          </p>
        )}
      </div>
      <button type="submit" disabled={pending} className="rounded bg-sky-800 px-4 py-2 text-white hover:bg-sky-900 disabled:opacity-60">
        {pending ? t("saving") : t("save")}
      </button>
    </form>
  );
}
