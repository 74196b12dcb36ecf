"use client";

import { useTranslations } from "next-intl";
import type { BulkOutcome } from "@/lib/review/bulk";

/** What happened to each selected person, since each is handled in a transaction of their own. */
export function BulkSummary({ outcomes, answer }: { outcomes: BulkOutcome[]; answer: (element: HTMLElement | null) => void }) {
  const t = useTranslations("review");
  const tErrors = useTranslations("errors.fields");
  const tMessages = useTranslations("formMessages");
  const outcomeText = (result: string) =>
    result === "ok"
      ? t("outcomeOk")
      : tErrors.has(result as "invalid")
        ? tErrors(result as "invalid")
        : tMessages.has(result as "conflict")
          ? tMessages(result as "conflict")
          : result;
  return (
    <section
      ref={answer}
      tabIndex={-1}
      role="status"
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="bulk-summary"
    >
      <h2 className="font-semibold">
        {t("summary", { ok: outcomes.filter((o) => o.result === "ok").length, failed: outcomes.filter((o) => o.result !== "ok").length })}
      </h2>
      <ul className="mt-2 space-y-1 text-sm">
        {outcomes.map((o) => (
          <li key={o.caseId} className={o.result === "ok" ? "text-emerald-800" : "text-red-800"}>
            {o.caseNumber ?? "—"}: {outcomeText(o.result)}
            {o.full && ` · ${t("outcomeFull")}`}
            {o.held && ` · ${t("outcomeHeld")}`}
            {o.reference && ` (${o.reference})`}
          </li>
        ))}
      </ul>
    </section>
  );
}
