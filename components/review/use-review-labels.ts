"use client";

import { useLocale } from "next-intl";
import type { ReviewOptions } from "@/lib/review/review-options";
import { labelIn, type Labels } from "@/lib/i18n/locales";

/** Names of the queue's reference data in the page's language, for its table and its bulk actions alike. */
export function useReviewLabels(options: ReviewOptions) {
  const locale = useLocale();
  const label = (l: Labels) => labelIn(locale, l);
  const regionName = (id: string) => label(options.regions.find((r) => r.value === id) ?? { en: "—", ru: "—", kk: "—" });
  const typeName = (code: string) => label(options.programTypes.find((p) => p.value === code) ?? { en: code, ru: code, kk: code });
  return { locale, label, regionName, typeName };
}
