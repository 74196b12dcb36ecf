"use client";

import { useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import type { ProsecutionStatus } from "@/lib/db/generated/enums";
import { initialActionState } from "@/lib/validation/action-state";
import { changeProsecutionStatusAction } from "@/app/(app)/cases/[caseId]/actions";
import { FormField, inputClass } from "@/components/ui/form-field";

type Props = { caseId: string; version: number; nextStatuses: { status: ProsecutionStatus; isCorrection: boolean }[] };

export function StatusChangeForm({ caseId, version, nextStatuses }: Props) {
  const t = useTranslations("prosecutionForm");
  const tEnum = useTranslations("enums.prosecution");
  const tMessages = useTranslations("formMessages");
  const [state, action, pending] = useActionState(changeProsecutionStatusAction, initialActionState);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) form.current?.reset();
  }, [state]);
  const error = (field: string) => state.fieldErrors[field];
  const value = (field: string) => state.values[field] ?? "";

  return (
    <details className="mt-4 rounded border border-slate-200 p-3" open={!state.ok && state.message !== null}>
      <summary className="cursor-pointer font-medium text-sky-900">{t("open")}</summary>
      <form ref={form} action={action} className="mt-3 space-y-3" noValidate>
        <input type="hidden" name="caseId" value={caseId} />
        {/* The version the user is looking at: a stale one makes the server refuse with a conflict. */}
        <input type="hidden" name="version" value={version} />
        <FormField id="status" label={t("status")} error={error("status")}>
          {(describedBy, invalid) => (
            <select id="status" name="status" defaultValue={value("status")} aria-describedby={describedBy} aria-invalid={invalid} className={inputClass}>
              <option value="">{t("choose")}</option>
              {nextStatuses.map((s) => (
                <option key={s.status} value={s.status}>
                  {tEnum(s.status)}
                  {s.isCorrection ? ` (${t("correction")})` : ""}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="effectiveDate" label={t("effectiveDate")} error={error("effectiveDate")}>
          {(describedBy, invalid) => <input id="effectiveDate" name="effectiveDate" type="date" defaultValue={value("effectiveDate")} aria-describedby={describedBy} aria-invalid={invalid} className={inputClass} />}
        </FormField>
        <FormField id="articles" label={t("articles")} hint={t("articlesHint")} error={error("articles")}>
          {(describedBy, invalid) => <input id="articles" name="articles" defaultValue={value("articles")} aria-describedby={describedBy} aria-invalid={invalid} className={inputClass} />}
        </FormField>
        <FormField id="authority" label={t("authority")} error={error("authority")}>
          {(describedBy, invalid) => <input id="authority" name="authority" defaultValue={value("authority")} aria-describedby={describedBy} aria-invalid={invalid} className={inputClass} />}
        </FormField>
        <FormField id="sentenceMonths" label={t("sentenceMonths")} error={error("sentenceMonths")}>
          {(describedBy, invalid) => <input id="sentenceMonths" name="sentenceMonths" inputMode="numeric" defaultValue={value("sentenceMonths")} aria-describedby={describedBy} aria-invalid={invalid} className={inputClass} />}
        </FormField>
        <FormField id="reason" label={t("reason")} error={error("reason")}>
          {(describedBy, invalid) => <textarea id="reason" name="reason" rows={3} defaultValue={value("reason")} aria-describedby={describedBy} aria-invalid={invalid} className={inputClass} />}
        </FormField>
        <div aria-live="polite">
          {state.message && (
            <p role={state.ok ? "status" : "alert"} className={state.ok ? "text-sm text-emerald-800" : "rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"}>
              {tMessages(state.message as "conflict", state.messageValues ?? {})}
            </p>
          )}
        </div>
        <button type="submit" disabled={pending} className="rounded bg-sky-800 px-4 py-2 text-white hover:bg-sky-900 disabled:opacity-60">
          {pending ? t("saving") : t("save")}
        </button>
      </form>
    </details>
  );
}
