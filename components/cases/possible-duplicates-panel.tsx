"use client";

import { useLocale, useTranslations } from "next-intl";
import type { DuplicateAnswer } from "@/lib/cases/possible-duplicates";
import { formatDay } from "@/lib/i18n/format";

export type LiveCheck =
  { kind: "idle" } | { kind: "checking" } | { kind: "answer"; answer: DuplicateAnswer } | { kind: "limited" } | { kind: "unavailable" };

/**
 * Possible duplicates beside the new-case form, announced as they change. Matches in reach open
 * in a new tab, so that nothing typed here is lost; matches out of reach name only the region
 * to ask. The confirmation box belongs to the list it confirms: a new list unticks it.
 */
export function PossibleDuplicatesPanel({ check, limit, confirmed }: { check: LiveCheck; limit: number; confirmed: boolean }) {
  const t = useTranslations("newCase");
  const locale = useLocale() as "en" | "ru" | "kk";
  const answer = check.kind === "answer" ? check.answer : null;
  const found = answer !== null && (answer.inReach.length > 0 || answer.elsewhere.length > 0);
  return (
    <aside
      aria-labelledby="duplicates-title"
      className={`h-fit rounded-lg border p-4 lg:sticky lg:top-4 lg:col-start-2 lg:row-span-2 lg:row-start-1 ${found ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`}
    >
      <h2 id="duplicates-title" className="font-semibold">
        {t("duplicatesTitle")}
      </h2>
      <div aria-live="polite" data-testid="possible-duplicates" className="mt-2 space-y-2 text-sm">
        {check.kind === "idle" && <p className="text-slate-600">{t("duplicatesHint")}</p>}
        {check.kind === "checking" && <p className="text-slate-600">{t("duplicatesChecking")}</p>}
        {check.kind === "limited" && (
          <p role="alert" className="text-red-800">
            {t("duplicatesLimited", { limit })}
          </p>
        )}
        {check.kind === "unavailable" && <p className="text-slate-600">{t("duplicatesUnavailable")}</p>}
        {answer && !found && <p>{t("noDuplicates")}</p>}
        {answer && found && (
          <ul className="space-y-2">
            {answer.inReach.map((d) => (
              <li key={d.id}>
                <a href={`/cases/${d.id}`} target="_blank" rel="noopener noreferrer" className="font-mono text-sky-800 underline">
                  {d.caseNumber}
                  <span className="sr-only"> {t("opensInNewTab")}</span>
                </a>{" "}
                · {d.name} · {t("born", { date: formatDay(locale, d.birthDate) })} · {d.region[locale]} · {t(`why.${d.why}`)}
              </li>
            ))}
            {answer.elsewhere.map((d) => (
              <li key={d.region.en}>{t(`elsewhere.${d.why}`, { region: d.region[locale] })}</li>
            ))}
          </ul>
        )}
      </div>
      {answer && found && (
        <label className="mt-3 flex items-start gap-2 text-sm">
          <input key={JSON.stringify(answer)} type="checkbox" name="confirmNotDuplicate" defaultChecked={confirmed} className="mt-1" />{" "}
          {t("confirmNotDuplicate")}
        </label>
      )}
    </aside>
  );
}
