import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { Worklist as WorklistData } from "@/lib/home/worklist";
import { labelIn } from "@/lib/i18n/locales";
import { formatNumber } from "@/lib/i18n/format";

/** The caseworker's list of cases needing action now, most urgent first, each one click from its case. */
export async function Worklist({ worklist }: { worklist: WorklistData }) {
  const [t, locale] = await Promise.all([getTranslations("home.worklist"), getLocale()]);
  return (
    <section aria-labelledby="worklist-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="worklist">
      <h2 id="worklist-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {worklist.items.length === 0 ? (
        <p className="mt-2 text-slate-700">{t("empty")}</p>
      ) : (
        <ol className="mt-3 divide-y divide-slate-100">
          {worklist.items.map((item) => (
            <li
              key={`${item.kind}-${item.caseId}-${"program" in item ? item.program : ""}`}
              className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2"
              data-testid="work-item"
              data-kind={item.kind}
            >
              <span
                className={`rounded px-1.5 py-0.5 text-xs font-medium ${item.kind === "programOverdue" ? "bg-amber-200 text-amber-950" : item.kind === "referralWaiting" ? "bg-sky-100 text-sky-950" : "bg-slate-100 text-slate-800"}`}
              >
                {t(`kind.${item.kind}`)}
              </span>
              <Link href={`/cases/${item.caseId}`} className="font-medium text-sky-800 underline">
                {item.name}
              </Link>
              <span className="whitespace-nowrap font-mono text-sm text-slate-600">{item.caseNumber}</span>
              <span className="text-sm text-slate-700">
                {item.kind === "referralWaiting"
                  ? t("referralWaiting", { program: item.program, days: formatNumber(locale, item.days) })
                  : t(item.kind, {
                      types: item.types.map((type) => labelIn(locale, type)).join(", "),
                      days: formatNumber(locale, item.days),
                      target: worklist.targetDays,
                    })}
              </span>
            </li>
          ))}
        </ol>
      )}
      {worklist.more && (
        <p className="mt-2 text-sm">
          <Link href="/review" className="text-sky-800 underline">
            {t("more")}
          </Link>
        </p>
      )}
    </section>
  );
}
