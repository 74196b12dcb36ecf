export const LOCALES = ["en", "ru", "kk"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "zhusan.locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Reference data carry their label in each language; this picks the one for the page's language. */
export type Labels = { en: string; ru: string; kk: string };
export function labelIn(locale: string, labels: Labels): string {
  return isLocale(locale) ? labels[locale] : labels[DEFAULT_LOCALE];
}
