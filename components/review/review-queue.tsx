"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { bulkReviewAction, type BulkState } from "@/app/(app)/review/actions";
import { FormField, inputClass } from "@/components/ui/form-field";
import { FormMessage } from "@/components/ui/form-message";
import type { QueueRow } from "@/lib/review/queue";
import type { ReviewOptions } from "@/lib/review/review-options";
import { initialActionState } from "@/lib/validation/action-state";
import { labelIn, type Labels } from "@/lib/i18n/locales";

type Operation = "assign" | "refer" | "notRequired";

/**
 * The queue with its bulk actions: tick people, choose what to do, and read what happened to
 * each. Each person is handled in their own transaction, so the summary can say "done" for some
 * and "program full" for others.
 */
export function ReviewQueue({ rows, options, today }: { rows: QueueRow[]; options: ReviewOptions; today: string }) {
  const t = useTranslations("review");
  const tEnum = useTranslations("enums");
  const tErrors = useTranslations("errors.fields");
  const tMessages = useTranslations("formMessages");
  const locale = useLocale();
  const [state, formAction, pending] = useActionState<BulkState, FormData>(bulkReviewAction, initialActionState);
  const [operation, setOperation] = useState<Operation>("assign");
  const label = (l: Labels) => labelIn(locale, l);
  const regionName = (id: string) => label(options.regions.find((r) => r.value === id) ?? { en: "—", ru: "—", kk: "—" });
  const typeName = (code: string) => label(options.programTypes.find((p) => p.value === code) ?? { en: code, ru: code, kk: code });
  const error = state.fieldErrors;
  const outcomeText = (result: string) => (result === "ok" ? t("outcomeOk") : tErrors.has(result as "invalid") ? tErrors(result as "invalid") : tMessages.has(result as "conflict") ? tMessages(result as "conflict") : result);

  return (
    <form action={formAction} className="space-y-4" noValidate data-testid="review-form">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full border-collapse text-sm" data-testid="review-table">
          <thead className="bg-slate-50 text-left">
            <tr>
              {options.canAct && <th scope="col" className="px-3 py-2"><span className="sr-only">{t("select")}</span></th>}
              {(["person", "caseNumber", "age", "region", "prosecution", "missing", "sinceReturn", "waiting", "caseworker"] as const).map((column) => (
                <th key={column} scope="col" className="px-3 py-2 font-medium">
                  {t(`columns.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className={`border-t border-slate-100 ${row.overdue ? "bg-amber-50" : ""}`} data-testid="review-row" data-overdue={row.overdue} data-case={row.id} data-missing={row.missingTypes.join(",")}>
                {options.canAct && (
                  <td className="px-3 py-2">
                    <input type="checkbox" name="selected" value={`${row.id}:${row.version}`} aria-label={t("selectPerson", { name: row.name })} />
                  </td>
                )}
                <td className="px-3 py-2">{row.name}</td>
                <td className="whitespace-nowrap px-3 py-2 font-mono">
                  <Link href={`/cases/${row.id}`} className="text-sky-800 underline">
                    {row.caseNumber}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  {tEnum(`age.${row.ageCategory}`)} · {row.age}
                </td>
                <td className="px-3 py-2">{regionName(row.regionId)}</td>
                <td className="px-3 py-2">{tEnum(`prosecution.${row.prosecutionStatus}`)}</td>
                <td className="px-3 py-2">{row.missingTypes.map(typeName).join(", ")}</td>
                <td className="px-3 py-2 text-right">{row.daysSinceReturn}</td>
                <td className="px-3 py-2 text-right">
                  {row.daysWaiting}
                  {row.overdue && <span className="ml-2 whitespace-nowrap rounded bg-amber-200 px-1.5 py-0.5 text-xs text-amber-950">{t("overdue")}</span>}
                </td>
                <td className="px-3 py-2">{row.caseworkerName ?? t("unassigned")}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="px-3 py-6 text-center text-slate-600">{t("empty")}</p>}
      </div>

      {options.canAct && rows.length > 0 && (
        <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <legend className="px-1 font-semibold">{t("bulkTitle")}</legend>
          {error.selected && <p className="text-sm text-red-800">{tErrors(error.selected as "invalid")}</p>}
          <div>
            <label htmlFor="operation" className="block text-sm font-medium">{t("operation")}</label>
            <select id="operation" name="operation" value={operation} onChange={(e) => setOperation(e.target.value as Operation)} className={inputClass}>
              <option value="assign">{t("operations.assign")}</option>
              <option value="refer">{t("operations.refer")}</option>
              <option value="notRequired">{t("operations.notRequired")}</option>
            </select>
          </div>
          {operation === "assign" && (
            <FormField id="caseworkerId" label={t("caseworker")} error={error.caseworkerId}>
              {(describedBy, invalid) => (
                <select id="caseworkerId" name="caseworkerId" defaultValue="" aria-describedby={describedBy} aria-invalid={invalid} className={inputClass}>
                  <option value="">—</option>
                  {options.caseworkers.map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label} ({c.regionIds.map(regionName).join(", ")})
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          )}
          {operation === "refer" && (
            <>
              <FormField id="programId" label={t("program")} error={error.programId}>
                {(describedBy, invalid) => (
                  <select id="programId" name="programId" defaultValue="" aria-describedby={describedBy} aria-invalid={invalid} className={inputClass}>
                    <option value="">—</option>
                    {options.programs.map((p) => (
                      <option key={p.value} value={p.value}>
                        {t("programOption", { name: p.name, type: typeName(p.type), region: regionName(p.regionId), free: p.free })}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
              <FormField id="referDate" label={t("date")} error={error.date}>
                {(describedBy, invalid) => <input id="referDate" name="date" type="date" defaultValue={today} max={today} aria-describedby={describedBy} aria-invalid={invalid} className={inputClass} />}
              </FormField>
            </>
          )}
          {operation === "notRequired" && (
            <>
              <FormField id="programTypeCode" label={t("programType")} error={error.programTypeCode}>
                {(describedBy, invalid) => (
                  <select id="programTypeCode" name="programTypeCode" defaultValue="" aria-describedby={describedBy} aria-invalid={invalid} className={inputClass}>
                    <option value="">—</option>
                    {options.programTypes.map((p) => (
                      <option key={p.value} value={p.value}>{label(p)}</option>
                    ))}
                  </select>
                )}
              </FormField>
              <FormField id="reasonId" label={t("reason")} error={error.reasonId}>
                {(describedBy, invalid) => (
                  <select id="reasonId" name="reasonId" defaultValue="" aria-describedby={describedBy} aria-invalid={invalid} className={inputClass}>
                    <option value="">—</option>
                    {options.reasons.map((r) => (
                      <option key={r.value} value={r.value}>{label(r)}</option>
                    ))}
                  </select>
                )}
              </FormField>
              <FormField id="comment" label={t("comment")} error={error.comment}>
                {(describedBy, invalid) => <input id="comment" name="comment" maxLength={500} aria-describedby={describedBy} aria-invalid={invalid} className={inputClass} />}
              </FormField>
            </>
          )}
          <FormMessage state={state} success={false} />
          <button type="submit" disabled={pending} className="rounded bg-sky-800 px-4 py-2 text-white hover:bg-sky-900 disabled:opacity-60">
            {pending ? t("applying") : t("apply")}
          </button>
        </fieldset>
      )}

      {state.outcomes && (
        <section role="status" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="bulk-summary">
          <h2 className="font-semibold">
            {t("summary", { ok: state.outcomes.filter((o) => o.result === "ok").length, failed: state.outcomes.filter((o) => o.result !== "ok").length })}
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {state.outcomes.map((o) => (
              <li key={o.caseId} className={o.result === "ok" ? "text-emerald-800" : "text-red-800"}>
                {o.caseNumber ?? "—"}: {outcomeText(o.result)}
                {o.reference && ` (${o.reference})`}
              </li>
            ))}
          </ul>
        </section>
      )}
    </form>
  );
}
