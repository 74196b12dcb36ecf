"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import type { RegistryRow } from "@/lib/cases/registry";
import type { Option } from "@/lib/cases/registry-options";

/** The registry's rows, each case number leading to its case. */
export function RegistryTable({ rows, regions, busy }: { rows: RegistryRow[]; regions: Option[]; busy: boolean }) {
  const t = useTranslations("registry");
  const tEnum = useTranslations("enums");
  const locale = useLocale() as "en" | "ru" | "kk";
  const regionName = (id: string) => regions.find((r) => r.value === id)?.[locale] ?? "—";
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" aria-busy={busy}>
      <table className="w-full border-collapse text-sm" data-testid="registry-table">
        <thead className="bg-slate-50 text-left">
          <tr>
            {(["caseNumber", "name", "age", "region", "prosecution", "status", "risk", "caseworker"] as const).map((column) => (
              <th key={column} scope="col" className="px-3 py-2 font-medium">
                {t(`columns.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-t border-slate-100">
              <td className="whitespace-nowrap px-3 py-2 font-mono">
                <Link href={`/cases/${row.id}`} className="text-sky-800 underline">
                  {row.caseNumber}
                </Link>
              </td>
              <td className="px-3 py-2">
                {row.name}
                {row.unaccompaniedMinor && (
                  <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">{t("unaccompanied")}</span>
                )}
                {row.overdueTask && (
                  <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs text-red-900" data-testid="overdue-task">
                    {t("overdueTask")}
                  </span>
                )}
              </td>
              <td className="px-3 py-2">
                {tEnum(`age.${row.ageCategory}`)} · {row.birthYear}
              </td>
              <td className="px-3 py-2">{regionName(row.regionId)}</td>
              <td className="px-3 py-2">{tEnum(`prosecution.${row.prosecutionStatus}`)}</td>
              <td className="px-3 py-2">{tEnum(`caseStatus.${row.caseStatus}`)}</td>
              <td className="px-3 py-2">{tEnum(`risk.${row.riskLevel}`)}</td>
              <td className="px-3 py-2">{row.caseworkerName ?? t("unassigned")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="px-3 py-6 text-center text-slate-600">{t("empty")}</p>}
    </div>
  );
}
