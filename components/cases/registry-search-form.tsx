"use client";

import type { FormEvent } from "react";
import { useTranslations } from "next-intl";

type Props = { query: string; onQueryChange: (query: string) => void; onSearch: () => void; pending: boolean };

/** The registry's search box, first on the page and focused. */
export function RegistrySearchForm({ query, onQueryChange, onSearch, pending }: Props) {
  const t = useTranslations("registry");
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSearch();
  }
  return (
    <form onSubmit={submit} role="search" className="flex flex-wrap items-end gap-2">
      <div className="flex-1">
        <label htmlFor="registry-search" className="block text-sm font-medium">
          {t("searchLabel")}
        </label>
        <input
          id="registry-search"
          name="q"
          value={query}
          onChange={(e) => onQueryChange(e.target.value)}
          maxLength={100}
          autoFocus
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
  );
}
