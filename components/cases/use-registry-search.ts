"use client";

import { useEffect, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { RegistryPage } from "@/lib/cases/registry";
import type { RegistryFilters } from "@/lib/validation/registry";
import { searchCasesAction } from "@/app/(app)/cases/actions";

const REGISTRY_QUERY_KEY_PREFIX = "zhusan.registry.query.";

/**
 * The registry's search and its pages of results. The query is kept for the tab in
 * sessionStorage, never in the URL (names stay out of addresses and server logs), so coming Back
 * from a case shows the same results. The key names the user, so another account signing in on
 * the same tab never sees it, and signing out clears it.
 */
export function useRegistrySearch(filters: RegistryFilters, initial: RegistryPage, userId: string) {
  const t = useTranslations("registry");
  const [page, setPage] = useState(initial);
  const [query, setQuery] = useState("");
  const [submitted, setSubmitted] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

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

  const storageKey = `${REGISTRY_QUERY_KEY_PREFIX}${userId}`;

  function search(q: string) {
    setSubmitted(q);
    if (q) sessionStorage.setItem(storageKey, q);
    else sessionStorage.removeItem(storageKey);
    load(q, null);
  }

  // Back from a case: the search the person made in this tab is shown again. sessionStorage exists
  // only in the browser, so the kept search is read after the first render, never during it.
  useEffect(() => {
    const kept = sessionStorage.getItem(storageKey);
    if (!kept) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the field shows the search restored from the browser's storage
    setQuery(kept);
    search(kept);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on arrival: later searches go through the form
  }, []);

  return {
    page,
    query,
    setQuery,
    error,
    pending,
    search: () => search(query.trim()),
    more: () => load(submitted, page.nextCursor),
  };
}
