"use client";

import Link from "next/link";
import { useState, useTransition, type FormEvent } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { RegistryPage, RegistryRow } from "@/lib/cases/registry";
import type { Option } from "@/lib/cases/registry-options";
import type { RegistryFilters } from "@/lib/validation/registry";
import { SEARCH_CAP } from "@/lib/search/search-cap";
import { searchCasesAction } from "@/app/(app)/cases/actions";

type Props = { filters: RegistryFilters; initial: RegistryPage; regions: Option[] };

export function CaseRegistry({ filters, initial, regions }: Props) {
  const t = useTranslations("registry");
  const tEnum = useTranslations("enums");
  const locale = useLocale() as "en" | "ru" | "kk";
  const [page, setPage] = useState(initial);
  const [query, setQuery] = useState("");
  const [submitted, setSubmitted] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const regionName = (id: string) => regions.find((r) => r.value === id)?.[locale] ?? "—";

  function load(q: string, cursor: string | null) {
    startTransition(async () => {
      const result = await searchCasesAction({ ...filters, q, cursor: cursor ?? undefined });
      if (!result.ok) {
        setError(t(result.message));
        return;
      }
      setError(null);
      setPage((previous) => (cursor ? { ...result.page, rows: [...previous.rows, ...result.page.rows] } : result.page));
    });
  }

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(query);
    load(query, null);
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSearch} role="search" className="flex flex-wrap items-end gap-2">
        <div className="flex-1">
          <label htmlFor="registry-search" className="block text-sm font-medium">
            {t("searchLabel")}
          </label>
          <input
            id="registry-search"
            name="q"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            maxLength={100}
            aria-describedby="registry-search-hint"
            className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
          />
          <p id="registry-search-hint" className="mt-1 text-xs text-slate-600">
            {t("searchHint")}
          </p>
        </div>
        <button type="submit" disabled={pending} className="rounded bg-sky-800 px-4 py-2 text-white hover:bg-sky-900 disabled:opacity-60">
          {t("search")}
        </button>
      </form>
      <div aria-live="polite">
        {error ? (
          <p role="alert" className="text-sm text-red-800">{error}</p>
        ) : (
          <>
            <p className="text-sm text-slate-700" data-testid="registry-total">
              {t("total", { count: page.total })}
            </p>
            {page.searchCapped && (
              <p className="mt-1 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="search-capped">
                {t("searchCapped", { cap: SEARCH_CAP })}
              </p>
            )}
          </>
        )}
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" aria-busy={pending}>
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
            {page.rows.map((row: RegistryRow) => (
              <tr key={row.id} className="border-t border-slate-100">
                <td className="whitespace-nowrap px-3 py-2 font-mono">
                  <Link href={`/cases/${row.id}`} className="text-sky-800 underline">
                    {row.caseNumber}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  {row.name}
                  {row.unaccompaniedMinor && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">{t("unaccompanied")}</span>}
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
        {page.rows.length === 0 && <p className="px-3 py-6 text-center text-slate-600">{t("empty")}</p>}
      </div>
      {page.nextCursor && (
        <button type="button" disabled={pending} onClick={() => load(submitted, page.nextCursor)} className="rounded border border-slate-300 px-4 py-2 hover:bg-slate-100">
          {t("more")}
        </button>
      )}
    </div>
  );
}
