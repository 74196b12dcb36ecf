"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { QueueRow } from "@/lib/review/queue";
import type { ReviewOptions } from "@/lib/review/review-options";
import { formatNumber } from "@/lib/i18n/format";
import { useReviewLabels } from "./use-review-labels";

type Props = {
  rows: QueueRow[];
  options: ReviewOptions;
  targetDays: number;
  /** Remounts the rows unticked after each answer. */
  round: number;
  selected: number;
  onSelectPage: (checked: boolean) => void;
  onSelect: () => void;
};

/** The people waiting for review, overdue ones marked, with a box to tick each for those who may act. */
export function QueueTable({ rows, options, targetDays, round, selected, onSelectPage, onSelect }: Props) {
  const t = useTranslations("review");
  const tEnum = useTranslations("enums");
  const { locale, regionName, typeName } = useReviewLabels(options);
  return (
    <>
      <p className="flex items-center gap-2 text-sm text-slate-700" data-testid="overdue-legend">
        <span className="inline-block size-4 shrink-0 rounded border border-amber-300 bg-amber-50" aria-hidden="true" />
        {t("overdueLegend", { target: targetDays })}
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="w-full border-collapse text-sm" data-testid="review-table">
          <thead className="bg-slate-50 text-left">
            <tr>
              {options.canAct && (
                <th scope="col" className="px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label={t("selectPage")}
                    checked={rows.length > 0 && selected === rows.length}
                    onChange={(e) => onSelectPage(e.target.checked)}
                    data-testid="select-page"
                  />
                </th>
              )}
              {(["person", "age", "region", "prosecution", "missing", "sinceReturn", "waiting", "caseworker"] as const).map((column) => (
                <th key={column} scope="col" className="px-3 py-2 font-medium">
                  {t(`columns.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody key={round}>
            {rows.map((row) => (
              <tr
                key={row.id}
                className={`border-t border-slate-100 ${row.overdue ? "bg-amber-50" : ""}`}
                data-testid="review-row"
                data-overdue={row.overdue}
                data-case={row.id}
                data-missing={row.missingTypes.join(",")}
              >
                {options.canAct && (
                  <td className="px-3 py-2">
                    <input
                      type="checkbox"
                      name="selected"
                      value={`${row.id}:${row.version}`}
                      aria-label={t("selectPerson", { name: row.name })}
                      onChange={onSelect}
                    />
                  </td>
                )}
                {/* The case number under the name: one column fewer, so the table fits 1366 px in every language. */}
                <td className="px-3 py-2">
                  {row.name}
                  <Link href={`/cases/${row.id}`} className="block whitespace-nowrap font-mono text-sky-800 underline">
                    {row.caseNumber}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  {tEnum(`age.${row.ageCategory}`)} · {row.age}
                </td>
                <td className="px-3 py-2">{regionName(row.regionId)}</td>
                <td className="px-3 py-2">{tEnum(`prosecution.${row.prosecutionStatus}`)}</td>
                <td className="px-3 py-2">{row.missingTypes.map(typeName).join(", ")}</td>
                <td className="px-3 py-2 text-right tabular-nums">{formatNumber(locale, row.daysSinceReturn)}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {formatNumber(locale, row.daysWaiting)}
                  {row.overdue && (
                    <span className="mt-1 block whitespace-nowrap rounded bg-amber-200 px-1.5 py-0.5 text-center text-xs text-amber-950">
                      {t("overdue")}
                    </span>
                  )}
                </td>
                <td className="px-3 py-2">{row.caseworkerName ?? t("unassigned")}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="px-3 py-6 text-center text-slate-600">{t("empty")}</p>}
      </div>
    </>
  );
}
