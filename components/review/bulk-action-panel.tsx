"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { FormField, inputClass } from "@/components/ui/form-field";
import { FormMessage } from "@/components/ui/form-message";
import type { ReviewOptions } from "@/lib/review/review-options";
import type { ActionState } from "@/lib/validation/action-state";
import { useReviewLabels } from "./use-review-labels";

type Operation = "assign" | "refer" | "notRequired";

type Props = {
  options: ReviewOptions;
  today: string;
  state: ActionState & { round: number };
  selected: number;
  pending: boolean;
  answer: (element: HTMLElement | null) => void;
};

/** What to do with the ticked people: the operation, the fields it needs, and the button. */
export function BulkActionPanel({ options, today, state, selected, pending, answer }: Props) {
  const t = useTranslations("review");
  const tErrors = useTranslations("errors.fields");
  const { label, regionName, typeName } = useReviewLabels(options);
  // Kept across rounds, while the fields below remount from each answer.
  const [operation, setOperation] = useState<Operation>("assign");
  const error = state.fieldErrors;
  return (
    <fieldset key={state.round} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <legend className="px-1 font-semibold">{t("bulkTitle")}</legend>
      <p className="text-sm text-slate-700" aria-live="polite" data-testid="selected-count">
        {t("selectedCount", { count: selected })}
      </p>
      {error.selected && <p className="text-sm text-red-800">{tErrors(error.selected as "invalid")}</p>}
      {/* Side by side on a wide screen, so the list starts close below. */}
      <div className="grid items-start gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <label htmlFor="operation" className="block text-sm font-medium">
            {t("operation")}
          </label>
          <select
            id="operation"
            name="operation"
            value={operation}
            onChange={(e) => setOperation(e.target.value as Operation)}
            className={inputClass}
          >
            <option value="assign">{t("operations.assign")}</option>
            <option value="refer">{t("operations.refer")}</option>
            <option value="notRequired">{t("operations.notRequired")}</option>
          </select>
        </div>
        {operation === "assign" && (
          <FormField id="caseworkerId" label={t("caseworker")} error={error.caseworkerId}>
            {(describedBy, invalid) => (
              <select
                id="caseworkerId"
                name="caseworkerId"
                defaultValue=""
                aria-describedby={describedBy}
                aria-invalid={invalid}
                className={inputClass}
              >
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
                <select
                  id="programId"
                  name="programId"
                  defaultValue=""
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                >
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
              {(describedBy, invalid) => (
                <input
                  id="referDate"
                  name="date"
                  type="date"
                  defaultValue={today}
                  max={today}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </FormField>
          </>
        )}
        {operation === "notRequired" && (
          <>
            <FormField id="programTypeCode" label={t("programType")} error={error.programTypeCode}>
              {(describedBy, invalid) => (
                <select
                  id="programTypeCode"
                  name="programTypeCode"
                  defaultValue=""
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                >
                  <option value="">—</option>
                  {options.programTypes.map((p) => (
                    <option key={p.value} value={p.value}>
                      {label(p)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField id="reasonId" label={t("reason")} error={error.reasonId}>
              {(describedBy, invalid) => (
                <select
                  id="reasonId"
                  name="reasonId"
                  defaultValue=""
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                >
                  <option value="">—</option>
                  {options.reasons.map((r) => (
                    <option key={r.value} value={r.value}>
                      {label(r)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField id="comment" label={t("comment")} error={error.comment}>
              {(describedBy, invalid) => (
                <input
                  id="comment"
                  name="comment"
                  maxLength={500}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </FormField>
          </>
        )}
      </div>
      <FormMessage state={state} success={false} ref={answer} />
      <button type="submit" disabled={pending} className="rounded bg-sky-800 px-4 py-2 text-white hover:bg-sky-900 disabled:opacity-60">
        {pending ? t("applying") : t("apply")}
      </button>
    </fieldset>
  );
}
