"use client";

import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import type { RegistryPage } from "@/lib/cases/registry";
import type { Option } from "@/lib/cases/registry-options";
import type { RegistryFilters } from "@/lib/validation/registry";
import { SEARCH_CAP } from "@/lib/search/search-cap";
import { RegistrySearchForm } from "./registry-search-form";
import { RegistryTable } from "./registry-table";
import { useRegistrySearch } from "./use-registry-search";

type Props = { filters: RegistryFilters; initial: RegistryPage; regions: Option[]; userId: string; filtersForm: ReactNode };

/** The search comes first, focused; the filters (a plain GET form, rendered by the page) follow it. */
export function CaseRegistry({ filters, initial, regions, userId, filtersForm }: Props) {
  const t = useTranslations("registry");
  const { page, query, setQuery, error, pending, search, more } = useRegistrySearch(filters, initial, userId);
  return (
    <div className="space-y-4">
      <RegistrySearchForm query={query} onQueryChange={setQuery} onSearch={search} pending={pending} />
      {filtersForm}
      <div aria-live="polite">
        {error ? (
          <p role="alert" className="text-sm text-red-800">
            {error}
          </p>
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
      <RegistryTable rows={page.rows} regions={regions} busy={pending} />
      {page.nextCursor && (
        <button type="button" disabled={pending} onClick={more} className="rounded border border-slate-300 px-4 py-2 hover:bg-slate-100">
          {t("more")}
        </button>
      )}
    </div>
  );
}
